import { describe, expect, it } from "vitest";
import { describeSchedule, nextRunDate } from "@/lib/scenarios/describe-schedule";
import { kindFields } from "@/lib/scenarios/kind-fields";
import { formPath, ScenarioInput, type ScenarioInputValues } from "@/lib/scenarios/schemas";

const level = (over: Partial<ScenarioInputValues["levels"][number]> = {}): ScenarioInputValues["levels"][number] => ({
  isEnabled: true, periodDays: 7, amount: "", contactKinds: ["SELF"], templateId: 1, processingChargeCode: "", processingChargeAmount: "",
  showItemCost: false, printMedia: "", separationGroup: "", excludeCategoryIds: [], excludeAcademicLevelIds: [], excludeLibraryGroupIds: [], ...over,
});
const scenario = (over: Partial<ScenarioInputValues> = {}): ScenarioInputValues => ({
  code: "overdue-escalation", kind: "OE", name: "Overdue", isEnabled: true, frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00",
  catchUpDays: 30, restrictChannels: [], printOverride: false, separationGroup: "", includeCategoryIds: [], excludeCategoryIds: [],
  excludeAcademicLevelIds: [], excludeLibraryGroupIds: [], levels: [level({ periodDays: 7 }), level({ periodDays: 14 }), level({ periodDays: 28 })], ...over,
});
const problems = (input: ScenarioInputValues) => {
  const r = ScenarioInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("scenario validation", () => {
  it("accepts a valid escalation and turns typed text into values", () => {
    const parsed = ScenarioInput.parse(scenario({ levels: [level({ periodDays: "7" as never, processingChargeCode: "OD2", processingChargeAmount: "1.5" })] }));
    expect(parsed.levels[0]).toMatchObject({ periodDays: 7, processingChargeCode: "OD2", processingChargeAmount: "1.5", amount: null, printMedia: null });
  });
  it("names each level whose period does not come after the previous enabled level's", () => {
    expect(problems(scenario({ levels: [level({ periodDays: 7 }), level({ periodDays: 7 }), level({ periodDays: 5 })] }))).toEqual([
      "levels.1.periodDays: must be more than level 1's (7)", "levels.2.periodDays: must be more than level 2's (7)"]);
    // A switched-off level keeps its place: its number is its step, so it must still come in order.
    expect(problems(scenario({ levels: [level({ periodDays: 7 }), level({ periodDays: 30, isEnabled: false }), level({ periodDays: 14 })] }))).toEqual([
      "levels.2.periodDays: must be more than level 2's (30)"]);
    expect(problems(scenario({ levels: [level({ isEnabled: false }), level({ periodDays: 14, isEnabled: false })] }))).toEqual([
      "levels: switch on at least one level, or switch the scenario off"]);
    expect(problems(scenario({ isEnabled: false, levels: [level({ isEnabled: false })] }))).toEqual([]);
  });
  it("compares amounts for fines notices, and refuses an amount where the kind has none", () => {
    expect(problems(scenario({ kind: "LF", levels: [level({ amount: "5" }), level({ amount: "2.50" })] }))).toEqual(["levels.1.amount: must be more than level 1's (5)"]);
    expect(problems(scenario({ kind: "LF", levels: [level({ amount: "" })] }))).toEqual(["levels.0.amount: an amount of fines for this level"]);
    expect(problems(scenario({ kind: "LM", levels: [level({ amount: "3" })] }))).toEqual(["levels.0.amount: this kind of notice has no amount"]);
  });
  it("refuses money that is 0, negative or has more than 2 decimals, and a charge amount without its code", () => {
    expect(problems(scenario({ kind: "LF", levels: [level({ amount: "0" })] }))).toEqual(["levels.0.amount: more than 0"]);
    expect(problems(scenario({ kind: "LF", levels: [level({ amount: "1.005" })] }))).toEqual(["levels.0.amount: an amount such as 2.50 (at most 2 decimals)"]);
    expect(problems(scenario({ kind: "LF", levels: [level({ amount: "-2" })] }))).toEqual(["levels.0.amount: an amount such as 2.50 (at most 2 decimals)"]);
    expect(problems(scenario({ levels: [level({ processingChargeAmount: "2.00" })] }))).toEqual(["levels.0.processingChargeCode: a charge code for the amount"]);
  });
  it("checks the schedule: HH:MM, a weekday for weekly, a month day 1-31 for monthly", () => {
    expect(problems(scenario({ runAt: "24:00" }))).toEqual(["runAt: a time as HH:MM, e.g. 02:00"]);
    expect(problems(scenario({ runAt: "2:00" }))).toEqual(["runAt: a time as HH:MM, e.g. 02:00"]);
    expect(problems(scenario({ frequency: "WEEKLY" }))).toEqual(["weekday: choose the day of the week"]);
    expect(problems(scenario({ frequency: "MONTHLY", monthDay: 32 }))).toEqual(["monthDay: at most 31 days"]);
    expect(problems(scenario({ frequency: "MONTHLY", monthDay: "" as never }))).toEqual(["monthDay: a day of the month, 1–31 (31: the last day)"]);
  });
  it("gives a kind without escalation exactly one level, and refuses a negative period except for registration expiry", () => {
    expect(problems(scenario({ kind: "LM", levels: [level(), level({ periodDays: 14 })] }))).toEqual(["levels: this kind of notice has exactly one level"]);
    expect(problems(scenario({ kind: "LM", levels: [level({ periodDays: -2 })] }))).toEqual(["levels.0.periodDays: 0 or more days"]);
    expect(problems(scenario({ kind: "BX", levels: [level({ periodDays: -14 })] }))).toEqual([]);
    expect(problems(scenario({ levels: [] }))).toEqual(["levels: a scenario needs at least one level"]);
  });
  it("refuses a category both sent to only and excluded, and a code staff could not type in a URL", () => {
    expect(problems(scenario({ includeCategoryIds: [1, 2], excludeCategoryIds: [2] }))).toEqual(["excludeCategoryIds: a category cannot be both the only ones sent to and excluded"]);
    expect(problems(scenario({ code: "Overdue Juniors" }))[0]).toMatch(/^code: 2–40 lower-case letters/);
  });
  it("refuses a level listed twice, a saved scenario without the version it was opened on, and spaces for a number", () => {
    expect(problems(scenario({ levels: [level({ id: 4 }), level({ id: 4, periodDays: 14 })] }))).toEqual(["levels: a level appears twice: reload the scenario"]);
    expect(problems(scenario({ id: 3 }))[0]).toMatch(/^expectedUpdatedAt: the version the editor was opened on/);
    expect(problems(scenario({ levels: [level({ periodDays: "  " as never })] }))).toEqual(["levels.0.periodDays: a number of days"]);
    expect(problems(scenario({ frequency: "WEEKLY", weekday: 7 }))).toEqual(["weekday: choose the day of the week"]);
  });
  it("maps the server's field paths onto the form's", () => {
    expect(formPath("levels[1].periodDays")).toBe("levels.1.periodDays");
  });
  it("shows only the fields a kind uses", () => {
    expect(kindFields("LF")).toMatchObject({ isLevelled: true, usesPeriod: false, amount: "required" });
    expect(kindFields("CL")).toMatchObject({ isLevelled: false, usesPeriod: false, amount: "none" });
    expect(kindFields("I")).toMatchObject({ isLevelled: false, usesPeriod: true, amount: "optional", usesCatchUp: false });
    expect(kindFields("BR")).toMatchObject({ usesCatchUp: true });
  });
});

describe("schedule in words and the next run", () => {
  const s = (frequency: "DAILY" | "WEEKLY" | "MONTHLY", extra: { weekday?: number; monthDay?: number } = {}, runAt = "00:30") =>
    ({ frequency, weekday: extra.weekday ?? null, monthDay: extra.monthDay ?? null, runAt });
  it("says when it runs as a librarian would", () => {
    expect(describeSchedule(s("WEEKLY", { weekday: 1 }), "Pacific/Auckland")).toBe("every Monday at 00:30, Pacific/Auckland");
    expect(describeSchedule(s("DAILY"), "Europe/London")).toBe("every day at 00:30, Europe/London");
    expect(describeSchedule(s("MONTHLY", { monthDay: 31 }), "UTC")).toBe("on the last day of each month at 00:30, UTC");
    expect(describeSchedule(s("MONTHLY", { monthDay: 2 }), "UTC")).toBe("on the 2nd of each month at 00:30, UTC");
    expect(describeSchedule(s("MONTHLY", { monthDay: 30 }), "UTC")).toBe("on the 30th of each month (the last day in shorter months) at 00:30, UTC");
  });
  it("finds the next slot not yet started", () => {
    expect(nextRunDate(s("DAILY"), "2026-12-02 00:29")).toBe("2026-12-02");
    expect(nextRunDate(s("DAILY"), "2026-12-02 00:30")).toBe("2026-12-03");
    expect(nextRunDate(s("WEEKLY", { weekday: 1 }), "2026-12-02 10:00")).toBe("2026-12-07"); // Wednesday → Monday
    expect(nextRunDate(s("MONTHLY", { monthDay: 31 }), "2027-02-03 10:00")).toBe("2027-02-28");
    expect(nextRunDate(s("MONTHLY", { monthDay: 31 }), "2026-12-31 00:31")).toBe("2027-01-31");
  });
});
