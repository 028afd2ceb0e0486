import type { ScheduleFrequency } from "@/lib/generated/prisma/enums";
import { addDays } from "./day-count";

export type Schedule = { frequency: ScheduleFrequency; weekday: number | null; monthDay: number | null };

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // month is 1-based here: day 0 of the next month
}

/** Whether a scenario with this schedule runs on local date `isoDate`. Monthly day 31 (or 29, 30) past the month's
 * end means its last day, so "31" runs on 28/29 Feb, 30 Apr, 31 May. */
export function isScheduledOn(schedule: Schedule, isoDate: string): boolean {
  const [y, m, d] = isoDate.split("-").map(Number);
  switch (schedule.frequency) {
    case "DAILY":
      return true;
    case "WEEKLY":
      return new Date(Date.UTC(y, m - 1, d)).getUTCDay() === (schedule.weekday ?? 1);
    case "MONTHLY":
      return d === Math.min(schedule.monthDay ?? 1, lastDayOfMonth(y, m));
  }
}

export function parseRunAt(runAt: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(runAt);
  if (!match) throw new Error(`runAt: HH:MM, got ${runAt}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The job scheduler's cron pattern: every day at runAt (the planner decides which days a scenario runs). */
export function cronForRunAt(runAt: string): string {
  const { hour, minute } = parseRunAt(runAt);
  return `${minute} ${hour} * * *`;
}


export type SlotSchedule = Schedule & { runAt: string };

/**
 * The dates (ascending) whose slot a scenario should have run by `now`, oldest first: every day its schedule falls on
 * within the last `windowDays`, and the latest slot that has started (a tick comes every day: the first overdue notice
 * goes out on any day). A daily scenario is caught up by its latest slot alone: a once-only notice is due on the first
 * run at or past its period, and an every-run notice sent three times at once for three missed days would tell the
 * patron nothing new (DOMAIN.md "a missed run is caught up on the next run, once, not once per missed day"). Slots
 * before `since` (the schedule's last change) belong to the old schedule and are not caught up. All times are local
 * "YYYY-MM-DD HH:MM" stamps in the library's time zone.
 */
export function slotsToRun(schedule: SlotSchedule, options: { now: string; since: string; windowDays: number }): string[] {
  const today = options.now.slice(0, 10);
  const started = (d: string) => `${d} ${schedule.runAt}` <= options.now && `${d} ${schedule.runAt}` >= options.since;
  const latest = started(today) ? today : addDays(today, -1);
  if (!started(latest)) return [];
  if (schedule.frequency === "DAILY") return [latest];
  const dates: string[] = [];
  for (let d = addDays(today, -options.windowDays); d < latest; d = addDays(d, 1)) {
    if (started(d) && isScheduledOn(schedule, d)) dates.push(d);
  }
  return [...dates, latest];
}
