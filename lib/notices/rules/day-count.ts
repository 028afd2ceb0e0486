// Whole calendar days between local dates (YYYY-MM-DD). The day-counting contract (DOMAIN.md, Spydus): a loan due on
// 1 Feb may be returned until closing time on 1 Feb and is "1 day overdue" only once all of 2 Feb has passed, so on
// run date R it is R - due - 1 days overdue. With "open days only", closed days strictly between do not count.

const DAY_MS = 86_400_000;

// A night's planning asks about the same few hundred dates millions of times: parse each once per process.
const dayNumbers = new Map<string, number>();
function toUtcDay(isoDate: string): number {
  let day = dayNumbers.get(isoDate);
  if (day === undefined) {
    const t = Date.parse(`${isoDate}T00:00:00Z`);
    if (Number.isNaN(t)) throw new Error(`not a date: ${isoDate}`);
    day = t / DAY_MS;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the bound only limits the cache's memory
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(isoDate, day);
  }
  return day;
}

/** b - a in calendar days. */
export function dayDiff(a: string, b: string): number {
  return toUtcDay(b) - toUtcDay(a);
}

export function addDays(isoDate: string, days: number): string {
  return new Date((toUtcDay(isoDate) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The library's calendars for "count open days only": each branch's closed days, and the days every branch is closed
 * (the calendar of a loan that names no branch). */
export type ClosedCalendar = { byBranch: ReadonlyMap<number, ReadonlySet<string>>; library: ReadonlySet<string> };

const NONE: ReadonlySet<string> = new Set();
/** The closed days that count for a loan of `branchId`: its branch's own calendar (DOMAIN.md: open days counting uses
 * the loan's branch), the library's when the loan names no branch. */
export function closedDaysAt(calendar: ClosedCalendar | undefined, branchId: number | null | undefined): ReadonlySet<string> | undefined {
  if (!calendar) return undefined;
  return branchId === null || branchId === undefined ? calendar.library : (calendar.byBranch.get(branchId) ?? NONE);
}

/** Days overdue on run date `runDate` for a loan due `dueDate`; negative while not yet overdue. */
export function daysOverdue(runDate: string, dueDate: string, closedDays?: ReadonlySet<string>): number {
  const calendar = dayDiff(dueDate, runDate) - 1;
  if (!closedDays?.size || calendar <= 0) return calendar;
  let closed = 0;
  for (let d = addDays(dueDate, 1); d < runDate; d = addDays(d, 1)) if (closedDays.has(d)) closed++;
  return calendar - closed;
}
