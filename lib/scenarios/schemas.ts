// What a scenario editor (and, later, the configuration API) may save. One schema for the browser form (react-hook-form
// with zodResolver) and the server action (parseOrThrow), so both name the same field with the same words.
import { z } from "zod";
import { Channel, ContactKind, NoticeKind } from "@/lib/generated/prisma/enums";
import { kindFields } from "./kind-fields";

const blank = (v: unknown) => v === "" || v === null || v === undefined;

/** A whole number typed in a form ("" is "not given": null). */
const wholeNumber = (min: number, max: number, unit: string) =>
  z.preprocess(
    (v) => (blank(v) || (typeof v === "string" && v.trim() === "") ? null : typeof v === "string" ? Number(v.trim()) : v),
    z.number({ error: `a whole number of ${unit}` }).int(`a whole number of ${unit}`)
      .min(min, `at least ${min} ${unit}`).max(max, `at most ${max} ${unit}`).nullable(),
  );

/** Money typed in a form: more than 0, at most 2 decimals, kept as text for the Decimal column; "" is null. */
const money = z.preprocess(
  (v) => (blank(v) ? null : String(v).trim()),
  z.string().regex(/^\d{1,8}(\.\d{1,2})?$/, { error: "an amount such as 2.50 (at most 2 decimals)", abort: true })
    .refine((v) => Number(v) > 0, "more than 0").nullable(),
);

/** Optional short text: "" is null. */
const optionalText = (max: number) => z.preprocess(
  (v) => (blank(v) ? null : String(v).trim() || null),
  z.string().max(max, `at most ${max} characters`).nullable(),
);

const ids = z.array(z.coerce.number().int().positive());

export const LevelInput = z.object({
  id: z.number().int().positive().optional(),
  isEnabled: z.boolean(),
  periodDays: wholeNumber(-3650, 3650, "days"),
  amount: money,
  contactKinds: z.array(z.enum(ContactKind)).min(1, "choose who receives it"),
  templateId: z.coerce.number({ error: "choose a template" }).int().positive("choose a template"),
  processingChargeCode: optionalText(20),
  processingChargeAmount: money,
  showItemCost: z.boolean(),
  printMedia: optionalText(40),
  separationGroup: optionalText(40),
  excludeCategoryIds: ids,
  excludeAcademicLevelIds: ids,
  excludeLibraryGroupIds: ids,
});

export const ScenarioInput = z.object({
  id: z.number().int().positive().optional(),
  // The version the editor was opened on (updatedAt, ISO): a save over a newer one is refused.
  expectedUpdatedAt: z.string().optional(),
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "2–40 lower-case letters, digits and hyphens, e.g. overdue-juniors"),
  kind: z.enum(NoticeKind),
  name: z.string().trim().min(1, "a name staff will recognise").max(80, "at most 80 characters"),
  isEnabled: z.boolean(),
  frequency: z.enum(["DAILY", "WEEKLY", "MONTHLY"]),
  weekday: z.preprocess((v) => (blank(v) ? null : Number(v)), z.number().int().min(0, "choose the day of the week").max(6, "choose the day of the week").nullable()),
  monthDay: wholeNumber(1, 31, "days"),
  runAt: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM, e.g. 02:00"),
  catchUpDays: wholeNumber(0, 3650, "days"),
  restrictChannels: z.array(z.enum(Channel)),
  printOverride: z.boolean(),
  separationGroup: optionalText(40),
  includeCategoryIds: ids,
  excludeCategoryIds: ids,
  excludeAcademicLevelIds: ids,
  excludeLibraryGroupIds: ids,
  levels: z.array(LevelInput).min(1, "a scenario needs at least one level"),
}).superRefine((s, ctx) => {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (s.id !== undefined && !s.expectedUpdatedAt) issue(["expectedUpdatedAt"], "the version the editor was opened on: reload the scenario and save again");
  const f0 = kindFields(s.kind);
  if (s.isEnabled && f0.isLevelled && s.levels.length > 0 && s.levels.every((l) => !l.isEnabled)) {
    issue(["levels"], "switch on at least one level, or switch the scenario off");
  }
  const levelIds = s.levels.flatMap((l) => (l.id === undefined ? [] : [l.id]));
  if (new Set(levelIds).size !== levelIds.length) issue(["levels"], "a level appears twice: reload the scenario");
  if (s.frequency === "WEEKLY" && s.weekday === null) issue(["weekday"], "choose the day of the week");
  if (s.frequency === "MONTHLY" && s.monthDay === null) issue(["monthDay"], "a day of the month, 1–31 (31: the last day)");
  const overlap = s.includeCategoryIds.filter((id) => s.excludeCategoryIds.includes(id));
  if (overlap.length) issue(["excludeCategoryIds"], "a category cannot be both the only ones sent to and excluded");
  const f = kindFields(s.kind);
  if (!f.isLevelled && s.levels.length !== 1) issue(["levels"], "this kind of notice has exactly one level");
  s.levels.forEach((l, i) => {
    if (f.usesPeriod && l.periodDays === null) issue(["levels", i, "periodDays"], "a number of days");
    if (f.usesPeriod && !f.allowsNegativePeriod && (l.periodDays ?? 0) < 0) issue(["levels", i, "periodDays"], "0 or more days");
    if (f.amount === "required" && l.amount === null) issue(["levels", i, "amount"], "an amount of fines for this level");
    if (f.amount === "none" && l.amount !== null) issue(["levels", i, "amount"], "this kind of notice has no amount");
    if (l.processingChargeAmount !== null && l.processingChargeCode === null) issue(["levels", i, "processingChargeCode"], "a charge code for the amount");
    if (l.processingChargeCode !== null && l.processingChargeAmount === null) issue(["levels", i, "processingChargeAmount"], "the amount to charge");
  });
  if (f.isLevelled) {
    // Escalation levels are thresholds (days overdue, or fines for LF) and their numbers are their order: each level,
    // switched off or not, must come after the one before. (The planner compares a loan's recorded level by its number,
    // so a level numbered out of threshold order would skip or repeat escalations.)
    const value = (l: (typeof s.levels)[number]) => (s.kind === "LF" ? Number(l.amount ?? NaN) : (l.periodDays ?? NaN));
    let previous: { n: number; value: number } | null = null;
    s.levels.forEach((l, i) => {
      if (Number.isNaN(value(l))) return;
      if (previous && value(l) <= previous.value) {
        const field = s.kind === "LF" ? "amount" : "periodDays";
        issue(["levels", i, field], `must be more than level ${previous.n}'s (${previous.value})`);
      }
      previous = { n: i + 1, value: value(l) };
    });
  }
});

export type ScenarioInputValues = z.input<typeof ScenarioInput>;
export type ScenarioSave = z.output<typeof ScenarioInput>;

/** "levels[1].periodDays" (the server's field paths, lib/parse-input.ts) as react-hook-form's "levels.1.periodDays". */
export const formPath = (field: string) => field.replace(/\[(\d+)\]/g, ".$1");
