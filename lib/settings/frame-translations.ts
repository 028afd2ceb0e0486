// The letter frame's texts in other languages (LibrarySettings.frameTranslations), as Settings → Library and the
// configuration API save them: keyed by a BCP 47 language tag, stored canonical ("FR-ca" → "fr-CA") and in tag order,
// each language with only the texts it has (an empty one falls back to the default text, and the configuration file's
// schema takes strings only). The frame reads them in lib/templates/brand.ts.
import { z } from "zod";

export const FRAME_TEXT_FIELDS = ["address", "openingHours", "footerText"] as const;
export type FrameTextField = (typeof FRAME_TEXT_FIELDS)[number];
export type FrameTranslations = Record<string, Partial<Record<FrameTextField, string>>>;

const MAX: Record<FrameTextField, number> = { address: 500, openingHours: 1000, footerText: 1000 };
const text = (max: number) => z.preprocess((v) => (v === undefined || v === null ? null : typeof v === "string" ? v.trim() || null : v),
  z.string().max(max, `at most ${max} characters`).nullable());

const texts = z.object(Object.fromEntries(FRAME_TEXT_FIELDS.map((f) => [f, text(MAX[f])])) as Record<FrameTextField, ReturnType<typeof text>>);

/** The translations as typed (tags as keys); a bad tag is named by its key: "frameTranslations.klingon!". */
export const FrameTranslationsInput = z.preprocess((v) => v ?? {}, z.record(z.string(), texts).superRefine((value, ctx) => {
  for (const p of tagProblems(value)) ctx.addIssue({ code: "custom", path: [p.tag], message: p.message });
}));
export type FrameTranslationsValues = z.infer<typeof FrameTranslationsInput>;

/** The canonical form of a BCP 47 language tag, or null when it is not one. The language itself must be an ISO 639
 * code of two or three letters: BCP 47 also allows five to eight, so "english" would pass as a tag. */
export function canonicalTag(tag: string): string | null {
  if (tag.trim() === "" || tag.length > 35) return null;
  try {
    const canonical = Intl.getCanonicalLocales(tag.trim())[0];
    return canonical && /^[a-z]{2,3}(-|$)/.test(canonical) ? canonical : null;
  } catch {
    return null; // RangeError: not a well-formed tag
  }
}

/** Each tag as typed that is not a language tag, or says a language listed before it; the default language is
 * refused beside the other settings (LibrarySettingsInput), as only it knows which that is. */
export function tagProblems(translations: FrameTranslationsValues): { tag: string; message: string }[] {
  const problems: { tag: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const tag of Object.keys(translations)) {
    const canonical = canonicalTag(tag);
    if (!canonical) problems.push({ tag, message: "a language tag such as cy, mi or fr-CA" });
    else if (seen.has(canonical.toLowerCase())) problems.push({ tag, message: `${canonical} is listed twice` });
    if (canonical) seen.add(canonical.toLowerCase());
  }
  return problems;
}

/** The tag as typed that says the default language, if one does (its texts are the default ones). */
export function tagOfDefault(translations: FrameTranslationsValues, defaultLanguage: string): string | undefined {
  const wanted = canonicalTag(defaultLanguage)?.toLowerCase();
  return Object.keys(translations).find((tag) => canonicalTag(tag)?.toLowerCase() === wanted);
}

/** As stored: canonical tags in order, each with only its non-empty texts. Call after tagProblems found none. */
export function storedFrameTranslations(translations: FrameTranslationsValues): FrameTranslations {
  const entries = Object.entries(translations).map(([tag, texts]) =>
    [canonicalTag(tag)!, Object.fromEntries(FRAME_TEXT_FIELDS.filter((f) => texts[f]).map((f) => [f, texts[f]!]))] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether two stored values say the same (jsonb gives keys back in its own order). */
export function sameFrameTranslations(a: unknown, b: unknown): boolean {
  const stable = (v: unknown): unknown => v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(stable(a ?? {})) === JSON.stringify(stable(b ?? {}));
}
