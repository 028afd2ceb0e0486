// DOMAIN.md "Schedules and catch-up": daily; weekly on a weekday (0 = Sunday .. 6 = Saturday); monthly on a day, 31 (or
// 29, 30) past the month's end = its last day. Missed slots within the catch-up window run once each, oldest first;
// slots before the schedule's last change are not caught up.
import { describe, expect, it } from "vitest";
import { addDays } from "./day-count";
import { cronForRunAt, isScheduledOn, parseRunAt, slotsToRun, type Schedule } from "./schedule";

// Sunday 29 November .. Saturday 5 December 2026.
const week = ["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"];
const weekly = (weekday: number | null): Schedule => ({ frequency: "WEEKLY", weekday, monthDay: null });
const monthly = (monthDay: number | null): Schedule => ({ frequency: "MONTHLY", weekday: null, monthDay });

describe("isScheduledOn", () => {
  it.each([0, 1, 2, 3, 4, 5, 6])("weekly on weekday %i runs on that day of the week only", (weekday) => {
    expect(week.filter((d) => isScheduledOn(weekly(weekday), d))).toEqual([week[weekday]]);
  });

  it("weekly without a weekday runs on Mondays", () => {
    expect(week.filter((d) => isScheduledOn(weekly(null), d))).toEqual(["2026-11-30"]);
  });

  it("daily runs every day", () => {
    expect(week.filter((d) => isScheduledOn({ frequency: "DAILY", weekday: null, monthDay: null }, d))).toEqual(week);
  });

  it.each([
    // month day, date, runs?
    [29, "2027-02-28", true], // common year: 29 is past the end, the 28th is the last day
    [29, "2028-02-28", false], // leap year: the 29th exists
    [29, "2028-02-29", true],
    [29, "2026-04-29", true],
    [29, "2026-04-30", false],
    [30, "2027-02-28", true],
    [30, "2028-02-29", true],
    [30, "2028-02-28", false],
    [30, "2026-04-30", true],
    [30, "2026-05-30", true],
    [30, "2026-05-31", false],
    [31, "2026-06-30", true],
    [31, "2026-09-30", true],
    [31, "2026-11-30", true],
    [31, "2026-07-30", false],
    [31, "2026-07-31", true],
    [31, "2026-12-31", true],
    [28, "2027-02-28", true],
    [28, "2028-02-29", false],
    [1, "2026-03-01", true],
    [1, "2026-03-02", false],
    [null, "2026-03-01", true], // no day set: the 1st
    [null, "2026-03-31", false],
  ] as const)("monthly on day %s, on %s: %s", (monthDay, date, expected) => {
    expect(isScheduledOn(monthly(monthDay), date)).toBe(expected);
  });

  it("monthly on day 31 runs once in every month of a year, on its last day", () => {
    const year = Array.from({ length: 365 }, (_, i) => addDays("2027-01-01", i));
    expect(year.filter((d) => isScheduledOn(monthly(31), d))).toEqual([
      "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30",
      "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31",
    ]);
  });
});

describe("run times", () => {
  it.each([
    ["00:00", { hour: 0, minute: 0 }],
    ["02:30", { hour: 2, minute: 30 }],
    ["09:05", { hour: 9, minute: 5 }],
    ["19:59", { hour: 19, minute: 59 }],
    ["23:45", { hour: 23, minute: 45 }],
  ])("%s is a local run time", (runAt, expected) => {
    expect(parseRunAt(runAt)).toEqual(expected);
  });

  it.each(["24:00", "7:00", "07:0", "12:60", "1a:00", "12:5x", "x12:00", "12:00x", "12-00", ""])("%j is refused", (runAt) => {
    expect(() => parseRunAt(runAt)).toThrow(new Error(`runAt: HH:MM, got ${runAt}`));
  });

  it("gives the job scheduler a daily cron pattern at the run time", () => {
    expect(cronForRunAt("02:30")).toBe("30 2 * * *");
    expect(cronForRunAt("23:05")).toBe("5 23 * * *");
  });
});

describe("slotsToRun: catch-up window and since boundaries", () => {
  const since = "2000-01-01 00:00";
  const daily = { frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00" } as const;
  const mondays = { frequency: "WEEKLY", weekday: 1, monthDay: null, runAt: "02:00" } as const;

  it("runs a slot the moment it starts, and counts today's slot once on its own day", () => {
    // Monday 30 Nov at 02:00: last Monday (inside the 7-day window) and today's slot, once.
    expect(slotsToRun(mondays, { now: "2026-11-30 02:00", since, windowDays: 7 })).toEqual(["2026-11-23", "2026-11-30"]);
  });

  it("takes the window's first day in, and leaves the day before it out", () => {
    const now = "2026-12-07 09:00"; // a Monday
    expect(slotsToRun(mondays, { now, since, windowDays: 14 })).toEqual(["2026-11-23", "2026-11-30", "2026-12-07"]);
    expect(slotsToRun(mondays, { now, since, windowDays: 13 })).toEqual(["2026-11-30", "2026-12-07"]);
  });

  it("runs a slot that falls exactly when the schedule was set, and none before it", () => {
    expect(slotsToRun(daily, { now: "2026-12-02 09:00", since: "2026-12-02 02:00", windowDays: 30 })).toEqual(["2026-12-02"]);
    expect(slotsToRun(daily, { now: "2026-12-02 09:00", since: "2026-12-02 02:01", windowDays: 30 })).toEqual([]);
    // Set on Monday 23 Nov at 02:00 sharp: that Monday's slot is the new schedule's.
    expect(slotsToRun(mondays, { now: "2026-12-02 09:00", since: "2026-11-23 02:00", windowDays: 30 })).toEqual([
      "2026-11-23", "2026-11-30", "2026-12-02",
    ]);
    expect(slotsToRun(mondays, { now: "2026-12-02 09:00", since: "2026-11-23 02:01", windowDays: 30 })).toEqual(["2026-11-30", "2026-12-02"]);
  });

  it("takes yesterday's slot as the latest before today's has started, whatever day it was", () => {
    expect(slotsToRun(mondays, { now: "2026-12-02 01:59", since, windowDays: 7 })).toEqual(["2026-11-30", "2026-12-01"]);
  });
});
