// DOMAIN.md "Day counting": days overdue on run date R = R - due - 1, in whole calendar days; with "open days only",
// closed days strictly between the due date and the run date do not count.
import { describe, expect, it } from "vitest";
import { addDays, dayDiff, daysOverdue } from "./day-count";

describe("days overdue: R - due - 1 across month and year ends", () => {
  it.each([
    // run date, due date, days overdue
    ["2026-02-01", "2026-01-31", 0], // the day after the due date: not yet overdue
    ["2026-02-02", "2026-01-31", 1], // across January's end
    ["2026-05-01", "2026-04-30", 0],
    ["2026-05-02", "2026-04-30", 1], // a 30-day month
    ["2027-03-01", "2027-02-28", 0],
    ["2027-03-02", "2027-02-28", 1], // February of a common year
    ["2028-03-01", "2028-02-29", 0], // the leap day is a due date like any other
    ["2028-03-02", "2028-02-29", 1],
    ["2027-01-01", "2026-12-31", 0],
    ["2027-01-31", "2026-12-31", 30],
    ["2026-01-30", "2026-02-01", -3], // not due yet: negative
  ])("on %s a loan due %s is %i days overdue", (run, due, expected) => {
    expect(daysOverdue(run, due)).toBe(expected);
  });
});

describe("days overdue counting open days only", () => {
  it("does not count a closed run date: only days strictly between the due date and the run date are looked at", () => {
    // Due Sunday 20 Dec; 21..25 Dec open; the run on Saturday 26 Dec (closed) counts 21..25.
    expect(daysOverdue("2026-12-26", "2026-12-20", new Set(["2026-12-26"]))).toBe(5);
  });

  it("does not look at a closed due date either (the day after it is the first that can count)", () => {
    expect(daysOverdue("2026-12-28", "2026-12-25", new Set(["2026-12-25"]))).toBe(2); // 26th and 27th
  });

  it("skips closed days across a month end", () => {
    const closed = new Set(["2026-01-31", "2026-02-01"]);
    expect(daysOverdue("2026-02-03", "2026-01-30", closed)).toBe(1); // 31 Jan and 1 Feb closed; 2 Feb counts
    expect(daysOverdue("2026-02-03", "2026-01-30")).toBe(3);
  });

  it("keeps the Spydus example: the day after the due date is never overdue, closed or not", () => {
    expect(daysOverdue("2026-02-02", "2026-02-01", new Set(["2026-02-01", "2026-02-02"]))).toBe(0);
    expect(daysOverdue("2026-02-01", "2026-02-01", new Set(["2026-02-01"]))).toBe(-1);
  });

  it("counts every day when the calendar has no closed days", () => {
    expect(daysOverdue("2026-02-10", "2026-02-01", new Set())).toBe(8);
  });
});

describe("calendar days", () => {
  it("counts b - a in whole days, across month ends and leap days", () => {
    expect(dayDiff("2026-01-31", "2026-03-01")).toBe(29);
    expect(dayDiff("2028-01-31", "2028-03-01")).toBe(30);
    expect(dayDiff("2026-03-01", "2026-01-31")).toBe(-29);
    expect(dayDiff("2026-12-31", "2027-01-01")).toBe(1);
    expect(dayDiff("2026-06-15", "2026-06-15")).toBe(0);
  });

  it("adds and subtracts days across month and year ends", () => {
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-04-30", 1)).toBe("2026-05-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-01-15", 0)).toBe("2026-01-15");
  });

  it("refuses what is not a YYYY-MM-DD date", () => {
    expect(() => addDays("1 Feb 2026", 1)).toThrow(new Error("not a date: 1 Feb 2026"));
    expect(() => daysOverdue("2026-13-01", "2026-02-01")).toThrow(new Error("not a date: 2026-13-01"));
  });
});
