import { describe, expect, it } from "vitest";
import { chooseChannel } from "./channel";
import { addDays, daysOverdue } from "./day-count";
import { escalate, levelReached } from "./escalation";
import { isDue } from "./evaluate";
import { isScheduledOn, slotsToRun } from "./schedule";

describe("day counting (Spydus contract: R - due - 1)", () => {
  it.each([
    // run date, due date, days overdue
    ["2026-02-02", "2026-02-01", 0], // returnable until closing time on the due date: not overdue the next day
    ["2026-02-03", "2026-02-01", 1], // period 1 fires on 3 Feb, never on 2 Feb
    ["2026-02-01", "2026-02-01", -1], // due today
    ["2026-03-01", "2026-02-27", 1], // across February's end
    ["2028-03-01", "2028-02-28", 1], // leap year: 29 Feb counts as a day
    ["2027-01-02", "2026-12-31", 1], // across the year end
    ["2026-02-15", "2026-02-01", 13],
  ])("on %s a loan due %s is %i days overdue", (run, due, expected) => {
    expect(daysOverdue(run, due)).toBe(expected);
  });

  it("counts open days only when closed days are given", () => {
    const closed = new Set(["2026-12-25", "2026-12-26"]);
    expect(daysOverdue("2026-12-28", "2026-12-24", closed)).toBe(1); // 25th, 26th closed; 27th counts
    expect(daysOverdue("2026-12-28", "2026-12-24")).toBe(3);
  });

  it("adds days across month ends and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
  });
});

describe("when a notice is due", () => {
  const ctx = (runDate: string, periodDays: number, extra: Partial<{ isFrequencyDay: boolean; catchUpDays: number | null }> = {}) => ({
    runDate, periodDays, isFrequencyDay: true, catchUpDays: 30, ...extra,
  });
  it.each([
    // kind, facts, context, due?
    ["LM", { occurrence: "2026-02-10" }, ctx("2026-02-08", 2), true], // 2 days before
    ["LM", { occurrence: "2026-02-10" }, ctx("2026-02-07", 2), false], // 3 days before: not yet
    ["LM", { occurrence: "2026-02-10" }, ctx("2026-02-09", 2), true], // missed run caught up the next day
    ["LM", { occurrence: "2026-02-10" }, ctx("2026-02-11", 2), false], // never after the due date
    ["LM", { occurrence: "2026-02-17" }, ctx("2026-02-09", 2), false], // renewed: due date moved, new reminder later
    ["O", { occurrence: "2026-02-01", hasPrevious: false }, ctx("2026-02-02", 0), true], // first run after midnight
    ["O", { occurrence: "2026-02-01", hasPrevious: false }, ctx("2026-02-01", 0), false], // due today
    ["O", { occurrence: "2026-02-01", hasPrevious: true }, ctx("2026-02-05", 0, { isFrequencyDay: false }), false], // repeat waits for the schedule
    ["O", { occurrence: "2026-02-01", hasPrevious: false }, ctx("2026-02-05", 0, { isFrequencyDay: false }), true], // first one goes at once
    ["O", { occurrence: "2026-02-01", hasPrevious: true }, ctx("2026-02-09", 0), true], // repeat on a schedule day
    ["V", { occurrence: "2026-02-01" }, ctx("2026-02-01", 0), true], // ready: at once
    ["RX", { occurrence: "2026-02-08" }, ctx("2026-02-06", 2), true], // 2 days before pickup-by
    ["LL", { occurrence: "2026-01-01" }, ctx("2026-01-15", 7), true],
    ["LL", { occurrence: "2025-06-01" }, ctx("2026-01-15", 7), false], // older than period + catch-up: not sent
    ["LL", { occurrence: "2025-06-01" }, ctx("2026-01-15", 7, { catchUpDays: null }), true], // no limit set
    ["BX", { occurrence: "2026-03-01" }, ctx("2026-02-15", -14), true], // 14 days before expiry
    ["BX", { occurrence: "2026-03-01" }, ctx("2026-02-14", -14), false],
    ["I", { occurrence: "2026-01-20" }, ctx("2026-02-01", 7), true],
    ["I", { occurrence: "2026-01-20" }, ctx("2026-02-01", 7, { isFrequencyDay: false }), false], // every run, on schedule days
    ["CL", { occurrence: "2026-02-01" }, ctx("2026-02-01", 0, { isFrequencyDay: false }), false],
  ] as const)("%s %j on %j: %s", (kind, facts, context, expected) => {
    expect(isDue(kind, facts, context)).toBe(expected);
  });
});

describe("highest escalation wins", () => {
  const levels = [{ level: 1, threshold: 7 }, { level: 2, threshold: 14 }, { level: 3, threshold: 28 }];
  it("finds the highest level reached", () => {
    expect(levelReached(6, levels)).toBe(0);
    expect(levelReached(7, levels)).toBe(1);
    expect(levelReached(40, levels)).toBe(3);
  });
  it.each([
    {
      name: "one loan newly at level 1",
      loans: [{ loanId: 1, value: 7, recordedLevel: 0 }],
      expected: { messageLevel: 1, notices: [{ loanId: 1, level: 1, role: "trigger" }], listedLoanIds: [1] },
    },
    {
      name: "the most overdue loan sets the level; a loan newly at a lower level is covered",
      loans: [{ loanId: 1, value: 30, recordedLevel: 0 }, { loanId: 2, value: 8, recordedLevel: 0 }],
      expected: {
        messageLevel: 3,
        notices: [{ loanId: 1, level: 3, role: "trigger" }, { loanId: 2, level: 1, role: "covered" }],
        listedLoanIds: [1, 2],
      },
    },
    {
      name: "a loan newly reaching level 1 re-sends at the highest level already reached by another",
      loans: [{ loanId: 1, value: 20, recordedLevel: 2 }, { loanId: 2, value: 7, recordedLevel: 0 }],
      expected: { messageLevel: 2, notices: [{ loanId: 2, level: 1, role: "covered" }], listedLoanIds: [1, 2] },
    },
    {
      name: "a catch-up after missed runs jumps straight to the level reached, once",
      loans: [{ loanId: 1, value: 29, recordedLevel: 1 }],
      expected: { messageLevel: 3, notices: [{ loanId: 1, level: 3, role: "trigger" }], listedLoanIds: [1] },
    },
  ])("$name", ({ loans, expected }) => {
    expect(escalate(loans, levels)).toEqual(expected);
  });
  it("sends nothing when no loan reached a new level", () => {
    expect(escalate([{ loanId: 1, value: 20, recordedLevel: 2 }, { loanId: 2, value: 3, recordedLevel: 0 }], levels)).toBeNull();
  });
});

describe("delivery channel", () => {
  const both = { email: "a@b.example", mobile: "07700 900123" };
  const none = { email: null, mobile: null };
  it.each([
    [both, [], false, "EMAIL"],
    [none, [], false, "PRINT"], // no usable address, no restriction: print
    [{ email: "not-an-email", mobile: null }, [], false, "PRINT"],
    [none, ["EMAIL"], false, null], // email only, no email: not generated
    [{ email: null, mobile: "07700 900123" }, ["EMAIL", "SMS"], false, "SMS"], // several ticked: the usable one
    [both, ["SMS"], false, "SMS"],
    [both, ["EMAIL"], true, "PRINT"], // print override wins
  ] as const)("%j restricted to %j, override %s: %s", (contact, restrict, override, expected) => {
    expect(chooseChannel(contact, { restrictChannels: restrict, printOverride: override })).toBe(expected);
  });
});

describe("schedule", () => {
  it.each([
    [{ frequency: "DAILY", weekday: null, monthDay: null }, "2026-02-03", true],
    [{ frequency: "WEEKLY", weekday: 2, monthDay: null }, "2026-02-03", true], // a Tuesday
    [{ frequency: "WEEKLY", weekday: 1, monthDay: null }, "2026-02-03", false],
    [{ frequency: "MONTHLY", weekday: null, monthDay: 31 }, "2026-02-28", true], // 31 = last day
    [{ frequency: "MONTHLY", weekday: null, monthDay: 31 }, "2028-02-28", false], // leap year: the 29th is last
    [{ frequency: "MONTHLY", weekday: null, monthDay: 31 }, "2028-02-29", true],
    [{ frequency: "MONTHLY", weekday: null, monthDay: 31 }, "2026-04-30", true],
    [{ frequency: "MONTHLY", weekday: null, monthDay: 31 }, "2026-05-30", false],
    [{ frequency: "MONTHLY", weekday: null, monthDay: 15 }, "2026-05-15", true],
  ] as const)("%j on %s: %s", (schedule, date, expected) => {
    expect(isScheduledOn(schedule, date)).toBe(expected);
  });
});

describe("slots to run after downtime (catch-up)", () => {
  const since = "2000-01-01 00:00";
  const daily = { frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00" } as const;
  const mondays = { frequency: "WEEKLY", weekday: 1, monthDay: null, runAt: "02:00" } as const;
  const lastDay = { frequency: "MONTHLY", weekday: null, monthDay: 31, runAt: "02:00" } as const;
  it.each([
    // schedule, local now, window days, slots
    [daily, "2026-02-03 01:59", 30, ["2026-02-02"]], // before today's run time: yesterday's slot, across midnight
    [daily, "2026-02-03 02:00", 30, ["2026-02-03"]],
    [daily, "2026-02-06 09:00", 30, ["2026-02-06"]], // down three days: caught up once, by the latest slot
    // Down Sunday, back Wednesday 2 Dec 2026: Monday's slot, then today's. (Slots that did run are left out by the
    // caller, from the runs recorded: lib/notices/catch-up.ts.)
    [mondays, "2026-12-02 09:00", 7, ["2026-11-30", "2026-12-02"]],
    [mondays, "2026-12-02 09:00", 1, ["2026-12-02"]], // Monday is outside a 1-day window
    [mondays, "2026-12-15 09:00", 14, ["2026-12-07", "2026-12-14", "2026-12-15"]], // two Mondays, oldest first
    [lastDay, "2027-03-02 09:00", 20, ["2027-02-28", "2027-03-02"]], // day 31 is 28 Feb
    [lastDay, "2027-02-28 01:00", 30, ["2027-01-31", "2027-02-27"]], // today's slot has not started yet
  ] as const)("%j at %s (window %i): %j", (schedule, now, windowDays, expected) => {
    expect(slotsToRun(schedule, { now, since, windowDays })).toEqual(expected);
  });
  it("leaves out slots from before the schedule changed", () => {
    expect(slotsToRun(mondays, { now: "2026-12-02 09:00", since: "2026-12-01 10:00", windowDays: 30 })).toEqual(["2026-12-02"]);
    // A run time moved later today (02:00 -> 06:00 at 04:00): today's 06:00 slot has not come yet, yesterday's was the old one.
    expect(slotsToRun({ ...daily, runAt: "06:00" }, { now: "2026-12-02 05:00", since: "2026-12-02 04:00", windowDays: 30 })).toEqual([]);
  });
});
