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
    for (const patron of [emailed, printed]) {
      // 7 days overdue (escalation #1) and 2 days (the plain overdue notice): one document (separation group "overdue").
      loans.push(await addLoan(suite.lib.sql, patron.id, "2026-05-01"), await addLoan(suite.lib.sql, patron.id, "2026-05-06"));
    }
    const run = await replayAndWait("2026-05-09", ["overdue", "overdue-escalation"]);

    const [mail, ...more] = await mailTo(emailed.email!);
    expect(more).toHaveLength(0);
    expect(mail.subject).toBe("Overdue reminder: 1 week"); // the escalation outranks the plain notice at level 1
    const name = `Pat Ron ${emailed.cardNumber.slice(1)}`;
    for (const part of [mail.html as string, mail.text!]) {
      expect(count(part, "Dear ")).toBe(1);
      expect(count(part, "Yours sincerely")).toBe(1);
    }
    expect(oneLine(mail.text!)).toMatch(new RegExp([
      `^Test Library Dear ${name},`,
      `Overdue reminder: 1 week These items are a week or more overdue\\. TITLE .*${loans[0].title}`,
      `Your loans are overdue These items are now overdue\\. Please return or renew them\\. TITLE .*${loans[1].title}`,
      "Yours sincerely, Test Library -+ Test Library$",
    ].join(".*")));

    const { html, notices } = await renderPrintRun(suite.lib.db, run.runId);
    expect(notices).toBe(1);
    expect(count(html, "Dear ")).toBe(1);
    expect(count(html, "Yours sincerely")).toBe(1);
    expect(html.match(/<h2[^>]*>[^<]*<\/h2>/g)?.map((h) => h.replace(/<[^>]+>/g, ""))).toEqual(["Overdue reminder: 1 week", "Your loans are overdue"]);
  });
});
