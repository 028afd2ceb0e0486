// The preview screens' date from the URL (?date= on /notices/preview, ?on= on a patron page): the API's rules for a
// run date (a real calendar date from 2000-01-01 to 2099-12-31: lib/api/schemas.ts PreviewRequest), its words for
// what is wrong, to show beside the field. Pure.
import { PreviewRequest, RUN_DATE_RANGE } from "@/lib/api/schemas";

export { RUN_DATE_RANGE };

export type DateParam = { value: string; date: string | null; error: string | null };

/** `raw` as given (missing: nothing to preview yet, no error); `date` only when it is one to plan. */
export function parseDateParam(raw: string | string[] | undefined): DateParam {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  if (value === "") return { value, date: null, error: null };
  const parsed = PreviewRequest.shape.date.safeParse(value);
  return parsed.success ? { value, date: parsed.data, error: null } : { value, date: null, error: parsed.error.issues[0].message };
}

/** The day after `date` (YYYY-MM-DD): the next run a preview most often asks about. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
