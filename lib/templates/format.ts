// Display formats for template values: dates and money in the patron's language, as the layouts and Liquid show them.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

function locale(language: string) {
  try {
    return Intl.getCanonicalLocales(language)[0];
  } catch {
    return "en";
  }
}

/** A calendar date ("2026-11-12", or a Date at UTC midnight as Prisma returns @db.Date) as "12 Nov 2026". */
export function formatDate(value: string | Date | null | undefined, language: string): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  if (Number.isNaN(date.getTime())) return "";
  const key = locale(language);
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(key, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })));
  return format.format(date);
}

export function formatMoney(value: string | number | null | undefined, language: string, currency: string): string {
  if (value === null || value === undefined || value === "") return "";
  const key = `${locale(language)}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) moneyFormats.set(key, (format = new Intl.NumberFormat(locale(language), { style: "currency", currency })));
  return format.format(Number(value));
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
}

/** The locale to format in: the library's own tag when it is the same language (it carries the region). */
export function formattingLocale(language: string, libraryLanguage: string): string {
  const primary = (tag: string) => tag.toLowerCase().split("-")[0];
  return primary(language) === primary(libraryLanguage) && libraryLanguage.includes("-") ? libraryLanguage : language;
}
