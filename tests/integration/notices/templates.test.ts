import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createMailTransport } from "@/lib/mail/transport";
import { renderPrintRun } from "@/lib/notices/print-run";
import { previewTemplate } from "@/lib/templates/preview";
import { saveTemplateVersion } from "@/lib/templates/save-version";
import { sendTemplateTest } from "@/lib/templates/send-test";
import { createStaff } from "../../factories";
import { engineSuite } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";

// Templates in the real send path, preview, test send and print form: a real database, worker and SMTP server.
const suite = engineSuite("templates");
const EVIL = "<img src=x onerror=alert(1)>";

const { replayAndWait, mailTo } = suite;

async function overdueTemplate() {
  return suite.lib.db.template.findUniqueOrThrow({ where: { name: "Your loans are overdue" }, include: { versions: true } });
}

async function staffMember() {
  const { user } = await createStaff(suite.lib.db, { role: "CIRCULATION" });
  return user;
}

describe("templates in a run", () => {
  it("word each notice in the patron's language, and a saved version reaches the next run", async () => {
    const welsh = await addPatron(suite.lib.sql);
    await suite.lib.sql.query(`UPDATE "Patron" SET "preferredLanguage" = 'cy' WHERE id = $1`, [welsh.id]);
    const polish = await addPatron(suite.lib.sql); // no Polish text: the library's language
    await suite.lib.sql.query(`UPDATE "Patron" SET "preferredLanguage" = 'pl' WHERE id = $1`, [polish.id]);
    const welshLoan = await addLoan(suite.lib.sql, welsh.id, "2026-03-01");
    const polishLoan = await addLoan(suite.lib.sql, polish.id, "2026-03-01");

    await replayAndWait("2026-03-03", ["overdue"]);
    const [cy] = await mailTo(welsh.email!);
    expect(cy.subject).toBe("Mae eich benthyciadau yn hwyr");
    expect(cy.text).toContain("Annwyl Pat Ron");
    expect(cy.text).toContain(welshLoan.title);
    expect(cy.headers.get("content-language")).toBe("cy");
    expect(cy.html).toContain('lang="cy"');
    const [pl] = await mailTo(polish.email!);
    expect(pl.subject).toBe("Your loans are overdue");
    expect(pl.text).toContain(polishLoan.title);
    expect(pl.text).toMatch(/DUE\s+DAYS OVERDUE/); // the items as an aligned text table

    const template = await overdueTemplate();
    const staff = await staffMember();
    const english = template.versions.filter((v) => v.language === "en").sort((a, b) => b.version - a.version);
    const saved = await saveTemplateVersion(suite.lib.db, {
      templateId: template.id, language: "en",
      subject: "{{ patron.first_name }}: {{ loans.size }} overdue at {{ branch.name }}",
      body: "Hello {{ contact.name }},\n\n{% for loan in loans %}{{ loan.title }} was due {{ loan.due_date }}.\n{% endfor %}",
      closing: "{{ library.name }}",
    }, staff);
    expect(saved).toEqual({ version: english[0].version + 1, isNew: true });

    // O is sent on every run while overdue: the next day's notice uses the new version.
    try {
      await replayAndWait("2026-03-04", ["overdue"]);
    } finally {
      // The seeded wording back, as the latest version, for the other tests.
      const { subject, body, closing } = english[0];
      await saveTemplateVersion(suite.lib.db, { templateId: template.id, language: "en", subject, body, closing }, staff);
    }
    const mails = await mailTo(polish.email!);
    expect(mails.map((m) => m.subject)).toEqual(["Your loans are overdue", "Pat: 1 overdue at Main Library"]);
    expect(mails[1].text).toContain(`${polishLoan.title} was due 1 Mar 2026.`);
    // The Welsh text was not edited: still version 1 in Welsh.
    expect((await mailTo(welsh.email!)).map((m) => m.subject)).toEqual(["Mae eich benthyciadau yn hwyr", "Mae eich benthyciadau yn hwyr"]);
  });

  it("keeps one document in one language: Welsh only when every section's template has Welsh", async () => {
    const welsh = await addPatron(suite.lib.sql);
    await suite.lib.sql.query(`UPDATE "Patron" SET "preferredLanguage" = 'cy' WHERE id = $1`, [welsh.id]);
    const loan = await addLoan(suite.lib.sql, welsh.id, "2026-05-01");
    const recent = await addLoan(suite.lib.sql, welsh.id, "2026-05-06");
    // 7 days overdue, and 2: the overdue notice (has Welsh) and escalation level 1 (English only) share a document; the
    // escalation lists both loans (every overdue loan), so the overdue section lists none.
    await replayAndWait("2026-05-09", ["overdue", "overdue-escalation"]);
    const [mail, ...more] = await mailTo(welsh.email!);
    expect(more).toHaveLength(0);
    expect(mail.headers.get("content-language")).toBe("en");
    expect(mail.subject).toBe("Overdue reminder: 1 week"); // the escalation's English text: it outranks Overdue at level 1
    expect(mail.text).toContain("These items are a week or more overdue.");
    expect(mail.text).not.toContain("Annwyl");
    expect(mail.text).toContain(loan.title);
    expect(mail.text).toContain(recent.title);
  });
});

describe("saving a template", () => {
  it("refuses text that would not render, naming field and line, and writes nothing", async () => {
    const template = await overdueTemplate();
    const before = await suite.lib.db.templateVersion.count();
    const attempt = saveTemplateVersion(suite.lib.db, {
      templateId: template.id, language: "en", subject: "Overdue {{ patron.nmae }}", body: "Dear you,\n\n{% if x %}\nunclosed", closing: "",
    }, await staffMember());
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    const err = (await attempt.catch((e) => e)) as AppError;
    expect(err.code).toBe("INVALID");
    expect(err.fieldErrors.subject).toEqual(['line 1: unknown placeholder "patron.nmae"']);
    expect(err.fieldErrors.body[0]).toMatch(/^line 3: tag \{% if x %\} not closed/);
    expect(await suite.lib.db.templateVersion.count()).toBe(before);
  });

  it("numbers versions per language without clashes, and saves nothing when nothing changed", async () => {
    const template = await suite.lib.db.template.findUniqueOrThrow({ where: { name: "Your reservation is ready" } });
    const staff = await staffMember();
    const text = (n: number) => ({ templateId: template.id, language: "fr", subject: `Réservation ${n}`, body: "Bonjour {{ contact.name }},", closing: "" });
    const [a, b] = await Promise.all([saveTemplateVersion(suite.lib.db, text(1), staff), saveTemplateVersion(suite.lib.db, text(2), staff)]);
    expect([a.version, b.version].sort()).toEqual([1, 2]);
    // Saving text 2 again: nothing new when it is the latest version; otherwise (text 1 was saved last) version 3.
    const latestIsTwo = b.version === 2;
    expect(await saveTemplateVersion(suite.lib.db, text(2), staff)).toEqual(latestIsTwo ? { version: 2, isNew: false } : { version: 3, isNew: true });
    const french = await suite.lib.db.templateVersion.findMany({ where: { templateId: template.id, language: "fr" } });
    expect(french).toHaveLength(latestIsTwo ? 2 : 3);
    const audit = await suite.lib.db.auditLog.count({ where: { action: "template.save", entityId: String(template.id) } });
    expect(audit).toBe(french.length);
  });
});

describe("preview, test and print", () => {
  it("previews with a real patron's loans, escaping their data, and refuses an unknown card", async () => {
    const patron = await addPatron(suite.lib.sql);
    await suite.lib.sql.query(`UPDATE "Patron" SET "firstName" = $2 WHERE id = $1`, [patron.id, EVIL]);
    const loan = await addLoan(suite.lib.sql, patron.id, "2026-01-05", { title: `<b>Bold</b> & "quoted"` });
    const card = (await suite.lib.sql.query(`SELECT "cardNumber" FROM "Patron" WHERE id = $1`, [patron.id])).rows[0].cardNumber;
    const template = await overdueTemplate();
    const input = { templateId: template.id, language: "en", subject: "For {{ patron.first_name }}", body: "Dear {{ patron.name }},", closing: "", cardNumber: card };

    const preview = await previewTemplate(suite.lib.db, input);
    if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
    expect(preview.data).toBe("patron");
    expect(preview.subject).toBe(`For ${EVIL}`);
    expect(preview.html).not.toContain("<img src=x");
    expect(preview.html).not.toContain("<b>Bold</b>");
    expect(preview.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(preview.html).toContain("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;");
    expect(preview.text).toContain(`<b>Bold</b> & "quoted"`); // the text part is text
    expect(preview.text.split(loan.title)).toHaveLength(2); // the patron's one loan, listed once

    const sample = await previewTemplate(suite.lib.db, { ...input, cardNumber: undefined });
    expect(sample.ok && sample.data).toBe("sample");
    const bad = await previewTemplate(suite.lib.db, { ...input, body: "{{ loans.frist }}" });
    expect(bad.ok).toBe(false);
    await expect(previewTemplate(suite.lib.db, { ...input, cardNumber: "NO-SUCH-CARD" })).rejects.toMatchObject({
      code: "INVALID", fieldErrors: { cardNumber: ["no patron has this card number"] },
    });
  });

  it("emails a test of the editor's text to the staff member", async () => {
    const staff = await staffMember();
    const template = await overdueTemplate();
    const transport = createMailTransport({ host: "127.0.0.1", port: suite.catcher.port, secure: false, poolSize: 1 });
    try {
      const sent = await sendTemplateTest(suite.lib.db, {
        templateId: template.id, language: "en", subject: "Unsaved {{ library.name }}", body: "Hi {{ contact.name }},", closing: "", cardNumber: undefined,
      }, { transport, fallbackFrom: "x@test.example", staff });
      expect(sent.to).toBe(staff.email);
    } finally {
      transport.close();
    }
    const [mail] = await mailTo(staff.email);
    expect(mail.subject).toBe("[Test] Unsaved Test Library");
    expect(mail.text).toContain("Hi Olivia Taylor,");
    // Saving was not needed to test: the stored text is unchanged.
    expect((await overdueTemplate()).versions.some((v) => v.subject.startsWith("Unsaved"))).toBe(false);
  });

  it("prints a run's printed notices one per page, with the window address, escaped", async () => {
    const noEmail = await addPatron(suite.lib.sql, { email: null }); // print fallback
    await suite.lib.sql.query(
      `UPDATE "Patron" SET "lastName" = $2, "addressLine1" = '12 Mill Lane', city = 'Riverside', postcode = 'RV2 3BB' WHERE id = $1`,
      [noEmail.id, EVIL]);
    const other = await addPatron(suite.lib.sql, { email: null });
    const first = await addLoan(suite.lib.sql, noEmail.id, "2026-04-01");
    const second = await addLoan(suite.lib.sql, other.id, "2026-04-01");
    const run = await replayAndWait("2026-04-03", ["overdue"]);
    const printed = await suite.lib.db.delivery.findMany({ where: { runId: run.runId, channel: "PRINT" } });
    expect(printed).toHaveLength(2);

    const { html, notices } = await renderPrintRun(suite.lib.db, run.runId);
    expect(notices).toBe(2);
    expect(html.match(/data-testid="printed-notice"/g)).toHaveLength(2);
    expect(html).toContain("@page");
    expect(html).toContain("12 Mill Lane");
    expect(html).toContain("RV2 3BB");
    expect(html).toContain(first.title);
    expect(html).toContain(second.title);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("Pat &lt;img src=x onerror=alert(1)&gt;");
  });
});
