import { describe, expect, it } from "vitest";
import { SAMPLE_BRAND } from "@/emails/components/frame";
import { DEFAULT_SCENARIOS, DEFAULT_TRANSLATIONS } from "@/lib/notices/default-scenarios";
import { letterText } from "@/lib/notices/seed-scenarios";
import { renderNotice, type SectionSource } from "./compose";
import { sampleNoticeContext, type NoticeContext } from "./placeholders";

// A delivery that carries several scenarios is one letter (ARCHITECTURE.md, Templates: "One letter"): one greeting,
// a heading per section, one closing. Real rendering of the seeded wording, HTML and text part alike.

/** The seeded wording of a scenario level (what a fresh library's templates hold). */
function seeded(code: string, level = 1, language = "en") {
  const l = DEFAULT_SCENARIOS.find((s) => s.code === code)!.levels[level - 1];
  const t = language === "en" ? undefined : DEFAULT_TRANSLATIONS[l.subject][language];
  return t ? { subject: t.subject, ...letterText(t.intro, t.closing) } : { subject: l.subject, ...letterText(l.intro) };
}

const loans = sampleNoticeContext("LOAN");
const reservations = sampleNoticeContext("RESERVATION");
const section = (code: string, context: NoticeContext, level = 1, language = "en"): SectionSource => ({
  family: context.reservations.length ? "RESERVATION" : "LOAN", showItemCost: false, context, text: seeded(code, level, language),
});
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("a document of several sections reads as one letter", () => {
  it("Overdue + escalation: one greeting, a heading per section in order, one closing (HTML and text)", async () => {
    const { subject, html, text } = await renderNotice({
      brand: SAMPLE_BRAND, language: "en",
      sections: [section("overdue-escalation", loans), section("overdue", loans)],
    });
    expect(subject).toBe("Overdue reminder: 1 week");
    for (const part of [html, text]) {
      expect(count(part, "Dear ")).toBe(1);
      expect(count(part, "Yours sincerely")).toBe(1);
    }
    expect(oneLine(text)).toMatch(new RegExp([
      "^Riverside Public Library Dear Olivia Taylor,",
      "Overdue reminder: 1 week These items are a week or more overdue\\. TITLE",
      "Your loans are overdue These items are now overdue\\. Please return or renew them\\. TITLE",
      "Yours sincerely, Riverside Public Library -+ Riverside Public Library · 1 Library Square",
    ].join(".*")));
    // Headings are headings in the HTML, one per section.
    expect(html.match(/<h2[^>]*>[^<]*<\/h2>/g)).toEqual([
      expect.stringContaining(">Overdue reminder: 1 week</h2>"), expect.stringContaining(">Your loans are overdue</h2>"),
    ]);
  });

  it("reservation + overdue: one greeting and the first section's closing, once", async () => {
    const { html, text } = await renderNotice({
      brand: SAMPLE_BRAND, language: "en",
      sections: [section("reservation-ready", reservations), section("overdue", loans)],
    });
    for (const part of [html, text]) expect(count(part, "Dear Olivia Taylor,")).toBe(1);
    expect(count(text, "Yours sincerely,")).toBe(1);
    expect(oneLine(text)).toMatch(/Dear Olivia Taylor, Your reservation is ready These items are waiting for you .* Your loans are overdue These items are now overdue\..* Yours sincerely, Riverside Public Library -+/);
  });

  it("a letter to a parent greets the parent and says once whom it is about", async () => {
    const parent = { ...loans, contact: { name: "Sam Taylor", is_patron: false } };
    const { text } = await renderNotice({
      brand: SAMPLE_BRAND, language: "en", sections: [section("overdue-escalation", parent, 3), section("overdue", parent)],
    });
    expect(count(text, "Dear ")).toBe(1);
    expect(oneLine(text)).toContain("Dear Sam Taylor, We are writing to you as a contact for Olivia Taylor. Final overdue notice");
    expect(count(text, "We are writing to you as a contact for")).toBe(1);
  });

  it("a one-section letter has its greeting and closing and no section heading", async () => {
    const { html, text } = await renderNotice({ brand: SAMPLE_BRAND, language: "en", sections: [section("overdue", loans)] });
    expect(html).not.toContain("<h2");
    expect(oneLine(text)).toMatch(/^Riverside Public Library Dear Olivia Taylor, These items are now overdue\. .* Yours sincerely, Riverside Public Library -+/);
  });
});
