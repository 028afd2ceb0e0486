// Per enabled scenario: today's scheduled run (done, sending, planning, failed, not yet, or not run at its time) and
// the next one, from the same pure schedule helpers the scenarios page and the catch-up use. Done is the run's own
// mark (sendingFinishedAt: every email delivery has ended; print and SMS are not waited for), as on the run page.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { nextRunDate } from "@/lib/scenarios/describe-schedule";
import { isScheduledOn } from "@/lib/notices/rules/schedule";
import { dateOnly, localDateTime } from "@/lib/time/library-date";

export type TodayState = "done" | "sending" | "planning" | "failed" | "not-yet" | "missed" | "not-today";

export type ScenarioToday = {
  id: number;
  name: string;
  runAt: string;
  state: TodayState;
  run: { id: number; startedAt: Date; finishedAt: Date | null } | null;
  nextDate: string; // the next slot not started yet (YYYY-MM-DD, at runAt)
};

export async function getRunsToday(db: PrismaClient, options: { timeZone: string; now?: Date }): Promise<ScenarioToday[]> {
  const clock = localDateTime(options.timeZone, options.now ?? new Date());
  const [scenarios, runs] = await Promise.all([
    db.scenario.findMany({
      where: { isEnabled: true, levels: { some: { isEnabled: true } } },
      select: { id: true, name: true, frequency: true, weekday: true, monthDay: true, runAt: true },
      orderBy: [{ runAt: "asc" }, { name: "asc" }],
    }),
    db.noticeRun.findMany({
      where: { runDate: dateOnly(clock.date), trigger: "SCHEDULED" },
      select: { id: true, status: true, scenarioIds: true, startedAt: true, finishedAt: true, sendingFinishedAt: true },
      orderBy: { id: "desc" },
    }),
  ]);
  return scenarios.map((s) => {
    const run = runs.find((r) => r.scenarioIds.includes(s.id)) ?? null;
    let state: TodayState;
    if (run) state = run.status === "PLANNING" ? "planning" : run.status === "FAILED" ? "failed" : run.sendingFinishedAt ? "done" : "sending";
    else if (!isScheduledOn(s, clock.date)) state = "not-today";
    else state = `${clock.date} ${s.runAt}` > clock.stamp ? "not-yet" : "missed";
    return {
      id: s.id, name: s.name, runAt: s.runAt, state,
      run: run ? { id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt } : null,
      nextDate: nextRunDate(s, clock.stamp),
    };
  });
}
