// DOMAIN.md "Instants and dates": an event's date is the calendar date of its instant in the library's time zone. Each
// case puts an event minutes from local midnight (on ordinary days and on the days the clocks change) and checks the
// run dates on which its notice is due, in London, Auckland and New York. Before instants were timestamptz, Postgres
// read the stored UTC as local time: a reservation ready at 14:00 in Auckland was dated the day before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewRun } from "@/lib/notices/preview-run";
import { createEngineLibrary, ZONES } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
beforeAll(async () => {
  lib = await createEngineLibrary("zones");
  // Every case's scenario runs daily with the period named in the case.
  await lib.sql.query(`UPDATE "Scenario" SET frequency = 'DAILY', "catchUpDays" = 30`);
});
afterAll(() => lib.close());

/** A local wall-clock time in the library's zone as the instant it is (Postgres does the zone arithmetic). */
const at = (local: string) => `('${local}'::timestamp AT TIME ZONE (SELECT "timeZone" FROM "LibrarySettings"))`;

async function dueOn(code: string, subjectId: number, dates: string[]) {
  const due: string[] = [];
  for (const date of dates) {
    const { deliveries } = await previewRun(lib.db, { runDate: date, scenarioCodes: [code] });
    if (deliveries.some((d) => d.messages.some((m) => m.notices.some((n) => n.id === subjectId)))) due.push(date);
  }
  return due;
}

async function setPeriod(code: string, days: number) {
  await lib.sql.query(`UPDATE "ScenarioLevel" SET "periodDays" = $2 WHERE "scenarioId" = (SELECT id FROM "Scenario" WHERE code = $1)`, [code, days]);
}

async function reservation(patronId: number, status: string, column: "readyAt" | "completedAt", local: string) {
  const { rows } = await lib.sql.query(
    `INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "${column}", "pickupBy")
     VALUES ($1, 'A reserved book', (SELECT id FROM "Branch" LIMIT 1), $2::"ReservationStatus", ${at(local)}, '2027-12-31') RETURNING id`,
    [patronId, status]);
  return rows[0].id as number;
}

// The days the clocks change: London last Sunday of March and October, Auckland first Sunday of April and last
// Sunday of September, New York second Sunday of March and first Sunday of November (2026).
const CLOCK_CHANGES: Record<(typeof ZONES)[number], string[]> = {
  "Europe/London": ["2026-03-29", "2026-10-25"],
  "Pacific/Auckland": ["2026-04-05", "2026-09-27"],
  "America/New_York": ["2026-03-08", "2026-11-01"],
};
const next = (d: string, n = 1) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(ZONES)("in %s", (zone) => {
  beforeAll(async () => {
    await lib.sql.query(`UPDATE "LibrarySettings" SET "timeZone" = $1`, [zone]);
  });

  const days = ["2026-02-03", ...CLOCK_CHANGES[zone]];

  it.each(days)("a reservation made ready at 23:50 on %s is ready that day, at 00:10 the next", async (day) => {
    await setPeriod("reservation-ready", 0);
    const patron = await addPatron(lib.sql);
    const late = await reservation(patron.id, "READY_FOR_PICKUP", "readyAt", `${day} 23:50`);
    const early = await reservation(patron.id, "READY_FOR_PICKUP", "readyAt", `${next(day)} 00:10`);
    expect(await dueOn("reservation-ready", late, [next(day, -1), day])).toEqual([day]);
    expect(await dueOn("reservation-ready", early, [day, next(day)])).toEqual([next(day)]);
  });

  // Every kind dated by a reservation's completion: notified on the day it completed (period 0), at 23:59 local.
  const completions = [["reservation-cancelled", "CANCELLED"], ["reservation-expired", "EXPIRED_UNFULFILLED"],
    ["reservation-allocation-expired", "EXPIRED_UNCOLLECTED"], ["reservation-auto-cancelled", "AUTO_CANCELLED"]] as const;
  it.each(days.flatMap((day) => completions.map(([code, status]) => [day, code, status])))(
    "on %s a reservation completed at 23:59 gets its %s notice that day, not the day before", async (day, code, status) => {
      await setPeriod(code, 0);
      const patron = await addPatron(lib.sql);
      const id = await reservation(patron.id, status, "completedAt", `${day} 23:59`);
      expect(await dueOn(code, id, [next(day, -1), day])).toEqual([day]);
    });

  // Every kind dated by a loan's status: its 7 days count from the local date the status was set, at 00:05.
  const statuses = [["loan-lost", "LOST"], ["loan-long-overdue", "LONG_OVERDUE"], ["loan-reported-lost", "REPORTED_LOST"],
    ["loan-recalled", "RECALLED"], ["claimed-returned", "CLAIMED_RETURNED"], ["claimed-never-borrowed", "CLAIMED_NEVER_BORROWED"]] as const;
  it.each(days.flatMap((day) => statuses.map(([code, status]) => [day, code, status])))(
    "on %s a loan whose status is set at 00:05 counts its %s days from that date", async (day, code, status) => {
      await setPeriod(code, 7);
      const patron = await addPatron(lib.sql);
      const loan = await addLoan(lib.sql, patron.id, "2026-01-10", { status });
      await lib.sql.query(`UPDATE "Loan" SET "statusSetAt" = ${at(`${day} 00:05`)} WHERE id = $1`, [loan.id]);
      expect(await dueOn(code, loan.id, [next(day, 6), next(day, 7)])).toEqual([next(day, 7)]);
    });

  it.each(days)("a charge incurred at 23:55 on %s is invoiced 7 days after that date", async (day) => {
    await setPeriod("invoice", 7);
    const patron = await addPatron(lib.sql);
    const { rows } = await lib.sql.query(`INSERT INTO "Charge" ("patronId", kind, amount, balance, "createdAt")
      VALUES ($1, 'DAMAGE', 4.50, 4.50, ${at(`${day} 23:55`)}) RETURNING id`, [patron.id]);
    expect(await dueOn("invoice", rows[0].id, [next(day, 6), next(day, 7)])).toEqual([next(day, 7)]);
  });

  it.each(days)("a patron last active at 00:01 on %s is inactive 30 days after that date", async (day) => {
    await setPeriod("inactive-borrower", 30);
    const patron = await addPatron(lib.sql);
    await lib.sql.query(`UPDATE "Patron" SET "lastActivityAt" = ${at(`${day} 00:01`)} WHERE id = $1`, [patron.id]);
    expect(await dueOn("inactive-borrower", patron.id, [next(day, 29), next(day, 30)])).toEqual([next(day, 30)]);
  });

  it.each(days)("a patron debarred at 23:58 on %s gets the debarral notice that day", async (day) => {
    await setPeriod("debarral", 0);
    const patron = await addPatron(lib.sql);
    await lib.sql.query(`UPDATE "Patron" SET status = 'DEBARRED', "statusSetAt" = ${at(`${day} 23:58`)} WHERE id = $1`, [patron.id]);
    expect(await dueOn("debarral", patron.id, [next(day, -1), day])).toEqual([day]);
  });

  const resolutions = [["claimed-returned-resolved", "CLAIMED_RETURNED"], ["claimed-never-borrowed-resolved", "CLAIMED_NEVER_BORROWED"]] as const;
  it.each(days.flatMap((day) => resolutions.map(([code, claim]) => [day, code, claim])))(
    "on %s a claim resolved at 00:02 (flagged for a notice) gets its %s notice that day, not before", async (day, code, claim) => {
      await setPeriod(code, 0);
      const patron = await addPatron(lib.sql);
      const loan = await addLoan(lib.sql, patron.id, "2026-01-10", { status: claim });
      await lib.sql.query(`UPDATE "Loan" SET "statusResolvedAt" = ${at(`${day} 00:02`)}, "resolvedClaim" = $2::"LoanStatus",
        "notifyResolution" = true WHERE id = $1`, [loan.id, claim]);
      expect(await dueOn(code, loan.id, [next(day, -1), day])).toEqual([day]);
    });
});

describe("a scheduled run's date", () => {
  it("is the library's date: at 00:30 in Auckland on 3 Feb (11:30 UTC on 2 Feb) the run is dated 3 Feb", async () => {
    const { localDateTime } = await import("@/lib/time/library-date");
    expect(localDateTime("Pacific/Auckland", new Date("2026-02-02T11:30:00Z"))).toMatchObject({ date: "2026-02-03", time: "00:30" });
    expect(localDateTime("America/New_York", new Date("2026-02-03T04:30:00Z"))).toMatchObject({ date: "2026-02-02", time: "23:30" });
    // 02:30 does not exist in London on 29 Mar 2026: 01:30 UTC is already 02:30 BST.
    expect(localDateTime("Europe/London", new Date("2026-03-29T01:30:00Z"))).toMatchObject({ date: "2026-03-29", time: "02:30" });
  });
});
