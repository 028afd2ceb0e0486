// Which schedule slots have not run, per scenario (DOMAIN.md "Schedules and catch-up"). Asked at worker start and
// every minute by the sweep, so slots missed while the worker was down, or whose tick was lost (a Redis restart, a
// clock change skipping the run time), are planned once each, oldest first.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { localDateTime } from "@/lib/time/library-date";
import { addDays } from "./rules/day-count";
import { slotsToRun } from "./rules/schedule";

export type MissedRun = { runDate: string; runKey: string; scenarioIds: number[]; slot: string };

// A slot that started this recently is the tick's to plan; the periodic check leaves it alone.
export const TICK_GRACE_MS = 2 * 60_000;

export async function findMissedRuns(db: PrismaClient, options: { now?: Date; graceMs?: number } = {}): Promise<MissedRun[]> {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 } });
  if (!settings) return [];
  const tz = settings.timeZone;
  const now = localDateTime(tz, new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? 0))).stamp;
  const scenarios = await db.scenario.findMany({
    where: { isEnabled: true, levels: { some: { isEnabled: true } } },
    select: { id: true, frequency: true, weekday: true, monthDay: true, runAt: true, catchUpDays: true, scheduleSetAt: true },
    orderBy: { id: "asc" },
  });
  const wanted = new Map<string, MissedRun>(); // by date and slot
  const windowOf = (s: (typeof scenarios)[number]) => Math.max(s.catchUpDays ?? 30, 1);
  const oldest = addDays(now.slice(0, 10), -Math.max(1, ...scenarios.map(windowOf)) - 1);
  // Which scenarios each scheduled run planned (or is planning, or failed at: those are the sweep's and staff's).
  const runs = await db.noticeRun.findMany({
    where: { trigger: "SCHEDULED", runDate: { gte: new Date(`${oldest}T00:00:00Z`) } },
    select: { key: true, runDate: true, scenarioIds: true },
  });
  const covered = new Set(runs.flatMap((r) => r.scenarioIds.map((id) => `${r.runDate.toISOString().slice(0, 10)}:${id}`)));
  const keys = new Set(runs.map((r) => r.key));
  for (const s of scenarios) {
    const since = localDateTime(tz, s.scheduleSetAt).stamp;
    for (const date of slotsToRun(s, { now, since, windowDays: windowOf(s) })) {
      if (covered.has(`${date}:${s.id}`)) continue;
      const group = `${date} ${s.runAt}`;
      const run = wanted.get(group) ?? { runDate: date, runKey: "", scenarioIds: [], slot: s.runAt };
      run.scenarioIds.push(s.id);
      wanted.set(group, run);
    }
  }
  const missed = [...wanted.values()].sort((a, b) => `${a.runDate} ${a.slot}`.localeCompare(`${b.runDate} ${b.slot}`));
  for (const run of missed) {
    // The slot's own key when its run never happened (the tick's job for it then is the same job); otherwise the
    // scenarios it left out get a run of their own, keyed by them, so a second check finds it and adds nothing.
    const slotKey = `scheduled:${run.runDate}:${run.slot}`;
    run.runKey = keys.has(slotKey) ? `${slotKey}:${run.scenarioIds.join("-")}` : slotKey;
  }
  return missed;
}
