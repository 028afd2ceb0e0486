// The library's configuration as one JSON document (issue 13 item 9): what staff set up, never patrons, loans or the
// ledger. Rows refer to each other by code (categories, academic levels, groups, branches) and by name (templates), never
// by database id, so a configuration tested on a test library moves to production as it is.
import { z } from "zod";
import { Channel, ContactKind, NoticeKind, TemplateFamily } from "@/lib/generated/prisma/enums";

export const CONFIG_FORMAT = "noticeboard-configuration";
export const CONFIG_VERSION = 1;

const code = z.string().trim().min(1).max(40);
const codes = z.array(code);
const text = (max: number) => z.string().max(max).nullable();

const LevelFile = z.object({
  isEnabled: z.boolean(),
  periodDays: z.number().int(),
  amount: z.string().nullable(),
  contactKinds: z.array(z.enum(ContactKind)).min(1),
  template: z.string().min(1),
  processingChargeCode: text(20),
  processingChargeAmount: z.string().nullable(),
  showItemCost: z.boolean(),
  printMedia: text(40),
  separationGroup: text(40),
  excludeCategories: codes,
  excludeAcademicLevels: codes,
  excludeLibraryGroups: codes,
});

export const ScenarioFile = z.object({
  code: z.string(), kind: z.enum(NoticeKind), name: z.string(), isEnabled: z.boolean(),
  frequency: z.enum(["DAILY", "WEEKLY", "MONTHLY"]), weekday: z.number().int().nullable(), monthDay: z.number().int().nullable(),
  runAt: z.string(), catchUpDays: z.number().int().nullable(), restrictChannels: z.array(z.enum(Channel)), printOverride: z.boolean(),
  separationGroup: text(40), includeCategories: codes, excludeCategories: codes, excludeAcademicLevels: codes, excludeLibraryGroups: codes,
  levels: z.array(LevelFile).min(1),
});

export const ConfigFile = z.object({
  format: z.literal(CONFIG_FORMAT, { error: `not a Noticeboard configuration file (format "${CONFIG_FORMAT}")` }),
  version: z.literal(CONFIG_VERSION, { error: `a configuration file of version ${CONFIG_VERSION}` }),
  exportedAt: z.string().optional(),
  settings: z.object({
    name: z.string().trim().min(1).max(120), timeZone: z.string(), closingTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM"),
    senderAddress: z.string().email(), senderName: text(120), replyToAddress: z.string().email().nullable(), defaultLanguage: z.string().min(2).max(20),
    currency: z.string().length(3), countOpenDaysOnly: z.boolean(), logoUrl: text(500), address: text(500), brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    openingHours: text(1000), footerText: text(1000), frameTranslations: z.record(z.string(), z.record(z.string(), z.string())),
    ledgerRetentionMonths: z.number().int().min(3).max(120),
  }),
  patronCategories: z.array(z.object({ code, name: z.string().min(1).max(80) })),
  academicLevels: z.array(z.object({ code, name: z.string().min(1).max(80) })),
  libraryGroups: z.array(z.object({ code, name: z.string().min(1).max(80) })),
  branches: z.array(z.object({
    code, name: z.string().min(1).max(120), email: text(200), phone: text(50), address: text(500),
    openingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    closedDays: z.array(z.object({ date: z.iso.date(), reason: text(200) })),
  })),
  templates: z.array(z.object({
    name: z.string().min(1).max(120), family: z.enum(TemplateFamily),
    texts: z.record(z.string(), z.object({ subject: z.string(), body: z.string(), closing: z.string() })),
  })),
  scenarios: z.array(ScenarioFile),
});
export type ConfigFile = z.infer<typeof ConfigFile>;
