// DOMAIN.md "Notice kinds" and "Day counting": what each kind's period counts (days until, days overdue, days since,
// an amount) and on which run a single-level notice is due.
import { describe, expect, it } from "vitest";
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { LEVELLED_KINDS, isDue, metricFor, type EvalContext } from "./evaluate";

const runDate = "2026-02-10";

describe("metricFor: the number each kind's period is compared with", () => {
  it.each([
    // days until the date: reminders before due, reservation expiring
    ["LM", 3], ["LW", 3], ["LRM", 3], ["RX", 3],
    // days overdue (R - due - 1)
    ["O", -4], ["OE", -4], ["OF", -4],
    // days since the event (default for everything dated by an event)
    ["LL", -3], ["LLO", -3], ["LLR", -3], ["LR", -3], ["LCR", -3], ["LCRNB", -3], ["LCRR", -3], ["LCRNBR", -3],
    ["V", -3], ["RU", -3], ["RE", -3], ["RC", -3], ["RS", -3], ["I", -3], ["BX", -3], ["BR", -3], ["IB", -3], ["DB", -3],
    // the all-loans reminders have no period
    ["CL", 0], ["CLNS", 0],
    // the fine accrued
    ["LF", 4.5],
  ] as [NoticeKind, number][])("%s, occurrence 3 days after the run: %d", (kind, expected) => {
    expect(metricFor(kind, { occurrence: "2026-02-13", amount: 4.5 }, { runDate })).toBe(expected);
  });

  it("counts days since the reference date when there is one (BR: since the last change of category)", () => {
    expect(metricFor("BR", { occurrence: "2025-01-01", refDate: "2026-01-10" }, { runDate })).toBe(31);
    expect(metricFor("BR", { occurrence: "2025-01-01", refDate: null }, { runDate })).toBe(405);
  });

  it("counts overdue days on open days only, by the loan's branch calendar, the library's for a loan without a branch", () => {
    const closedDays = { byBranch: new Map([[1, new Set(["2026-02-07", "2026-02-08", "2026-02-09"])], [2, new Set(["2026-02-07"])]]), library: new Set(["2026-02-07"]) };
    expect(metricFor("OE", { occurrence: "2026-02-01" }, { runDate })).toBe(8); // 2 to 9 February
    expect(metricFor("OE", { occurrence: "2026-02-01", branchId: 1 }, { runDate, closedDays })).toBe(5);
    expect(metricFor("OF", { occurrence: "2026-02-01", branchId: 2 }, { runDate, closedDays })).toBe(7);
    expect(metricFor("O", { occurrence: "2026-02-01", branchId: 3 }, { runDate, closedDays })).toBe(8); // a branch never closed
    expect(metricFor("OE", { occurrence: "2026-02-01", branchId: null }, { runDate, closedDays })).toBe(7);
  });

  it("takes no fine as zero (LF)", () => {
    expect(metricFor("LF", { occurrence: "2026-02-01", amount: null }, { runDate })).toBe(0);
    expect(metricFor("LF", { occurrence: "2026-02-01" }, { runDate })).toBe(0);
  });

  it("levels OE, OF and LF (escalations), and no other kind", () => {
    expect([...LEVELLED_KINDS].sort()).toEqual(["LF", "OE", "OF"]);
  });
});

const ctx = (periodDays: number, extra: Partial<EvalContext> = {}): EvalContext => ({
  runDate, periodDays, isFrequencyDay: true, catchUpDays: 30, ...extra,
});

describe("isDue: reminders before a date (LM, LW, RX)", () => {
  it.each(["LM", "LW", "RX"] as const)("%s with period 2: due 2 days before, caught up until the date itself, never after", (kind) => {
    const due = (occurrence: string, extra: Partial<EvalContext> = {}) => isDue(kind, { occurrence }, ctx(2, extra));
    expect([due("2026-02-13"), due("2026-02-12"), due("2026-02-11"), due("2026-02-10"), due("2026-02-09")]).toEqual([
      false, true, true, true, false,
    ]);
    expect(due("2026-02-12", { isFrequencyDay: false })).toBe(false); // reminders wait for the schedule
  });
});

describe("isDue: the patron's own reminder period (LRM)", () => {
  const due = (occurrence: string, amount: number | null | undefined, extra: Partial<EvalContext> = {}) =>
    isDue("LRM", { occurrence, amount }, ctx(99, extra));
  it("uses the patron's days (carried as the amount), not the level's period", () => {
    expect([due("2026-02-14", 3), due("2026-02-13", 3), due("2026-02-11", 3), due("2026-02-10", 3), due("2026-02-09", 3)]).toEqual([
      false, true, true, true, false,
    ]);
    expect(due("2026-02-10", 0)).toBe(true); // 0: on the due date
    expect(due("2026-02-13", 3, { isFrequencyDay: false })).toBe(false);
  });
  it("sends nothing to a patron who set no reminder days", () => {
    expect(due("2026-02-10", null)).toBe(false);
    expect(due("2026-02-10", undefined)).toBe(false);
    expect(due("2026-02-11", null)).toBe(false);
  });
});

describe("isDue: overdue (O)", () => {
  it.each([
    // due date, period, frequency day?, earlier notice for this due date?, due?
    ["2026-02-08", 1, true, false, true], // 1 day overdue: the first run at the period
    ["2026-02-09", 1, true, false, false], // the day after the due date is day 0
    ["2026-02-08", 1, false, false, true], // the first notice does not wait for the schedule
    ["2026-02-08", 1, false, true, false], // repeats do
    ["2026-02-01", 1, true, true, true],
  ] as const)("due %s, period %i, frequency day %s, previous %s: %s", (occurrence, period, freq, hasPrevious, expected) => {
    expect(isDue("O", { occurrence, hasPrevious }, ctx(period, { isFrequencyDay: freq }))).toBe(expected);
  });
});

describe("isDue: all current loans (CL, CLNS)", () => {
  it.each(["CL", "CLNS"] as const)("%s goes on every schedule day, whatever period is set", (kind) => {
    expect(isDue(kind, { occurrence: "2026-01-01" }, ctx(7))).toBe(true);
    expect(isDue(kind, { occurrence: "2026-01-01" }, ctx(0, { isFrequencyDay: false }))).toBe(false);
  });
});

describe("isDue: days since an event, within the catch-up window", () => {
  // Lost on 1 Jan; period 7; catch-up 30: due from 8 Jan (7 days) to 7 Feb (37 days).
  const lost = (runOn: string, extra: Partial<EvalContext> = {}) =>
    isDue("LL", { occurrence: "2026-01-01" }, { ...ctx(7, extra), runDate: runOn });
  it("is due from the period to the period plus the catch-up days, both included", () => {
    expect(["2026-01-07", "2026-01-08", "2026-02-07", "2026-02-08"].map((d) => lost(d))).toEqual([false, true, true, false]);
  });
  it("has no upper limit without catch-up days, and only the period itself with 0", () => {
    expect(lost("2027-01-01", { catchUpDays: null })).toBe(true);
    expect(["2026-01-08", "2026-01-09"].map((d) => lost(d, { catchUpDays: 0 }))).toEqual([true, false]);
  });
  it("waits for the schedule", () => {
    expect(lost("2026-01-08", { isFrequencyDay: false })).toBe(false);
  });
  it("does not window events that are not historical (V: ready for pickup, I: every run while unpaid)", () => {
    expect(isDue("V", { occurrence: "2025-01-01" }, ctx(0))).toBe(true);
    expect(isDue("I", { occurrence: "2025-01-01", amount: 5 }, ctx(7))).toBe(true);
  });
});

describe("isDue: invoices and the level's amount (I)", () => {
  const invoice = (amount: number | null, minAmount: number | null) =>
    isDue("I", { occurrence: "2026-01-20", amount }, ctx(7, { minAmount }));
  it("invoices a charge once its balance reaches the level's amount", () => {
    expect([invoice(4.99, 5), invoice(5, 5), invoice(7, 5), invoice(null, 5)]).toEqual([false, true, true, false]);
  });
  it("invoices every charge when the level sets no amount", () => {
    expect([invoice(0.5, null), invoice(null, null)]).toEqual([true, true]);
  });
  it("applies the amount to invoices only", () => {
    expect(isDue("LL", { occurrence: "2026-01-20", amount: null }, ctx(7, { minAmount: 5 }))).toBe(true);
    expect(isDue("RU", { occurrence: "2026-01-20", amount: 1 }, ctx(7, { minAmount: 5 }))).toBe(true);
  });
});
