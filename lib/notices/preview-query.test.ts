import { describe, expect, it } from "vitest";
import { dayAfter, parseDateParam } from "./preview-query";

describe("parseDateParam", () => {
  it.each([
    [undefined, null, null],
    ["", null, null],
    ["2026-12-03", "2026-12-03", null],
    [["2026-12-03", "2027-01-01"], "2026-12-03", null],
    ["2000-01-01", "2000-01-01", null],
    ["2099-12-31", "2099-12-31", null],
    ["1999-12-31", null, "a date from 2000-01-01 to 2099-12-31"],
    ["2100-01-01", null, "a date from 2000-01-01 to 2099-12-31"],
    ["2026-02-30", null, "a real calendar date as YYYY-MM-DD"],
    ["3 Dec", null, "a real calendar date as YYYY-MM-DD"],
  ])("%j → %j (%j)", (raw, date, error) => {
    const parsed = parseDateParam(raw as string | string[] | undefined);
    expect([parsed.date, parsed.error]).toEqual([date, error]);
  });

  it("keeps what was typed, to show it again in the field", () => {
    expect(parseDateParam(" 2026-02-30 ").value).toBe("2026-02-30");
  });
});

describe("dayAfter", () => {
  it("crosses months and years", () => {
    expect([dayAfter("2026-12-31"), dayAfter("2028-02-28"), dayAfter("2026-03-28")]).toEqual(["2027-01-01", "2028-02-29", "2026-03-29"]);
  });
});
