import { describe, expect, it } from "vitest";
import { describeWeek, formatDayHours, parseDayHours } from "./branches";

describe("opening hours as staff type them", () => {
  it("reads one or several intervals, pads single-digit hours, and takes empty or 'closed' as closed", () => {
    expect(parseDayHours("9:00-17:00")).toEqual([["09:00", "17:00"]]);
    expect(parseDayHours("09:00-12:30, 13:30–17:00")).toEqual([["09:00", "12:30"], ["13:30", "17:00"]]);
    expect(parseDayHours("  ")).toEqual([]);
    expect(parseDayHours("Closed")).toEqual([]);
  });

  it("refuses a closing time before the opening, overlapping intervals and words, saying which", () => {
    expect(parseDayHours("17:00-09:00")).toBe("17:00-09:00: the closing time must be after the opening time");
    expect(parseDayHours("09:00-13:00, 12:00-17:00")).toBe("12:00-17:00 overlaps the interval before it");
    expect(parseDayHours("nine to five")).toMatch(/^times as 09:00-17:00/);
    expect(parseDayHours("24:00-25:00")).toMatch(/^times as/);
  });

  it("writes them back as they were typed", () => {
    expect(formatDayHours([["09:00", "12:30"], ["13:30", "17:00"]])).toBe("09:00-12:30, 13:30-17:00");
    expect(formatDayHours(undefined)).toBe("");
  });

  it("describes a week in one line, runs of equal days together", () => {
    const weekday: [string, string][] = [["09:00", "17:00"]];
    expect(describeWeek({ mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [["10:00", "13:00"]], sun: [] }))
      .toBe("Mon–Fri 09:00-17:00 · Sat 10:00-13:00 · Sun closed");
    expect(describeWeek({ mon: weekday, wed: weekday })).toBe("Mon 09:00-17:00 · Tue closed · Wed 09:00-17:00 · Thu–Sun closed");
    expect(describeWeek({})).toBe("No opening hours set");
  });
});
