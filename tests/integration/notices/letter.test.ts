import { describe, expect, it } from "vitest";
import { renderPrintRun } from "@/lib/notices/print-run";
import { engineSuite } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";

// One letter reads as one letter (ARCHITECTURE.md, Templates: "One letter"), through the real send path and print
// form with the seeded templates: a real database, worker and SMTP server.
const suite = engineSuite("letter");
const { replayAndWait, mailTo } = suite;

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("a delivery of several scenarios", () => {
  it("is one letter in the email and on paper: one greeting, a heading per section, one closing", async () => {
    const emailed = await addPatron(suite.lib.sql);
    const printed = await addPatron(suite.lib.sql, { email: null }); // print fallback
    const loans = [];
    // The reservation notice joins the overdue letters' separation group for this test, so they share a document.
    await suite.lib.sql.query(`UPDATE "Scenario" SET "separationGroup" = 'overdue' WHERE code = 'reservation-ready'`);
    for (const patron of [emailed, printed]) {
      // 7 days overdue (escalation #1) and a reservation ready today: one document.
      loans.push(await addLoan(suite.lib.sql, patron.id, "2026-05-01"));
      await suite.lib.sql.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "readyAt", "pickupBy")
        VALUES ($1, 'A reserved book', (SELECT id FROM "Branch" LIMIT 1), 'READY_FOR_PICKUP', '2026-05-09T09:00:00Z', '2026-05-16')`, [patron.id]);
    }
    const run = await replayAndWait("2026-05-09", ["overdue-escalation", "reservation-ready"]); // (engineSuite restores the group)

    const [mail, ...more] = await mailTo(emailed.email!);
    expect(more).toHaveLength(0);
    expect(mail.subject).toBe("Overdue reminder: 1 week"); // the escalation outranks a plain notice at level 1
    const name = `Pat Ron ${emailed.cardNumber.slice(1)}`;
    for (const part of [mail.html as string, mail.text!]) {
      expect(count(part, "Dear ")).toBe(1);
      expect(count(part, "Yours sincerely")).toBe(1);
    }
    expect(oneLine(mail.text!)).toMatch(new RegExp([
      `^Test Library Dear ${name},`,
      `Overdue reminder: 1 week These items are a week or more overdue\\. TITLE .*${loans[0].title}`,
      `Your reservation is ready These items are waiting for you at the pickup branch\\. .*A reserved book`,
      "Yours sincerely, Test Library -+ Test Library$",
    ].join(".*")));

    const { html, notices } = await renderPrintRun(suite.lib.db, run.runId);
    expect(notices).toBe(1);
    expect(count(html, "Dear ")).toBe(1);
    expect(count(html, "Yours sincerely")).toBe(1);
    expect(html.match(/<h2[^>]*>[^<]*<\/h2>/g)?.map((h) => h.replace(/<[^>]+>/g, ""))).toEqual(["Overdue reminder: 1 week", "Your reservation is ready"]);
  });
});

describe("the frame in the letter's language", () => {
  it("gives a Welsh patron the Welsh opening hours and footer, by email and on paper, and others the library's own", async () => {
    await suite.lib.sql.query(`UPDATE "LibrarySettings" SET "openingHours" = 'Mon-Fri 9:00-19:00', "footerText" = 'Renew online at test-library.example.',
      "frameTranslations" = '{"cy": {"openingHours": "Llun-Gwener 9:00-19:00", "footerText": "Adnewyddwch ar-lein yn test-library.example."}}'`);
    const welsh = await addPatron(suite.lib.sql);
    const welshOnPaper = await addPatron(suite.lib.sql, { email: null });
    const english = await addPatron(suite.lib.sql);
    const englishOnPaper = await addPatron(suite.lib.sql, { email: null });
    for (const patron of [welsh, welshOnPaper]) {
      await suite.lib.sql.query(`UPDATE "Patron" SET "preferredLanguage" = 'cy' WHERE id = $1`, [patron.id]);
    }
    for (const patron of [welsh, welshOnPaper, english, englishOnPaper]) await addLoan(suite.lib.sql, patron.id, "2026-06-01");
    const run = await replayAndWait("2026-06-03", ["overdue"]);

    const [cy] = await mailTo(welsh.email!);
    expect(cy.headers.get("content-language")).toBe("cy");
    expect(oneLine(cy.text!)).toMatch(new RegExp(`^Test Library Annwyl Pat Ron ${welsh.cardNumber.slice(1)}, Mae'r eitemau hyn yn hwyr\\.`));
    expect(oneLine(cy.text!)).toMatch(/Yn gywir, Test Library -+ Test Library Oriau agor: Llun-Gwener 9:00-19:00 Adnewyddwch ar-lein yn test-library\.example\.$/);
    for (const part of [cy.html as string, cy.text!]) {
      expect(part).not.toContain("Renew online");
      expect(part).not.toContain("Opening hours");
      expect(part).not.toContain("Dear");
    }

    const [en] = await mailTo(english.email!);
    expect(oneLine(en.text!)).toMatch(/Yours sincerely, Test Library -+ Test Library Opening hours: Mon-Fri 9:00-19:00 Renew online at test-library\.example\.$/);

    // The run's print form: a page each for this test's two patrons on paper (any other test's patrons overdue on 3 Jun
    // have pages too, and are not this test's business), the Welsh one in Welsh, the other in English.
    const { html } = await renderPrintRun(suite.lib.db, run.runId);
    const pages = html.split('data-testid="printed-notice"').slice(1);
    const pageOf = (patron: { cardNumber: string }) => {
      const found = pages.filter((p) => p.includes(`Pat Ron ${patron.cardNumber.slice(1)}`));
      expect(found).toHaveLength(1);
      return found[0];
    };
    const cyPage = pageOf(welshOnPaper);
    expect(oneLine(cyPage)).toContain(`Annwyl Pat Ron ${welshOnPaper.cardNumber.slice(1)},`);
    expect(cyPage).toContain("Oriau agor: Llun-Gwener 9:00-19:00");
    expect(cyPage).toContain("Adnewyddwch ar-lein yn test-library.example.");
    expect(cyPage).not.toContain("Renew online");
    const enPage = pageOf(englishOnPaper);
    expect(oneLine(enPage)).toContain(`Dear Pat Ron ${englishOnPaper.cardNumber.slice(1)},`);
    expect(enPage).toContain("Opening hours: Mon-Fri 9:00-19:00");
    expect(enPage).toContain("Renew online at test-library.example.");
    expect(enPage).not.toContain("Oriau agor");
  });
});
