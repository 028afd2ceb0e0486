import { describe, expect, it } from "vitest";
import { patronNotices } from "@/lib/api/read";
import { enqueueDeliveries } from "@/lib/notices/enqueue-deliveries";
import { planRun } from "@/lib/notices/plan-run";
import { previewRun } from "@/lib/notices/preview-run";
import { engineSuite, SEND, waitFor } from "./engine-env";
import { addLoan, addPatron, scenarioId } from "./library-factory";
import { findNotice, findNotices } from "./ledger";

const suite = engineSuite("engine");

const { replayAndWait, mailTo } = suite;

describe("a run", () => {
  it("sends one escalation per contact at the highest level, listing the loans, and charges once", async () => {
    const child = await addPatron(suite.lib.sql, { category: "CHILD", parentEmail: `parent.${Date.now()}@example.org` });
    const worst = await addLoan(suite.lib.sql, child.id, "2026-01-01"); // 30 days overdue on 1 Feb: level 3 (28)
    const lesser = await addLoan(suite.lib.sql, child.id, "2026-01-20"); // 11 days: level 1 (7)
    const fresh = await addLoan(suite.lib.sql, child.id, "2026-01-30"); // 1 day: no level yet, but listed (overdue)
    const adult = await addPatron(suite.lib.sql);
    const week = await addLoan(suite.lib.sql, adult.id, "2026-01-24"); // 7 days: level 1
    const parentEmail = (await suite.lib.sql.query(`SELECT email FROM "PatronContact" WHERE "patronId" = $1`, [child.id])).rows[0].email;

    const run = await replayAndWait("2026-02-01", ["overdue-escalation"]);
    // Every loan overdue on 1 Feb is this test's (other tests' loans fall due later): three for the child (levels 3, 1
    // and 0, listed), one for the adult; three deliveries (the child, the parent, the adult).
    expect([run.notices, run.deliveries]).toEqual([4, 3]);
    const runNotices = await findNotices(suite.lib.db, { runId: run.runId });
    expect(runNotices.map((n) => [n.loanId, n.level]).sort()).toEqual([[worst.id, 3], [lesser.id, 1], [fresh.id, 0], [week.id, 1]].sort());

    for (const address of [child.email!, parentEmail]) {
      const [mail, ...more] = await mailTo(address);
      expect(more).toHaveLength(0);
      expect(mail.subject).toBe("Final overdue notice");
      expect(mail.text).toContain(worst.title);
      expect(mail.text).toContain(lesser.title);
      expect(mail.text).toContain(fresh.title); // the letter lists every overdue loan (DOMAIN.md)
      expect(mail.text).toContain("£12.99"); // level 3 shows the replacement cost
      // Days overdue as DOMAIN.md counts them on the 1 Feb run (R - due - 1): 30 and 11, not 31 and 12.
      expect(mail.text).toMatch(new RegExp(`${worst.title}\\s+\\S+\\s+1 Jan 2026\\s+30\\s`));
      expect(mail.text).toMatch(new RegExp(`${lesser.title}\\s+\\S+\\s+20 Jan 2026\\s+11\\s`));
      const delivery = await suite.lib.db.delivery.findFirstOrThrow({ where: { address } });
      expect(mail.messageId).toBe(delivery.messageId);
      expect(delivery.status).toBe("SENT");
    }
    const [adultMail] = await mailTo(adult.email!);
    expect(adultMail.subject).toBe("Overdue reminder: 1 week");
    expect(adultMail.text).toContain(week.title);

    const notices = await findNotices(suite.lib.db, { patronId: child.id }, "level desc");
    // The loan below the first level is recorded at level 0 (listed, not reached), once per due date.
    expect(notices.map((n) => [n.loanId, n.level, n.status])).toEqual([[worst.id, 3, "SENT"], [lesser.id, 1, "COVERED"], [fresh.id, 0, "COVERED"]]);
    const charges = await suite.lib.db.charge.findMany({ where: { patronId: child.id, kind: "PROCESSING" } });
    // The patron's notices as the API lists them (found through their deliveries): both, newest first.
    const listed = await patronNotices(suite.lib.db, child.cardNumber);
    expect(listed.notices.map((n: { id: number; status: string }) => [n.id, n.status]).sort()).toEqual(notices.map((n) => [n.id, n.status]).sort());
    expect(listed.deliveries).toHaveLength(2); // the child and the parent
    // Posted for the notice that triggered the letter (level 3), not for one of the loans it lists.
    expect(charges.map((c) => [c.amount.toFixed(2), c.noticeId, c.loanId])).toEqual([["1.50", notices[0].id, null]]);

    // Running or replaying the same date again sends nothing new; nor does the next day, with no new level reached.
    const before = suite.catcher.messages.length;
    const again = await replayAndWait("2026-02-01", ["overdue-escalation"]);
    const nextDay = await replayAndWait("2026-02-02", ["overdue-escalation"]);
    expect([again.notices, again.deliveries, nextDay.deliveries]).toEqual([0, 0, 0]);
    expect(suite.catcher.messages.length).toBe(before);
    expect(await suite.lib.db.charge.count({ where: { patronId: child.id, kind: "PROCESSING" } })).toBe(1);
  });

  it("follows the Spydus day count: due 1 Feb, period 1, nothing on the 2 Feb run, a notice on 3 Feb", async () => {
    await suite.lib.sql.query(`UPDATE "ScenarioLevel" SET "periodDays" = 1 WHERE "scenarioId" = $1`, [await scenarioId(suite.lib.sql, "loan-recalled")]);
    await suite.lib.sql.query(`UPDATE "ScenarioLevel" SET "periodDays" = 1 WHERE "scenarioId" = $1`, [await scenarioId(suite.lib.sql, "overdue")]);
    const patron = await addPatron(suite.lib.sql);
    const loan = await addLoan(suite.lib.sql, patron.id, "2026-02-01");
    const listed = async (date: string) =>
      (await previewRun(suite.lib.db, { runDate: date, scenarioCodes: ["overdue"] })).deliveries
        .flatMap((d) => d.messages.flatMap((m) => m.notices)).some((n) => n.id === loan.id);
    expect(await listed("2026-02-02")).toBe(false);
    expect(await listed("2026-02-03")).toBe(true);
  });

  it("skips a notice whose reason went away between planning and sending", async () => {
    const patron = await addPatron(suite.lib.sql);
    const loan = await addLoan(suite.lib.sql, patron.id, "2026-03-03");
    const plan = await planRun(suite.lib.db, { runDate: "2026-03-01", trigger: "REPLAY", scenarioIds: [await scenarioId(suite.lib.sql, "pre-overdue")] });
    const delivery = await suite.lib.db.delivery.findFirstOrThrow({ where: { runId: plan.runId!, patronId: patron.id } });
    await suite.lib.sql.query(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = now() WHERE id = $1`, [loan.id]);
    await enqueueDeliveries(suite.lib.db, suite.queue, [delivery.id], SEND);
    const done = await waitFor(async () => {
      const d = await suite.lib.db.delivery.findFirstOrThrow({ where: { id: delivery.id } });
      return d.status === "SKIPPED" && d;
    });
    expect(done.lastError).toMatch(/reason has gone/);
    expect((await findNotice(suite.lib.db, { loanId: loan.id })).status).toBe("SKIPPED");
    expect(await mailTo(patron.email!)).toHaveLength(0);
  });
});

describe("who gets what (planner, via the preview)", () => {
  const deliveriesOf = async (date: string, codes: string[], patronId: number) =>
    (await previewRun(suite.lib.db, { runDate: date, scenarioCodes: codes })).deliveries.filter((d) => d.patronId === patronId);

  it("excludes a scenario's patron categories, following a patron who moves category", async () => {
    const patron = await addPatron(suite.lib.sql, { category: "STAFF" });
    await addLoan(suite.lib.sql, patron.id, "2026-04-03");
    const staffCategory = (await suite.lib.sql.query(`SELECT id FROM "PatronCategory" WHERE code = 'STAFF'`)).rows[0].id;
    await suite.lib.sql.query(`UPDATE "Scenario" SET "excludeCategoryIds" = $1 WHERE code = 'pre-overdue'`, [[staffCategory]]);
    expect(await deliveriesOf("2026-04-01", ["pre-overdue"], patron.id)).toHaveLength(0);
    await suite.lib.sql.query(`UPDATE "Patron" SET "categoryId" = (SELECT id FROM "PatronCategory" WHERE code = 'ADULT') WHERE id = $1`, [patron.id]);
    expect(await deliveriesOf("2026-04-01", ["pre-overdue"], patron.id)).toHaveLength(1);
  });

  it("combines notices sharing a separation group into one document and keeps other groups apart", async () => {
    const patron = await addPatron(suite.lib.sql);
    await addLoan(suite.lib.sql, patron.id, "2026-05-03"); // pre-overdue: no group
    await addLoan(suite.lib.sql, patron.id, "2026-04-20"); // overdue: group "overdue"
    await suite.lib.sql.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "readyAt", "pickupBy")
      VALUES ($1, 'A reserved book', (SELECT id FROM "Branch" LIMIT 1), 'READY_FOR_PICKUP', '2026-05-01T09:00:00Z', '2026-05-08')`, [patron.id]);
    const deliveries = await deliveriesOf("2026-05-01", ["pre-overdue", "overdue", "reservation-ready"], patron.id);
    const groups = deliveries.map((d) => [d.separationGroup, d.messages.map((m) => m.scenario).sort()]);
    expect(groups).toEqual(expect.arrayContaining([[null, ["pre-overdue", "reservation-ready"]], ["overdue", ["overdue"]]]));
    expect(deliveries).toHaveLength(2);
  });

  it("prints for a patron with no email, and generates nothing when email is required", async () => {
    const patron = await addPatron(suite.lib.sql, { email: null });
    await addLoan(suite.lib.sql, patron.id, "2026-06-03");
    const [printed] = await deliveriesOf("2026-06-01", ["pre-overdue"], patron.id);
    expect(printed.channel).toBe("PRINT");
    await suite.lib.sql.query(`UPDATE "Scenario" SET "restrictChannels" = '{EMAIL}' WHERE code = 'pre-overdue'`);
    expect(await deliveriesOf("2026-06-01", ["pre-overdue"], patron.id)).toHaveLength(0); // (engineSuite restores the scenario)
  });

  it("lists a loan once in a letter: an escalated loan is not repeated in the overdue section sharing its document", async () => {
    const patron = await addPatron(suite.lib.sql);
    const escalated = await addLoan(suite.lib.sql, patron.id, "2026-08-01"); // 7 days overdue on 9 Aug: level 1
    const recent = await addLoan(suite.lib.sql, patron.id, "2026-08-06"); // 2 days: below level 1, listed by the escalation
    await replayAndWait("2026-08-09", ["overdue", "overdue-escalation"]);
    const [mail, ...more] = await mailTo(patron.email!);
    expect(more).toHaveLength(0); // one document: the two scenarios share the "overdue" separation group
    expect(mail.text!.split(escalated.title).length - 1).toBe(1);
    expect(mail.text!.split(recent.title).length - 1).toBe(1);
    // Every notice the document carried is recorded as sent, the unlisted one too.
    const delivery = await suite.lib.db.delivery.findFirstOrThrow({ where: { patronId: patron.id } });
    const notices = await findNotices(suite.lib.db, { ids: delivery.noticeIds });
    expect(notices.map((n) => [n.kind, n.loanId, n.status]).sort()).toEqual([
      ["O", escalated.id, "SENT"], ["O", recent.id, "SENT"], ["OE", escalated.id, "SENT"], ["OE", recent.id, "COVERED"]].sort());
  });

  it("plans a crashed run again: what is new goes out in a delivery of its own, what was sent stays as it was", async () => {
    const patron = await addPatron(suite.lib.sql);
    const ready = (title: string) => suite.lib.sql.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status,
        "readyAt", "pickupBy") VALUES ($1, $2, (SELECT id FROM "Branch" LIMIT 1), 'READY_FOR_PICKUP', '2026-07-01T09:00:00Z', '2026-07-08')`,
      [patron.id, title]);
    const scenarioIds = [await scenarioId(suite.lib.sql, "reservation-ready")];
    const runKey = `test:replan:${patron.id}`;
    const plan = () => planRun(suite.lib.db, { runDate: "2026-07-01", scenarioIds, trigger: "REPLAY", runKey });
    const isSent = (id: number) => waitFor(async () => (await suite.lib.db.delivery.findFirst({ where: { id } }))?.status === "SENT");

    await ready("First reserved book");
    const first = await plan();
    const [sent] = await suite.lib.db.delivery.findMany({ where: { runId: first.runId!, patronId: patron.id } });
    await enqueueDeliveries(suite.lib.db, suite.queue, [sent.id], SEND);
    await isSent(sent.id);
    // The run is left PLANNING, as by a crash, and another reservation is ready before the run is planned again.
    await suite.lib.db.noticeRun.update({ where: { id: first.runId! }, data: { status: "PLANNING" } });
    await ready("Second reserved book");
    const again = await plan();
    expect([again.runId, again.notices, again.deliveries]).toEqual([first.runId, 1, 1]);

    const deliveries = await suite.lib.db.delivery.findMany({ where: { runId: first.runId!, patronId: patron.id }, orderBy: { id: "asc" } });
    expect(deliveries.map((d) => [d.id, d.status, d.noticeIds])).toEqual([[sent.id, "SENT", sent.noticeIds], [deliveries[1].id, "PLANNED", deliveries[1].noticeIds]]);
    await enqueueDeliveries(suite.lib.db, suite.queue, [deliveries[1].id], SEND);
    await isSent(deliveries[1].id);
    const mails = await mailTo(patron.email!);
    expect(mails.map((m) => [m.text?.includes("First reserved book"), m.text?.includes("Second reserved book")])).toEqual([[true, false], [false, true]]);
  });

  it("does not send overdue notices for lost or claimed-returned loans", async () => {
    const patron = await addPatron(suite.lib.sql);
    await addLoan(suite.lib.sql, patron.id, "2026-06-01", { status: "LOST" });
    await addLoan(suite.lib.sql, patron.id, "2026-06-01", { status: "CLAIMED_RETURNED" });
    expect(await deliveriesOf("2026-06-20", ["overdue", "overdue-escalation"], patron.id)).toHaveLength(0);
  });
});
