// A scenario's schedule in a librarian's words, and the date it next runs: shown on the scenarios page and live in the
// editor as the schedule is changed. Pure (no database), so the browser and the server say the same thing.
import { addDays } from "@/lib/notices/rules/day-count";
import { isScheduledOn, type SlotSchedule } from "@/lib/notices/rules/schedule";

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

/** "every day at 02:00", "every Monday at 00:30", "on the last day of each month at 02:00", with the time zone. */
export function describeSchedule(s: SlotSchedule, timeZone: string): string {
  const at = `at ${s.runAt}, ${timeZone}`;
  switch (s.frequency) {
    case "DAILY":
      return `every day ${at}`;
    case "WEEKLY":
      return `every ${WEEKDAYS[s.weekday ?? 1]} ${at}`;
    case "MONTHLY": {
      const day = s.monthDay ?? 1;
      if (day === 31) return `on the last day of each month ${at}`;
      if (day >= 29) return `on the ${ordinal(day)} of each month (the last day in shorter months) ${at}`;
      return `on the ${ordinal(day)} of each month ${at}`;
    }
  }
}

/**
 * The next date (YYYY-MM-DD) whose slot has not started yet at `now` ("YYYY-MM-DD HH:MM", the library's local time):
 * today if its run time is still ahead and today is on the schedule, else the next scheduled day.
 */
export function nextRunDate(s: SlotSchedule, now: string): string {
  const today = now.slice(0, 10);
  let d = `${today} ${s.runAt}` > now ? today : addDays(today, 1);
  for (let i = 0; i < 370 && !isScheduledOn(s, d); i++) d = addDays(d, 1);
  return d;
}
