import { describe, expect, it } from "vitest";
import { renderNotice, renderSupplierOrder } from "./compose";
import { chooseLanguage } from "./labels";
import { placeholderPaths, sampleContext, sampleNoticeContext, type OrderContext } from "./placeholders";
import { validateField, validateTemplateText } from "./validate";
import { SAMPLE_BRAND } from "@/emails/components/frame";

describe("validateField", () => {
  // One row per rule: the text, the family, and the problem expected (null: valid).
  it.each([
    ["a placeholder the family has", "Dear {{ patron.first_name }},", "LOAN", null],
    ["a loop over the family's list", "{% for loan in loans %}{{ loan.title | upcase }} {{ forloop.index }}{% endfor %}", "LOAN", null],
    ["list size, first and last", "{{ loans.size }} {{ loans.first.title }} {{ loans.last.due_date }}", "LOAN", null],
    ["assign then use", "{% assign n = charges.size %}{{ n }} {{ total_due }}", "CHARGE", null],
    ["a filter with a default", "{{ supplier.contact_name | default: supplier.name }}", "SUPPLIER_ORDER", null],
    ["an unknown placeholder, with its line", "Hello\n\n{{ patron.frist_name }}", "LOAN", { line: 3, name: "patron.frist_name" }],
    ["an unknown root", "{{ librarry.name }}", "ACCOUNT", { line: 1, name: "librarry.name" }],
    ["another family's list", "{{ loans.size }}", "RESERVATION", { line: 1, name: "loans.size" }],
    ["a misspelt field of a loop item", "x\n{% for loan in loans %}\n{{ loan.titel }}{% endfor %}", "LOAN", { line: 3, name: "loan.titel" }],
    ["a placeholder in a branch not taken", "{% if contact.is_patron %}ok{% else %}{{ patron.nmae }}{% endif %}", "LOAN", { line: 1, name: "patron.nmae" }],
    ["an unclosed tag, with its line", "one\n{% if contact.is_patron %}\nthree", "LOAN", { line: 2, name: null, message: /not closed/ }],
    ["a syntax error", "ok\n{{ patron.name", "LOAN", { line: 2, name: null, message: /not closed/ }],
    ["file access (include)", "{% include 'secrets' %}", "LOAN", { line: 1, message: /include.*not found/ }],
    ["file access (render)", "{% render '/etc/passwd' %}", "LOAN", { line: 1, message: /render.*not found/ }],
    ["an unknown filter", "{{ patron.name | shell }}", "LOAN", { line: 1, message: /undefined filter: shell/ }],
    ["prototype walking", "{{ patron.constructor.name }}", "LOAN", { name: "patron.constructor.name" }],
  ] as const)("%s", (_label, source, family, expected) => {
    const problem = validateField("body", source, family);
    if (expected === null) return expect(problem).toBeNull();
    expect(problem).not.toBeNull();
    if ("line" in expected) expect(problem!.line).toBe(expected.line);
    if ("name" in expected) expect(problem!.name).toBe(expected.name);
    if ("message" in expected) expect(problem!.message).toMatch(expected.message);
  });

  it("refuses a subject on two lines and an empty message, allows an empty closing", () => {
    const problems = validateTemplateText({ subject: "One\nTwo", body: "  ", closing: "" }, "LOAN");
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ["subject", "the subject must be one line"],
      ["body", "the body cannot be empty"],
    ]);
  });

  it("reports each field's problem separately", () => {
    const problems = validateTemplateText({ subject: "{{ nope }}", body: "ok", closing: "{% for %}" }, "CHARGE");
    expect(problems.map((p) => p.field)).toEqual(["subject", "closing"]);
  });
});

describe("placeholders", () => {
  it("lists each family's own placeholders only", () => {
    expect(placeholderPaths("LOAN")).toEqual(expect.arrayContaining(["patron.first_name", "loans", "loans[].due_date", "library.opening_hours"]));
    expect(placeholderPaths("LOAN")).not.toContain("reservations");
    expect(placeholderPaths("CHARGE")).toEqual(expect.arrayContaining(["charges[].balance", "total_due"]));
    expect(placeholderPaths("SUPPLIER_ORDER")).toEqual(expect.arrayContaining(["order.lines[].isbn", "supplier.account_number"]));
    expect(placeholderPaths("SUPPLIER_ORDER")).not.toContain("patron.name");
  });
});

describe("chooseLanguage", () => {
  it.each([
    [["en", "cy"], "cy", "en", "cy"],
    [["en", "cy"], "pl", "en", "en"], // no Polish: the library's language
    [["en", "fr"], "fr-CA", "en", "fr"], // same primary language
    [["en-GB", "cy"], "en", "en-GB", "en-GB"],
    [["cy"], null, "en", "cy"], // only Welsh exists
    [["en", "cy"], "CY", "en", "cy"], // tags are case-insensitive
  ] as const)("available %j, patron %s, library %s -> %s", (available, preferred, library, expected) => {
    expect(chooseLanguage(available, preferred, library)).toBe(expected);
  });
});

describe("escaping", () => {
  const evil = "<img src=x onerror=alert(1)>";

  it("shows patron and item data as text in the email, never as markup", async () => {
    const context = sampleNoticeContext("LOAN");
    context.patron = { ...context.patron, first_name: evil, name: evil };
    context.contact = { name: evil, is_patron: true };
    context.loans = [{ ...context.loans[0], title: `<script>alert("t")</script>`, author: `"><b>x</b>` }];
    const { subject, html, text } = await renderNotice({
      brand: { ...SAMPLE_BRAND, name: `<i>Library</i>` },
      language: "en",
      sections: [{ family: "LOAN", showItemCost: false, context, text: { subject: "For {{ patron.first_name }}", body: "Dear {{ contact.name }},\n\n{{ patron.name | upcase }}", closing: "" } }],
    });
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<IMG SRC=X");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>x</b>");
    expect(html).not.toContain("<i>Library</i>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;");
    expect(text).toContain(`Dear ${evil},`);
    expect(subject).toBe(`For ${evil}`);
  });

  it("escapes supplier data in a purchase order", async () => {
    const context = sampleContext("SUPPLIER_ORDER") as OrderContext;
    context.supplier.name = evil;
    context.order.lines[0].title = evil;
    const { html } = await renderSupplierOrder({ brand: SAMPLE_BRAND, language: "en", context, text: { subject: "s", body: "{{ supplier.name }}", closing: "" } });
    expect(html).not.toContain("<img src=x");
    expect(html.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)?.length).toBe(3); // each place the two fields show, escaped
  });
});
