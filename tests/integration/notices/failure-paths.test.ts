// Re-check and failure paths (issue 11, item 3), through the real planner, worker and an in-process SMTP server: every
// kind's notice is skipped when its reason goes between planning and sending; a delivery refused for now on every attempt
// ends FAILED; a connection lost after the final "." ends UNKNOWN and is not sent again; a delivery whose notices only
// partly went stale sends what still holds. Each test makes its own patron and reads only its own rows.
import type pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { enqueueDeliveries } from "@/lib/notices/enqueue-deliveries";
import { planRun } from "@/lib/notices/plan-run";
import { sweepDeliveries } from "@/lib/notices/sweep";
import { engineSuite, SEND, waitFor } from "./engine-env";
import { addLoan, addPatron, scenarioId } from "./library-factory";
import { findNotice, findNotices } from "./ledger";

const suite = engineSuite("failure_paths");
const sql = () => suite.lib.sql;
const PENDING = ["PLANNED", "QUEUED", "SENDING"];

// Before each test: engineSuite puts the seeded configuration back after every test.
beforeEach(async () => {
  // Invoices and current-loan reminders daily, so any case's date is a day they run on; the periods the cases below
  // count with (mostly the defaults, stated here so no case depends on them silently); no processing charges.
  await sql().query(`UPDATE "Scenario" SET frequency = 'DAILY' WHERE code IN ('invoice', 'current-loans', 'current-loans-no-status')`);
  await sql().query(`UPDATE "Scenario" SET "catchUpDays" = 30`);
  const periods: [string, string][] = [
    ["pre-overdue", `"periodDays" = 2`], ["renewal-reminder", `"periodDays" = 3`], ["own-reminder", `"periodDays" = 0`],
    ["overdue", `"periodDays" = 0`], ["overdue-fine", `amount = 5, "periodDays" = 0`], ["overdue-fine-days", `"periodDays" = 10`],
    ["loan-lost", `"periodDays" = 1`], ["reservation-expiring", `"periodDays" = 2`], ["invoice", `"periodDays" = 7, amount = NULL`],
    ["registration-expiry", `"periodDays" = -14`], ["registration-reminder", `"periodDays" = 7`], ["inactive-borrower", `"periodDays" = 365`],
  ];
  for (const [code, set] of periods) {
    await sql().query(`UPDATE "ScenarioLevel" SET ${set} WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code]);
  }
  await sql().query(`UPDATE "ScenarioLevel" SET "processingChargeCode" = NULL, "processingChargeAmount" = NULL`);
});

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (date: string, time = "10:00") => `${date}T${time}:00Z`;

/** Plans `code` on `date` and returns this patron's delivery (exactly one). */
async function planFor(date: string, code: string, patronId: number) {
  const plan = await planRun(suite.lib.db, { runDate: date, trigger: "REPLAY", scenarioIds: [await scenarioId(sql(), code)] });
  const deliveries = await suite.lib.db.delivery.findMany({ where: { runId: plan.runId!, patronId } });
  expect(deliveries.map((d) => [d.channel, d.contactKind])).toEqual([["EMAIL", "SELF"]]);
  return deliveries[0];
}

/** Hands deliveries to the worker and waits until each is settled (no longer planned, queued or sending). */
async function send(ids: number[], options = SEND) {
  await enqueueDeliveries(suite.lib.db, suite.queue, ids, options);
  return waitFor(async () => {
    const rows = await suite.lib.db.delivery.findMany({ where: { id: { in: ids } }, include: { attemptLog: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });
    return rows.every((d) => !PENDING.includes(d.status)) && rows;
  }, 30_000, `deliveries ${ids.join(", ")} settled`);
}

const mailsTo = (address: string) => suite.catcher.messages.filter((m) => m.to.includes(address));

type Patron = Awaited<ReturnType<typeof addPatron>>;
type Case = {
  code: string;
  kind: string;
  // What makes a notice due on `date` for this patron; returns the subject's id.
  due: (db: pg.Client, patron: Patron, date: string) => Promise<number>;
  // How this kind's reason goes away (DOMAIN.md "Re-check before sending").
  gone: string;
  goAway: (db: pg.Client, subjectId: number, date: string) => Promise<unknown>;
};

/** A loan due `due` days after the run date. */
const loan = (status: string | undefined, due: number) =>
  async (db: pg.Client, p: Patron, date: string) => (await addLoan(db, p.id, addDays(date, due), { status })).id;
const reservation = (status: string, columns: (date: string) => [string | null, string | null, string | null]) =>
  async (db: pg.Client, p: Patron, date: string) => {
    const [readyAt, pickupBy, completedAt] = columns(date);
    const { rows } = await db.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "readyAt", "pickupBy", "completedAt")
      VALUES ($1, 'A reserved book', (SELECT id FROM "Branch" LIMIT 1), $2::"ReservationStatus", $3, $4, $5) RETURNING id`,
    [p.id, status, readyAt, pickupBy, completedAt]);
    return rows[0].id as number;
  };
const patronFacts = (set: (date: string) => string) => async (db: pg.Client, p: Patron, date: string) => {
  await db.query(`UPDATE "Patron" SET ${set(date)} WHERE id = $1`, [p.id]);
  return p.id;
};
const updateLoan = (set: (date: string) => string) => (db: pg.Client, id: number, date: string) => db.query(`UPDATE "Loan" SET ${set(date)} WHERE id = $1`, [id]);
const updateReservation = (set: string) => (db: pg.Client, id: number) => db.query(`UPDATE "Reservation" SET ${set} WHERE id = $1`, [id]);
const updatePatron = (set: (date: string) => string) => (db: pg.Client, id: number, date: string) => db.query(`UPDATE "Patron" SET ${set(date)} WHERE id = $1`, [id]);
const returned = updateLoan(() => `status = 'RETURNED', "returnedAt" = now()`);
const renewed = updateLoan((d) => `"dueDate" = '${addDays(d, 21)}', "renewalsUsed" = "renewalsUsed" + 1`);
const D = "2027-03-01"; // each case plans on a date of its own, three days apart from this one

const KINDS_CASES: Case[] = [
  { code: "pre-overdue", kind: "LM", due: loan(undefined, 2), gone: "returned", goAway: returned },
  { code: "pre-overdue", kind: "LM", due: loan(undefined, 2), gone: "renewed (a new due date)", goAway: renewed },
  { code: "renewal-reminder", kind: "LW", due: loan(undefined, 3), gone: "renewed (a new due date)", goAway: renewed },
  { code: "renewal-reminder", kind: "LW", due: loan(undefined, 3), gone: "no renewals left", goAway: updateLoan(() => `"renewalsUsed" = "renewalsAllowed"`) },
  { code: "own-reminder", kind: "LRM", due: async (db, p, date) => {
    await db.query(`UPDATE "Patron" SET "reminderDays" = 3 WHERE id = $1`, [p.id]);
    return (await addLoan(db, p.id, addDays(date, 3))).id;
  }, gone: "returned", goAway: returned },
  { code: "overdue", kind: "O", due: loan(undefined, -3), gone: "renewed (no longer overdue)", goAway: renewed },
  { code: "overdue", kind: "O", due: loan(undefined, -3), gone: "marked lost", goAway: updateLoan(() => `status = 'LOST', "statusSetAt" = now()`) },
  { code: "overdue-escalation", kind: "OE", due: loan(undefined, -8), gone: "returned", goAway: returned },
  { code: "overdue-fine-days", kind: "OF", due: loan(undefined, -11), gone: "claimed returned", goAway: updateLoan(() => `status = 'CLAIMED_RETURNED', "statusSetAt" = now()`) },
  { code: "overdue-fine", kind: "LF", due: async (db, p, date) => {
    const { id } = await addLoan(db, p.id, addDays(date, -5));
    await db.query(`INSERT INTO "Charge" ("patronId", "loanId", kind, amount, balance) VALUES ($1, $2, 'OVERDUE_FINE', 6, 6)`, [p.id, id]);
    return id;
  }, gone: "renewed (no longer overdue)", goAway: renewed },
  { code: "current-loans", kind: "CL", due: loan(undefined, 10), gone: "returned", goAway: returned },
  { code: "current-loans-no-status", kind: "CLNS", due: loan(undefined, 10), gone: "reported lost (has a status now)",
    goAway: updateLoan(() => `status = 'REPORTED_LOST', "statusSetAt" = now()`) },
  ...([["loan-lost", "LL", "LOST", 1], ["loan-long-overdue", "LLO", "LONG_OVERDUE", 1], ["loan-reported-lost", "LLR", "REPORTED_LOST", 0],
    ["loan-recalled", "LR", "RECALLED", 0]] as const).map(([code, kind, status, period]): Case => (
    { code, kind, due: async (db, p, date) => {
      const { id } = await addLoan(db, p.id, addDays(date, -20), { status });
      await db.query(`UPDATE "Loan" SET "statusSetAt" = $2 WHERE id = $1`, [id, at(addDays(date, -period))]);
      await db.query(`UPDATE "ScenarioLevel" SET "periodDays" = $2 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code, period]);
      return id;
    }, gone: "returned", goAway: returned })),
  ...([["claimed-returned", "LCR", "CLAIMED_RETURNED"], ["claimed-never-borrowed", "LCRNB", "CLAIMED_NEVER_BORROWED"]] as const).map(([code, kind, status]): Case => (
    { code, kind, due: async (db, p, date) => {
      const { id } = await addLoan(db, p.id, addDays(date, -20), { status });
      await db.query(`UPDATE "Loan" SET "statusSetAt" = $2 WHERE id = $1`, [id, at(date, "08:00")]);
      await db.query(`UPDATE "ScenarioLevel" SET "periodDays" = 0 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code]);
      return id;
    }, gone: "resolved by staff", goAway: updateLoan((d) => `"statusResolvedAt" = '${at(d, "11:00")}', "resolvedClaim" = status, "notifyResolution" = false`) })),
  ...([["claimed-returned-resolved", "LCRR", "CLAIMED_RETURNED", "a new claim clears the resolution",
    `status = 'CLAIMED_RETURNED', "statusSetAt" = now(), "resolvedClaim" = NULL, "statusResolvedAt" = NULL, "notifyResolution" = false`],
  ["claimed-never-borrowed-resolved", "LCRNBR", "CLAIMED_NEVER_BORROWED", "staff withdraw the resolution's notice", `"notifyResolution" = false`]] as const)
    .map(([code, kind, claim, gone, set]): Case => (
      { code, kind, due: async (db, p, date) => {
        const { id } = await addLoan(db, p.id, addDays(date, -20), { status: "RETURNED" });
        await db.query(`UPDATE "Loan" SET "resolvedClaim" = $2::"LoanStatus", "statusResolvedAt" = $3, "notifyResolution" = true, "returnedAt" = $3
          WHERE id = $1`, [id, claim, at(date, "08:00")]);
        await db.query(`UPDATE "ScenarioLevel" SET "periodDays" = 0 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code]);
        return id;
      }, gone, goAway: updateLoan(() => set) })),
  { code: "reservation-ready", kind: "V", due: reservation("READY_FOR_PICKUP", (d) => [at(d, "09:00"), addDays(d, 7), null]),
    gone: "collected", goAway: updateReservation(`status = 'COLLECTED', "completedAt" = now()`) },
  { code: "reservation-expiring", kind: "RX", due: reservation("READY_FOR_PICKUP", (d) => [at(addDays(d, -5)), addDays(d, 2), null]),
    gone: "collected", goAway: updateReservation(`status = 'COLLECTED', "completedAt" = now()`) },
  { code: "reservation-expiring", kind: "RX", due: reservation("READY_FOR_PICKUP", (d) => [at(addDays(d, -5)), addDays(d, 2), null]),
    gone: "pickup-by date extended (a new occurrence)", goAway: updateReservation(`"pickupBy" = "pickupBy" + 7`), },
  ...([["reservation-expired", "RU", "EXPIRED_UNFULFILLED"], ["reservation-allocation-expired", "RE", "EXPIRED_UNCOLLECTED"],
    ["reservation-cancelled", "RC", "CANCELLED"], ["reservation-auto-cancelled", "RS", "AUTO_CANCELLED"]] as const).map(([code, kind, status]): Case => (
    { code, kind, due: async (db, p, date) => {
      await db.query(`UPDATE "ScenarioLevel" SET "periodDays" = 0 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code]);
      return reservation(status, (d) => [null, null, at(d, "08:00")])(db, p, date);
    }, gone: "reinstated by staff (waiting again)", goAway: updateReservation(`status = 'WAITING', "completedAt" = NULL`) })),
  { code: "invoice", kind: "I", due: async (db, p, date) => (await db.query(`INSERT INTO "Charge" ("patronId", kind, amount, balance, "createdAt")
      VALUES ($1, 'DAMAGE', 4, 4, $2) RETURNING id`, [p.id, at(addDays(date, -7))])).rows[0].id,
  gone: "paid", goAway: (db, id) => db.query(`UPDATE "Charge" SET balance = 0 WHERE id = $1`, [id]) },
  { code: "registration-expiry", kind: "BX", due: patronFacts((d) => `"expiresOn" = '${addDays(d, 14)}'`),
    gone: "membership renewed (expiry moved)", goAway: updatePatron((d) => `"expiresOn" = '${addDays(d, 379)}'`) },
  { code: "debarral", kind: "DB", due: patronFacts((d) => `status = 'DEBARRED', "statusSetAt" = '${at(d, "08:00")}'`),
    gone: "no longer debarred", goAway: updatePatron(() => `status = 'ACTIVE', "statusSetAt" = now()`) },
  { code: "registration-reminder", kind: "BR", due: patronFacts((d) => `"registeredOn" = '${addDays(d, -7)}'`),
    gone: "moved to another category (the count starts again)",
    goAway: updatePatron((d) => `"categoryId" = (SELECT id FROM "PatronCategory" WHERE code = 'STAFF'), "categorySetAt" = '${at(d, "11:00")}'`), },
  { code: "inactive-borrower", kind: "IB", due: patronFacts((d) => `"lastActivityAt" = '${at(addDays(d, -365))}'`),
    gone: "active again (borrowed today)", goAway: updatePatron((d) => `"lastActivityAt" = '${at(d, "11:00")}'`), },
];
const CASES = KINDS_CASES.map((c, i) => ({ ...c, date: addDays(D, i * 3) }));

describe("re-check before sending, for every kind", () => {
  for (const c of CASES) {
    it(`${c.kind} (${c.code}): ${c.gone} after planning -> delivery and notice SKIPPED, no mail`, async () => {
      const patron = await addPatron(sql());
      const subjectId = await c.due(sql(), patron, c.date);
      const delivery = await planFor(c.date, c.code, patron.id);
      const notices = await findNotices(suite.lib.db, { ids: delivery.noticeIds });
      expect(notices.map((n) => [n.kind, n.subjectId, n.status])).toEqual([[c.kind, subjectId, "PLANNED"]]);

      await c.goAway(sql(), subjectId, c.date);
      const [done] = await send([delivery.id]);
      expect([done.status, done.attempts, done.attemptLog.map((a) => a.outcome)]).toEqual(["SKIPPED", 1, ["SKIPPED"]]);
      expect(done.lastError).toBe("nothing left to tell: every notice's reason has gone");
      const after = await findNotice(suite.lib.db, { id: notices[0].id });
      expect([after.status, after.skipReason]).toEqual(["SKIPPED", "reason gone before sending (returned, renewed, collected or paid)"]);
      expect(mailsTo(patron.email!)).toHaveLength(0);
    });
  }
});

describe("failure paths", () => {
  it("a delivery refused for now (451) on every attempt ends FAILED after its last one, with N attempts recorded", async () => {
    const patron = await addPatron(sql());
    await addLoan(sql(), patron.id, "2027-09-03");
    const delivery = await planFor("2027-09-01", "pre-overdue", patron.id);
    suite.catcher.setRespond((stage, { to }) => (stage === "rcpt" && to.includes(patron.email!) ? { code: 451, message: "4.3.0 Mailbox busy, try later" } : undefined));
    try {
      const [done] = await send([delivery.id], { attempts: 3, backoffMs: 50 });
      expect([done.status, done.attempts, done.smtpCode]).toEqual(["FAILED", 3, 451]);
      expect(done.lastError).toBe("gave up after 3 attempts: 451 4.3.0 Mailbox busy, try later");
      expect(done.attemptLog.map((a) => [a.attempt, a.outcome, a.smtpCode])).toEqual([
        [1, "TEMPORARY_FAILURE", 451], [2, "TEMPORARY_FAILURE", 451], [3, "TEMPORARY_FAILURE", 451]]);
      expect(mailsTo(patron.email!)).toHaveLength(0);
    } finally {
      suite.catcher.setRespond(undefined);
    }
  });

  // Bug (issue 11): sendDelivery's "gave-up" path records the delivery FAILED but leaves its notices PLANNED (only the
  // 5xx path moves them to FAILED), so the patron's notice log says "planned" for a notice nothing will ever send.
  it("a notice whose only delivery gave up after its last attempt is recorded FAILED, not left PLANNED", async () => {
    const patron = await addPatron(sql());
    await addLoan(sql(), patron.id, "2027-09-06");
    const delivery = await planFor("2027-09-04", "pre-overdue", patron.id);
    suite.catcher.setRespond((stage, { to }) => (stage === "rcpt" && to.includes(patron.email!) ? { code: 451, message: "4.3.0 Mailbox busy, try later" } : undefined));
    try {
      const [done] = await send([delivery.id], { attempts: 2, backoffMs: 50 });
      expect(done.status).toBe("FAILED");
      expect((await findNotice(suite.lib.db, { id: delivery.noticeIds[0] })).status).toBe("FAILED");
    } finally {
      suite.catcher.setRespond(undefined);
    }
  });

  it("a connection lost after the final \".\" ends UNKNOWN; the message was received once and is not sent again", async () => {
    const patron = await addPatron(sql());
    await addLoan(sql(), patron.id, "2027-09-10");
    const delivery = await planFor("2027-09-08", "pre-overdue", patron.id);
    // The server takes the whole message, then the connection drops before its answer.
    suite.catcher.setRespond((stage, { to }) => (stage === "data" && to.includes(patron.email!) ? { drop: true } : undefined));
    let done;
    try {
      [done] = await send([delivery.id]);
    } finally {
      suite.catcher.setRespond(undefined);
    }
    expect([done.status, done.attempts, done.attemptLog.map((a) => a.outcome)]).toEqual(["UNKNOWN", 1, ["UNKNOWN"]]);
    expect(done.handingOverAt).not.toBeNull();
    expect(done.messageId).toBe(`<delivery-${delivery.id}@test-library.example>`);
    const received = () => suite.catcher.messageIds().filter((id) => id === done.messageId);
    expect(received()).toHaveLength(1);

    // The sweep, once the claim is older than the worker's lease (2 s), neither re-queues it nor changes it.
    await waitFor(async () => (await suite.lib.db.$queryRaw<{ old: boolean }[]>`SELECT "claimedAt" < now() - interval '3 seconds' AS old
      FROM "Delivery" WHERE id = ${delivery.id}`)[0].old, 10_000, "the claim older than the lease");
    const swept = await sweepDeliveries(suite.lib.db, { leaseSeconds: 2, queuedForSeconds: 300 });
    expect(swept.requeue).not.toContain(delivery.id);
    // A stray send job for it (a duplicate, or one re-added by hand) cannot claim it either.
    await enqueueDeliveries(suite.lib.db, suite.queue, [delivery.id], SEND);
    await waitFor(async () => !(await suite.queue.getJob(`delivery-${delivery.id}`)), 10_000, "the stray job done");
    const after = await suite.lib.db.delivery.findFirstOrThrow({ where: { id: delivery.id }, include: { attemptLog: true } });
    expect([after.status, after.attempts, after.attemptLog.length, after.lastError]).toEqual(["UNKNOWN", 1, 1, done.lastError]);
    expect(received()).toHaveLength(1);
  });

  it("a delivery only some of whose notices went stale sends the rest: the returned loan is left out and SKIPPED", async () => {
    const patron = await addPatron(sql());
    const [gone, kept1, kept2] = [await addLoan(sql(), patron.id, "2027-09-15"), await addLoan(sql(), patron.id, "2027-09-15"),
      await addLoan(sql(), patron.id, "2027-09-15")];
    const delivery = await planFor("2027-09-13", "pre-overdue", patron.id);
    expect(delivery.noticeIds).toHaveLength(3);
    await sql().query(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = now() WHERE id = $1`, [gone.id]);
    const [done] = await send([delivery.id]);
    expect([done.status, done.attempts]).toEqual(["SENT", 1]);
    const [mail, ...more] = await suite.mailTo(patron.email!);
    expect(more).toHaveLength(0);
    expect([kept1, kept2, gone].map((l) => mail.text!.includes(l.title))).toEqual([true, true, false]);
    const notices = await findNotices(suite.lib.db, { ids: delivery.noticeIds });
    expect(notices.map((n) => [n.loanId, n.status]).sort()).toEqual([[gone.id, "SKIPPED"], [kept1.id, "SENT"], [kept2.id, "SENT"]].sort());
  });
});
