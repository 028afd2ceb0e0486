// The request bodies of /api/v1/config (issue 13 item 8), one zod schema each: they check the JSON's shape (types,
// lengths, no unknown fields) and describe it in the OpenAPI document; the library's rules (a time zone that exists,
// hours that do not overlap, thresholds that increase...) are the dashboard's own schemas and use-cases, applied after.
// A scenario is the configuration file's ScenarioFile, so a scenario exported, or read from GET, can be PUT back as it is.
import { z } from "zod";
import { ScenarioFile } from "@/lib/config-file/schema";
import { WEEKDAYS } from "@/lib/settings/branches";
import type { LibrarySettingsValues } from "@/lib/settings/library-settings";
import { safeString } from "./safe-text";

const text = (max: number) => safeString({ error: (issue) => (issue.input === undefined ? "required" : "text") }).max(max, `at most ${max} characters`);
const optionalText = (max: number) => text(max).nullable().optional();
const date = z.iso.date("a date as YYYY-MM-DD");

export const ScenarioBody = ScenarioFile.extend({
  code: z.string().optional().describe("the path's code, or left out"),
  updatedAt: z.iso.datetime({ offset: true, message: "a date-time, as GET gives it" }).optional()
    .describe("the version you read (GET's updatedAt): if the scenario was saved since, the PUT is refused (409). Left out: the last write wins"),
  levels: z.array(ScenarioFile.shape.levels.element.strict()).min(1, "a scenario needs at least one level")
    .describe("in order: level 1 first (thresholds increase); matched to the saved levels by position"),
}).strict().meta({
  id: "ConfigScenario",
  description: "A scenario as the configuration file has it: patron categories, academic levels and library groups by code, each level's template by name.",
});

// A field added to Settings → Library must be added here too (tsc refuses the shape until it is).
const settingsShape = {
  name: text(120),
  senderAddress: text(254).describe("an email address"),
  senderName: optionalText(120),
  replyToAddress: optionalText(254).describe("an email address"),
  timeZone: text(100).describe("an IANA time zone such as Europe/London; a change moves every scenario's schedule"),
  closingTime: text(5).describe("HH:MM"),
  countOpenDaysOnly: z.boolean(),
  defaultLanguage: text(20).describe("a language tag such as en or cy"),
  currency: text(3).describe("ISO 4217, e.g. GBP"),
  logoUrl: optionalText(500).describe("an https:// address"),
  address: optionalText(500),
  brandColor: text(7).describe("#RRGGBB"),
  openingHours: optionalText(1000).describe("as notices print it"),
  footerText: optionalText(1000),
  frameTranslations: z.record(text(35).describe("a BCP 47 language tag such as cy, mi or fr-CA; saved canonical"), z.object({
    address: optionalText(500), openingHours: optionalText(1000), footerText: optionalText(1000),
  }).strict().describe("the frame's texts in this language; one left out or empty: the default text")).nullable().optional()
    .describe("the letter frame in other languages: patrons whose language is listed get these texts; not the default language. Left out: none"),
} satisfies Record<keyof LibrarySettingsValues, z.ZodType>;
export const SettingsBody = z.object(settingsShape).strict()
  .meta({ id: "LibrarySettings", description: "Settings → Library. Optional fields left out are cleared (null)." });

const dayHours = text(100).describe('"09:00-17:00", several as "09:00-12:30, 13:30-17:00", or "" (or "closed") when closed');
export const BranchBody = z.object({
  code: text(20).optional().describe("the path's code, or left out"),
  name: text(120),
  email: optionalText(200),
  phone: optionalText(50),
  address: optionalText(500),
  openingHours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>).strict()
    .describe("every day of the week, as Settings → Branches types them"),
}).strict().meta({ id: "Branch", description: "A branch; optional fields left out are cleared (null)." });

export const ClosedDaysBody = z.object({
  from: date,
  to: date.optional().describe("the last day closed (inclusive); left out: `from` only. At most a year"),
  reason: optionalText(200),
}).strict().meta({ id: "ClosedDays", description: "A day or a range of days the branch is closed (a day already closed takes the new reason)." });

export const ClosedDaysDeletion = z.object({
  dates: z.array(date).min(1, "at least one date").max(366, "at most 366 dates"),
}).strict().meta({ id: "ClosedDaysDeletion", description: "The days to reopen (or name them as ?date=YYYY-MM-DD, repeated)." });

export const ClosedDaysQuery = z.object({
  from: date.optional().describe("the first day (default: today in the library's time zone)"),
  to: date.optional().describe("the last day (default: every day from `from` on)"),
}).strict();

export const ListEntryBody = z.object({
  code: text(20).optional().describe("the path's code, or left out"),
  name: text(80),
}).strict().meta({ id: "ListEntry", description: "A patron category, academic level or library group." });

/** The lists as the API names them, and as lib/settings/lists.ts does. */
export const CONFIG_LISTS = {
  "patron-categories": { list: "category", label: "patron categories" },
  "academic-levels": { list: "academic-level", label: "academic levels" },
  "library-groups": { list: "group", label: "library groups" },
} as const;
export type ConfigList = keyof typeof CONFIG_LISTS;
