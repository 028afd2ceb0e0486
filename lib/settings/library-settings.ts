// Settings → Library: the library's name, sender, time zone, counting rule, language and branding (with the frame's
// texts in other languages, ./frame-translations.ts). One save is one transaction with an audit row before → after of
// the fields changed. A new time zone moves every scenario's slots, so it counts as a
// schedule change for all of them (scheduleSetAt: no slot of the old clock is caught up) and the worker re-syncs its
// schedulers (the action asks it to).
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isValidTimeZone } from "@/lib/time/library-date";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { FrameTranslationsInput, sameFrameTranslations, storedFrameTranslations, tagOfDefault } from "./frame-translations";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const optional = (max: number) => z.preprocess((v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v),
  z.string().max(max, `at most ${max} characters`).nullable());
const optionalEmail = z.preprocess((v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v),
  z.string().email("an email address such as library@example.org").nullable());

export const LibrarySettingsInput = z.object({
  name: z.string().trim().min(1, "the library's name as patrons know it").max(120, "at most 120 characters"),
  senderAddress: z.string().trim().email("an email address such as notices@library.example"),
  senderName: optional(120),
  replyToAddress: optionalEmail,
  timeZone: z.string().trim().refine(isValidTimeZone, "a time zone from the list, such as Europe/London"),
  closingTime: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM, e.g. 17:00"),
  countOpenDaysOnly: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  defaultLanguage: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language tag such as en, en-GB or cy"),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "a three-letter currency code such as GBP"),
  logoUrl: optional(500).refine((v) => v === null || /^https:\/\//.test(v), "an https:// address of the logo image"),
  address: optional(500),
  brandColor: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "a colour as #RRGGBB, e.g. #1e3a8a"),
  openingHours: optional(1000),
  footerText: optional(1000),
  frameTranslations: FrameTranslationsInput,
}).superRefine((v, ctx) => {
  const tag = tagOfDefault(v.frameTranslations, v.defaultLanguage);
  if (tag !== undefined) ctx.addIssue({ code: "custom", path: ["frameTranslations", tag], message: "the default language: its texts are the ones above" });
});
export type LibrarySettingsValues = z.infer<typeof LibrarySettingsInput>;

export const SETTINGS_FIELDS = Object.keys(LibrarySettingsInput.shape) as (keyof LibrarySettingsValues)[];

export async function saveLibrarySettings(db: PrismaClient, input: LibrarySettingsValues, actor: Actor) {
  return db.$transaction(async (tx) => {
    const current = await tx.librarySettings.findUnique({ where: { id: 1 } });
    if (!current) throw new AppError("NOT_FOUND", "The library has no settings yet: run the seed or import a configuration first.");
    const before: Record<string, Prisma.JsonValue> = Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, current[k]]));
    const after: Record<string, Prisma.JsonValue> = { ...input, frameTranslations: storedFrameTranslations(input.frameTranslations) };
    const changed = SETTINGS_FIELDS.filter((k) => (k === "frameTranslations" ? !sameFrameTranslations(before[k], after[k]) : before[k] !== after[k]));
    if (changed.length === 0) return { changed: [], timeZoneChanged: false };
    await tx.librarySettings.update({ where: { id: 1 }, data: { ...input, frameTranslations: storedFrameTranslations(input.frameTranslations) } });
    const timeZoneChanged = changed.includes("timeZone");
    if (timeZoneChanged) await tx.scenario.updateMany({ data: { scheduleSetAt: new Date() } });
    await tx.auditLog.create({
      data: {
        ...actorColumns(actor), action: "settings.update", entity: "settings", entityId: "library",
        details: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
      },
    });
    return { changed, timeZoneChanged };
  });
}
