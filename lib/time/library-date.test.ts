import { describe, expect, it } from "vitest";
import { dateOnly, isValidTimeZone, localDate } from "./library-date";

describe("localDate", () => {
  it.each([
    // [time zone, instant, local date]
    ["Europe/London", "2026-01-31T23:30:00Z", "2026-01-31"], // GMT in winter: same as UTC
    ["Europe/London", "2026-06-30T23:30:00Z", "2026-07-01"], // BST: already tomorrow
    ["America/New_York", "2026-02-01T03:00:00Z", "2026-01-31"], // still yesterday in New York
    ["Pacific/Auckland", "2026-02-28T12:00:00Z", "2026-03-01"], // across a month end
    ["UTC", "2028-02-29T00:00:00Z", "2028-02-29"], // leap day
  ])("in %s at %s is %s", (tz, instant, expected) => {
    expect(localDate(tz, new Date(instant))).toBe(expected);
  });
});

describe("dateOnly", () => {
  it("is UTC midnight of the date", () => {
    expect(dateOnly("2026-02-01").toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });
  it.each(["2026-02-30", "2027-02-29", "2026-1-1", "yesterday"])("refuses %s", (bad) => {
    expect(() => dateOnly(bad)).toThrow();
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA names and refuses others", () => {
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
