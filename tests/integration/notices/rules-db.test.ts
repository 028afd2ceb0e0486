// The engine rules the review found wrong or missing (issue 10), each through the real candidate SQL, ledger and
// sending path. Every test sets the configuration it relies on, so none depends on another's leftovers.
import { describe, expect, it } from "vitest";
import { enqueueDeliveries } from "@/lib/notices/enqueue-deliveries";
import { planRun } from "@/lib/notices/plan-run";
import { previewRun } from "@/lib/notices/preview-run";
import { engineSuite, SEND, waitFor } from "./engine-env";
import { addLoan, addPatron, scenarioId } from "./library-factory";
import { findNotice, findNotices } from "./ledger";

const suite = engineSuite("rules");
const sql = () => suite.lib.sql;

/** The subject ids a preview of `code` on `date` would notify, for one patron. */
async function dueFor(date: string, code: string, patronId: number) {
  const { deliveries } = await previewRun(suite.lib.db, { runDate: date, scenarioCodes: [code] });
  const ids = deliveries.filter((d) => d.patronId === patronId).flatMap((d) => d.messages.flatMap((m) => m.notices.map((n) => n.id)));
  return [...new Set(ids)].sort((a, b) => a - b);
}

async function level(code: string, set: string, params: unknown[] = []) {
  await sql().query(`UPDATE "ScenarioLevel" SET ${set} WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code, ...params]);
}

/** Plans `code` on `date` (for every patron of the library) and sends these patrons' deliveries. */
async function planAndSend(date: string, code: string, patronIds: number[]) {
  const plan = await planRun(suite.lib.db, { runDate: date, trigger: "REPLAY", scenarioIds: [await scenarioId(sql(), code)] });
  const deliveries = await suite.lib.db.delivery.findMany({ where: { runId: plan.runId!, patronId: { in: patronIds } }, orderBy: { patronId: "asc" } });
  await enqueueDeliveries(suite.lib.db, suite.queue, deliveries.map((d) => d.id), SEND);
  return waitFor(async () => {
    const done = await suite.lib.db.delivery.findMany({ where: { id: { in: deliveries.map((d) => d.id) } }, orderBy: { patronId: "asc" } });
    return done.every((d) => !["PLANNED", "QUEUED", "SENDING"].includes(d.status)) && done;
  });
}

describe("overdue fines (LF)", () => {
  it("only while the loan is overdue: renewed after its fines reached the level, it is not notified again", async () => {
    await level("overdue-fine", `amount = 5, "periodDays" = 0`);
    const patron = await addPatron(sql());
    const loan = await addLoan(sql(), patron.id, "2026-03-01");
    await sql().query(`INSERT INTO "Charge" ("patronId", "loanId", kind, amount, balance) VALUES ($1, $2, 'OVERDUE_FINE', 6, 6)`, [patron.id, loan.id]);
    expect(await dueFor("2026-03-20", "overdue-fine", patron.id)).toEqual([loan.id]);
    await sql().query(`UPDATE "Loan" SET "dueDate" = '2026-04-10', "renewalsUsed" = 1 WHERE id = $1`, [loan.id]);
    expect(await dueFor("2026-03-20", "overdue-fine", patron.id)).toEqual([]);
  });
});

describe("claimed returned, resolved", () => {
  it("a claim resolved on day 2 gets no day-7 claim notice; its resolution is notified once, even after the loan is returned", async () => {
    await level("claimed-returned", `"periodDays" = 7`);
    await level("claimed-returned-resolved", `"periodDays" = 0`);
    const patron = await addPatron(sql());
    const loan = await addLoan(sql(), patron.id, "2026-05-01", { status: "CLAIMED_RETURNED" });
    await sql().query(`UPDATE "Loan" SET "statusSetAt" = '2026-05-10T10:00:00Z' WHERE id = $1`, [loan.id]);
    const unresolved = await addLoan(sql(), patron.id, "2026-05-01", { status: "CLAIMED_RETURNED" });
    await sql().query(`UPDATE "Loan" SET "statusSetAt" = '2026-05-10T10:00:00Z' WHERE id = $1`, [unresolved.id]);
    // Resolved (and flagged for a notice) on day 2, then returned.
    await sql().query(`UPDATE "Loan" SET "statusResolvedAt" = '2026-05-12T10:00:00Z', "resolvedClaim" = 'CLAIMED_RETURNED',
      "notifyResolution" = true, status = 'RETURNED', "returnedAt" = '2026-05-12T10:00:00Z' WHERE id = $1`, [loan.id]);
    expect(await dueFor("2026-05-17", "claimed-returned", patron.id)).toEqual([unresolved.id]);
    expect(await dueFor("2026-05-12", "claimed-returned-resolved", patron.id)).toEqual([loan.id]);
    // Not flagged for a notice: nothing.
    await sql().query(`UPDATE "Loan" SET "notifyResolution" = false WHERE id = $1`, [loan.id]);
    expect(await dueFor("2026-05-12", "claimed-returned-resolved", patron.id)).toEqual([]);
  });
});

describe("processing charges", () => {
  it("are posted once for a notice that went out, and never for one that failed", async () => {
    await level("overdue-escalation", `"processingChargeCode" = 'NOTICE', "processingChargeAmount" = 0.75`);
    const sent = await addPatron(sql());
    const sentLoan = await addLoan(sql(), sent.id, "2026-06-01");
    const refused = await addPatron(sql(), { email: `refused.${Date.now()}@example.net` });
    await addLoan(sql(), refused.id, "2026-06-01");
    suite.catcher.setRespond((stage, info) => (stage === "rcpt" && info.to.includes(refused.email!) ? { code: 550, message: "no such user" } : undefined));
    try {
      const done = await planAndSend("2026-06-09", "overdue-escalation", [sent.id, refused.id]); // 7 days: level 1
      expect(done.map((d) => [d.patronId, d.status])).toEqual([[sent.id, "SENT"], [refused.id, "FAILED"]]);
    } finally {
      suite.catcher.setRespond(undefined);
    }
    const charges = await suite.lib.db.charge.findMany({ where: { patronId: { in: [sent.id, refused.id] }, kind: "PROCESSING" } });
    const notice = await findNotice(suite.lib.db, { loanId: sentLoan.id, kind: "OE" });
    expect(charges.map((c) => [c.patronId, c.amount.toFixed(2), c.noticeId])).toEqual([[sent.id, "0.75", notice.id]]);
  });
});

describe("a letter whose reason partly went before sending", () => {
  it("an escalation whose triggering loan was returned is left out; the overdue notice it shared a document with still goes", async () => {
    await level("overdue-escalation", `"processingChargeCode" = NULL, "processingChargeAmount" = NULL`);
    const patron = await addPatron(sql());
    const returned = await addLoan(sql(), patron.id, "2026-09-01"); // 7 days overdue on 9 Sep: escalation level 1
    const recent = await addLoan(sql(), patron.id, "2026-09-06"); // 2 days: listed by the escalation at level 0
    const plan = await planRun(suite.lib.db, { runDate: "2026-09-09", trigger: "REPLAY", scenarioIds: await Promise.all(["overdue", "overdue-escalation"].map((c) => scenarioId(sql(), c))) });
    const [delivery] = await suite.lib.db.delivery.findMany({ where: { runId: plan.runId!, patronId: patron.id } });
    await sql().query(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = now() WHERE id = $1`, [returned.id]);
    await enqueueDeliveries(suite.lib.db, suite.queue, [delivery.id], SEND);
    const done = await waitFor(async () => {
      const d = await suite.lib.db.delivery.findFirstOrThrow({ where: { id: delivery.id } });
      return !["PLANNED", "QUEUED", "SENDING"].includes(d.status) && d;
    });
    expect(done.status).toBe("SENT");
    const [mail] = await suite.mailTo(patron.email!);
    expect([mail.subject, mail.text!.includes(recent.title), mail.text!.includes(returned.title)]).toEqual(["Your loans are overdue", true, false]);
    const notices = await findNotices(suite.lib.db, { ids: delivery.noticeIds });
    expect(notices.map((n) => [n.kind, n.loanId, n.level, n.status]).sort()).toEqual([
      ["O", recent.id, 1, "SENT"], ["O", returned.id, 1, "SKIPPED"], ["OE", recent.id, 0, "SKIPPED"], ["OE", returned.id, 1, "SKIPPED"],
    ].sort());
  });

  it("a message to the patron and a parent posts its charge once, even when a loan was returned between the two sends", async () => {
    await level("overdue-escalation", `"processingChargeCode" = 'NOTICE', "processingChargeAmount" = 1.5`);
    const child = await addPatron(sql(), { category: "CHILD", parentEmail: `parent.${Date.now()}@example.org` });
    const first = await addLoan(sql(), child.id, "2026-10-01"); // both 30 days overdue on 1 Nov: level 3 (to the parent too)
    await addLoan(sql(), child.id, "2026-10-01");
    const plan = await planRun(suite.lib.db, { runDate: "2026-11-01", trigger: "REPLAY", scenarioIds: [await scenarioId(sql(), "overdue-escalation")] });
    const deliveries = await suite.lib.db.delivery.findMany({ where: { runId: plan.runId!, patronId: child.id }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => d.contactKind)).toEqual(["SELF", "PARENT"]);
    const sendOne = async (id: number) => {
      await enqueueDeliveries(suite.lib.db, suite.queue, [id], SEND);
      return waitFor(async () => (await suite.lib.db.delivery.findFirstOrThrow({ where: { id } })).status === "SENT");
    };
    await sendOne(deliveries[0].id);
    await sql().query(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = now() WHERE id = $1`, [first.id]);
    await sendOne(deliveries[1].id);
    const charges = await suite.lib.db.charge.findMany({ where: { patronId: child.id, kind: "PROCESSING" } });
    expect(charges.map((c) => c.amount.toFixed(2))).toEqual(["1.50"]);
  });
});

describe("catching up a past slot", () => {
  it("does not plan a reminder before a date that has passed since (the slot's run date is in the past)", async () => {
    await level("pre-overdue", `"periodDays" = 2`);
    const patron = await addPatron(sql());
    await addLoan(sql(), patron.id, "2026-10-06");
    const kept = await addLoan(sql(), patron.id, "2026-10-07");
    const ids = [await scenarioId(sql(), "pre-overdue")];
    const notices = async (today?: string) => (await planRun(suite.lib.db, { runDate: "2026-10-05", today, trigger: "SCHEDULED", scenarioIds: ids, dryRun: true }))
      .preview.filter((d) => d.patronId === patron.id).flatMap((d) => d.messages.flatMap((m) => m.notices.map((n) => n.subjectId)));
    expect(await notices()).toHaveLength(2); // the run as it would have been on 5 Oct
    expect(await notices("2026-10-07")).toEqual([kept.id]); // caught up on 7 Oct: the 6 Oct due date has passed
  });
});

describe("configuration changing under a waiting delivery", () => {
  it("a level removed while its delivery waits: the delivery ends FAILED with the reason, after one attempt", async () => {
    const patron = await addPatron(sql());
    await addLoan(sql(), patron.id, "2026-07-01");
    const plan = await planRun(suite.lib.db, { runDate: "2026-07-02", trigger: "REPLAY", scenarioIds: [await scenarioId(sql(), "reservation-expiring")] });
    expect(plan.deliveries).toBe(0); // (nothing else is planned for this patron)
    // A scenario of its own, so removing its level disturbs no other test.
    const { rows: [s] } = await sql().query(`INSERT INTO "Scenario" (code, kind, name, "updatedAt") VALUES ('gone-${Date.now()}', 'O', 'Gone', now()) RETURNING id`);
    await sql().query(`INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", "templateId")
      SELECT $1, 1, 0, "templateId" FROM "ScenarioLevel" WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'overdue')`, [s.id]);
    const run = await planRun(suite.lib.db, { runDate: "2026-07-03", trigger: "REPLAY", scenarioIds: [s.id] });
    const [delivery] = await suite.lib.db.delivery.findMany({ where: { runId: run.runId!, patronId: patron.id } });
    await sql().query(`DELETE FROM "ScenarioLevel" WHERE "scenarioId" = $1`, [s.id]);
    await enqueueDeliveries(suite.lib.db, suite.queue, [delivery.id], SEND);
    const done = await waitFor(async () => {
      const d = await suite.lib.db.delivery.findFirstOrThrow({ where: { id: delivery.id } });
      return d.status === "FAILED" && d;
    });
    expect(done.attempts).toBe(1);
    expect(done.lastError).toMatch(/no longer exists/);
    expect((await findNotice(suite.lib.db, { id: delivery.noticeIds[0] })).status).toBe("FAILED");
  });

  it("levels renumbered keep their meaning: a loan recorded at the 7-day level is not notified again by a new first level", async () => {
    const { rows: [s] } = await sql().query(`INSERT INTO "Scenario" (code, kind, name, "updatedAt") VALUES ('renumbered-${Date.now()}', 'OE', 'Renumbered', now()) RETURNING id`);
    const template = (await sql().query(`SELECT "templateId" FROM "ScenarioLevel" WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'overdue-escalation') AND level = 1`)).rows[0].templateId;
    await sql().query(`INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", "templateId") VALUES ($1, 1, 7, $2), ($1, 2, 14, $2)`, [s.id, template]);
    const patron = await addPatron(sql());
    const loan = await addLoan(sql(), patron.id, "2026-08-01");
    const levelsOf = async () => (await findNotices(suite.lib.db, { loanId: loan.id, scenarioId: s.id })).map((n) => n.level);
    await planRun(suite.lib.db, { runDate: "2026-08-09", trigger: "REPLAY", scenarioIds: [s.id] }); // 7 days: level 1
    expect(await levelsOf()).toEqual([1]);
    // Staff insert a 3-day level in front: the 7-day level becomes level 2 (same id), the 14-day one level 3.
    await sql().query(`UPDATE "ScenarioLevel" SET level = -level WHERE "scenarioId" = $1`, [s.id]); // (the unique key is checked per row)
    await sql().query(`UPDATE "ScenarioLevel" SET level = 1 - level WHERE "scenarioId" = $1`, [s.id]);
    await sql().query(`INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", "templateId") VALUES ($1, 1, 3, $2)`, [s.id, template]);
    await planRun(suite.lib.db, { runDate: "2026-08-10", trigger: "REPLAY", scenarioIds: [s.id] });
    expect(await levelsOf()).toEqual([1]); // already past the new level 1: recorded at (what is now) level 2
    await planRun(suite.lib.db, { runDate: "2026-08-16", trigger: "REPLAY", scenarioIds: [s.id] }); // 14 days: level 3 now
    expect(await levelsOf()).toEqual([1, 3]); // numbers as they were when recorded
  });
});

describe("rules from the seeds", () => {
  it("LRM reminds with the patron's own period, set at registration", async () => {
    await level("own-reminder", `"periodDays" = 0`);
    const patron = await addPatron(sql());
    const none = await addPatron(sql());
    await sql().query(`UPDATE "Patron" SET "reminderDays" = 3 WHERE id = $1`, [patron.id]);
    const loan = await addLoan(sql(), patron.id, "2026-09-10");
    await addLoan(sql(), none.id, "2026-09-10");
    expect(await dueFor("2026-09-06", "own-reminder", patron.id)).toEqual([]); // 4 days before
    expect(await dueFor("2026-09-07", "own-reminder", patron.id)).toEqual([loan.id]); // 3 days before
    expect(await dueFor("2026-09-07", "own-reminder", none.id)).toEqual([]); // no reminder chosen
  });

  it("invoices only charges whose balance reaches the level's amount, when it has one", async () => {
    await sql().query(`UPDATE "Scenario" SET frequency = 'DAILY' WHERE code = 'invoice'`);
    await level("invoice", `"periodDays" = 7, amount = 5`);
    const patron = await addPatron(sql());
    const { rows } = await sql().query(`INSERT INTO "Charge" ("patronId", kind, amount, balance, "createdAt")
      VALUES ($1, 'DAMAGE', 4.5, 4.5, '2026-09-01T10:00:00Z'), ($1, 'DAMAGE', 6, 6, '2026-09-01T10:00:00Z') RETURNING id`, [patron.id]);
    expect(await dueFor("2026-09-10", "invoice", patron.id)).toEqual([rows[1].id]);
    await level("invoice", `amount = NULL`);
    expect(await dueFor("2026-09-10", "invoice", patron.id)).toEqual(rows.map((r) => r.id));
  });

  it("BR counts days since registration while in the same category", async () => {
    await level("registration-reminder", `"periodDays" = 7`);
    await sql().query(`UPDATE "Scenario" SET "catchUpDays" = 30 WHERE code = 'registration-reminder'`);
    const patron = await addPatron(sql());
    await sql().query(`UPDATE "Patron" SET "registeredOn" = '2026-01-01', "categorySetAt" = '2026-10-05T09:00:00Z' WHERE id = $1`, [patron.id]);
    expect(await dueFor("2026-10-11", "registration-reminder", patron.id)).toEqual([]);
    expect(await dueFor("2026-10-12", "registration-reminder", patron.id)).toEqual([patron.id]);
  });

  it("CLNS lists loans without a status: all but claimed returned, claimed never borrowed, lost and reported lost", async () => {
    await sql().query(`UPDATE "Scenario" SET frequency = 'DAILY' WHERE code = 'current-loans-no-status'`);
    const patron = await addPatron(sql());
    const listed = [];
    for (const status of ["ON_LOAN", "RECALLED", "LONG_OVERDUE"]) listed.push((await addLoan(sql(), patron.id, "2026-11-20", { status })).id);
    for (const status of ["LOST", "REPORTED_LOST", "CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED"]) await addLoan(sql(), patron.id, "2026-11-20", { status });
    expect(await dueFor("2026-11-01", "current-loans-no-status", patron.id)).toEqual(listed);
  });

  it("an escalation level's own exclusions: a child is not sent level 2, and still gets level 1", async () => {
    const child = await addPatron(sql(), { category: "CHILD" });
    const loan = await addLoan(sql(), child.id, "2026-10-01");
    const childCategory = (await sql().query(`SELECT id FROM "PatronCategory" WHERE code = 'CHILD'`)).rows[0].id;
    await sql().query(`UPDATE "ScenarioLevel" SET "excludeCategoryIds" = CASE WHEN level = 2 THEN ARRAY[$2::int] ELSE '{}' END
      WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, ["overdue-escalation", childCategory]);
    try {
      const { deliveries } = await previewRun(suite.lib.db, { runDate: "2026-10-20", scenarioCodes: ["overdue-escalation"] }); // 18 days
      const [message] = deliveries.filter((d) => d.patronId === child.id).flatMap((d) => d.messages);
      expect([message.level, message.notices.map((n) => n.id)]).toEqual([1, [loan.id]]);
    } finally {
      await level("overdue-escalation", `"excludeCategoryIds" = '{}'`);
    }
  });
});
