// The ledger over the years (issue 12): every-run notices are one row per document, the bulky tables are partitioned
// by month, and months past the library's retention are dropped whole while once-only keys and charges stay.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { patronNotices } from "@/lib/api/read";
import { sqlPool } from "@/lib/db/client";
import { listLedgerPartitions, maintainLedger, monthStart } from "@/lib/notices/ledger-partitions";
import { planRun } from "@/lib/notices/plan-run";
import { createEngineLibrary } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";
import { findNotices } from "./ledger";

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
beforeAll(async () => {
  lib = await createEngineLibrary("ledger");
});
afterAll(() => lib.close());

/** Only these scenarios run (the others are disabled); overdue daily unless told. */
async function only(codes: string[], overdue: { frequency?: string; weekday?: number } = {}) {
  await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = code = ANY($1::text[])`, [codes]);
  await lib.sql.query(`UPDATE "Scenario" SET frequency = $1::"ScheduleFrequency", weekday = $2 WHERE code = 'overdue'`,
    [overdue.frequency ?? "DAILY", overdue.weekday ?? null]);
}

type Row = { id: number; partition: string; occurrence: string; listedIds: number[]; metrics: string[]; runId: number };
async function everyRunRows(patronId: number): Promise<Row[]> {
  const { rows } = await lib.sql.query<Row>(
    `SELECT id, tableoid::regclass::text AS partition, to_char(occurrence, 'YYYY-MM-DD') AS occurrence, "listedIds",
       metrics::text[] AS metrics, "runId"
     FROM "EveryRunNotice" WHERE "patronId" = $1 ORDER BY occurrence`, [patronId]);
  return rows;
}

const plan = (runDate: string, options: { runKey?: string; today?: string; trigger?: "REPLAY" | "SCHEDULED" } = {}) =>
  planRun(lib.db, { runDate, trigger: options.trigger ?? "REPLAY", runKey: options.runKey, today: options.today });

describe("every-run notices", () => {
  beforeEach(() => only(["overdue"]));

  it("are one row per patron and run date listing every overdue loan, which the letter's rows and the patron's history expand", async () => {
    const patron = await addPatron(lib.sql);
    const loans = [await addLoan(lib.sql, patron.id, "2027-01-10"), await addLoan(lib.sql, patron.id, "2027-01-12"),
      await addLoan(lib.sql, patron.id, "2027-01-15")];
    const run = await plan("2027-01-20");
    expect(run.notices).toBeGreaterThanOrEqual(3); // counted per loan, as before

    const rows = await everyRunRows(patron.id);
    expect(rows.map((r) => [r.partition, r.occurrence, r.listedIds, r.metrics])).toEqual([
      ['"EveryRunNotice_2027_01"', "2027-01-20", loans.map((l) => l.id), ["9.00", "7.00", "4.00"]], // R - due - 1
    ]);
    const { rows: once } = await lib.sql.query(`SELECT count(*)::int AS n FROM "Notice" WHERE "patronId" = $1`, [patron.id]);
    expect(once[0].n).toBe(0);
    const delivery = await lib.db.delivery.findFirstOrThrow({ where: { patronId: patron.id, runId: run.runId! } });
    expect(delivery.noticeIds).toEqual([rows[0].id]);

    const history = await patronNotices(lib.db, patron.cardNumber);
    expect(history.notices.map((n) => [n.id, n.kind, n.status, n.barcode !== null])).toEqual(
      loans.map(() => [rows[0].id, "O", "PLANNED", true]));
    expect(history.deliveries.map((d) => d.noticeIds)).toEqual([[rows[0].id]]);
  });

  it("a second run of the same date records no second row, and a weekly overdue scenario's repeat waits for its day across a month's end", async () => {
    // Weekly on Wednesdays: the first notice goes on the first run after the due date (Sunday 31 January), the next on
    // Wednesday 3 February, not on Monday 1 February: the notice recorded in January's partition counts there.
    await only(["overdue"], { frequency: "WEEKLY", weekday: 3 });
    const patron = await addPatron(lib.sql);
    const loan = await addLoan(lib.sql, patron.id, "2027-01-30");
    for (const day of ["2027-01-30", "2027-01-31", "2027-02-01", "2027-02-02", "2027-02-03"]) {
      await plan(day, { trigger: "SCHEDULED", runKey: `scheduled:${day}:02:00:weekly` });
    }
    await plan("2027-01-31", { runKey: "replay-of-31-january" }); // a replay of the same date: already recorded
    const rows = await everyRunRows(patron.id);
    expect(rows.map((r) => [r.partition, r.occurrence, r.listedIds])).toEqual([
      ['"EveryRunNotice_2027_01"', "2027-01-31", [loan.id]],
      ['"EveryRunNotice_2027_02"', "2027-02-03", [loan.id]],
    ]);
  });

  it("a catch-up of last month's slot, planned again after a crash, records its notices once in last month's partition", async () => {
    const patron = await addPatron(lib.sql);
    const loan = await addLoan(lib.sql, patron.id, "2027-02-20");
    const key = "scheduled:2027-02-28:02:00:catch-up";
    const first = await plan("2027-02-28", { trigger: "SCHEDULED", runKey: key, today: "2027-03-02" });
    expect(first.notices).toBeGreaterThan(0);
    // The worker died while planning: the sweep plans the run again under the same key.
    await lib.sql.query(`UPDATE "NoticeRun" SET status = 'PLANNING' WHERE id = $1`, [first.runId]);
    const again = await plan("2027-02-28", { trigger: "SCHEDULED", runKey: key, today: "2027-03-02" });
    expect([again.runId, again.notices, again.deliveries]).toEqual([first.runId, 0, 0]);
    const rows = await everyRunRows(patron.id);
    expect(rows.map((r) => [r.partition, r.occurrence, r.listedIds])).toEqual([['"EveryRunNotice_2027_02"', "2027-02-28", [loan.id]]]);
    expect(await lib.db.delivery.count({ where: { patronId: patron.id } })).toBe(1);
  });
});

describe("retention", () => {
  it("drops whole months past the library's retention, and keeps once-only notices and charges: nothing escalates twice", async () => {
    await only(["overdue", "overdue-escalation"]);
    await lib.sql.query(`UPDATE "LibrarySettings" SET "ledgerRetentionMonths" = 24`);
    const patron = await addPatron(lib.sql);
    const loan = await addLoan(lib.sql, patron.id, "2027-01-01");
    await plan("2027-01-20"); // 18 days overdue: escalation level 2 (14 days), and the overdue notice
    const escalations = async () => (await findNotices(lib.db, { loanId: loan.id, kind: "OE" })).map((n) => n.level);
    expect(await escalations()).toEqual([2]);
    const [record] = await everyRunRows(patron.id);
    await lib.sql.query(`INSERT INTO "Charge" ("patronId", kind, code, amount, balance, "noticeId") VALUES ($1, 'PROCESSING', 'NP', 1, 1, $2)`,
      [patron.id, record.id]);
    const charges = async () => (await lib.sql.query(`SELECT count(*)::int AS n FROM "Charge" WHERE "patronId" = $1`, [patron.id])).rows[0].n;
    const onceOnly = async () => (await lib.sql.query(`SELECT count(*)::int AS n FROM "Notice"`)).rows[0].n;
    const noticesBefore = await onceOnly();

    // Two years and two months later: January 2027 is past 24 months (March 2027 is the oldest month kept).
    const today = "2029-03-15";
    const result = await maintainLedger(sqlPool(lib.db), { today });
    const months = new Set((await listLedgerPartitions(sqlPool(lib.db))).map((p) => p.month));
    expect([...months].filter((m) => m < "2027-03-01")).toEqual([]);
    for (const m of ["2029-02-01", "2029-03-01", "2029-04-01", "2029-05-01"]) expect(months.has(m), m).toBe(true);
    expect(result.dropped).toEqual(expect.arrayContaining(["EveryRunNotice_2027_01", "DeliveryAttempt_2027_01", "Delivery_2027_01"]));
    // Attempts go before their deliveries (the foreign key).
    expect(result.dropped.indexOf("DeliveryAttempt_2027_01")).toBeLessThan(result.dropped.indexOf("Delivery_2027_01"));
    expect(await everyRunRows(patron.id)).toEqual([]);
    expect([await onceOnly(), await charges()]).toEqual([noticesBefore, 1]);
    // Run again: nothing to create or drop.
    expect(await maintainLedger(sqlPool(lib.db), { today })).toMatchObject({ created: 0, dropped: [] });

    // The loan is still out: the next run reaches level 3 (28 days) and records no second level 2.
    await plan(today);
    expect(await escalations()).toEqual([2, 3]);
    expect((await everyRunRows(patron.id)).map((r) => r.occurrence)).toEqual([today]);
  });

  it("months are counted in calendar months", () => {
    expect([monthStart("2026-12-01", -24), monthStart("2027-01-31", 1), monthStart("2027-03-15", -14), monthStart("2026-02-28")])
      .toEqual(["2024-12-01", "2027-02-01", "2026-01-01", "2026-02-01"]);
  });
});
