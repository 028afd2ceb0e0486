// Calendar dates in the library's time zone. A due date is a local calendar day, so "today" must be too:
// at 00:30 in London on 1 Feb it is still 31 Jan in UTC.

/** The local calendar date (YYYY-MM-DD) in `timeZone` at instant `at`. */
export function localDate(timeZone: string, at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** A YYYY-MM-DD date as the UTC-midnight Date that Prisma uses for @db.Date columns. */
export function dateOnly(isoDate: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`not a YYYY-MM-DD date: ${isoDate}`);
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== isoDate) throw new Error(`no such date: ${isoDate}`);
  return d;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** The local wall-clock date and time (HH:MM) in `timeZone` at instant `at`. Compared as "YYYY-MM-DD HH:MM" text,
 * local times order correctly across clock changes (a skipped hour is never shown; a repeated one compares equal). */
export function localDateTime(timeZone: string, at: Date = new Date()): { date: string; time: string; stamp: string } {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    clockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  return { date, time, stamp: `${date} ${time}` };
}

/** "YYYY-MM-01" of the month a date is in, moved by `months` (the ledger's months: lib/notices/ledger-partitions.ts). */
export function monthStart(date: string, months = 0): string {
  const [y, m] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

const displayFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant as staff read it, in the library's time zone: "2 Dec 2026, 14:05". */
export function formatDateTime(at: Date, timeZone: string): string {
  let format = displayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    displayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** A calendar date (YYYY-MM-DD) as staff read it: "Wed 2 Dec 2026". */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(new Date(`${isoDate}T00:00:00Z`));
}
