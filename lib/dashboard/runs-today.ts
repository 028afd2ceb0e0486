// Per enabled scenario: today's scheduled run (done, sending, planning, failed, not yet, or not run at its time) and
// the next one, from the same pure schedule helpers the scenarios page and the catch-up use.
import { sqlPool } from "@/lib/db/client";
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
      select: { id: true, status: true, scenarioIds: true, startedAt: true, finishedAt: true },
      orderBy: { id: "desc" },
    }),
  ]);
  const open = await runsStillSending(db, runs.filter((r) => r.status === "PLANNED").map((r) => r.id), runs);
  return scenarios.map((s) => {
    const run = runs.find((r) => r.scenarioIds.includes(s.id)) ?? null;
    let state: TodayState;
    if (run) state = run.status === "PLANNING" ? "planning" : run.status === "FAILED" ? "failed" : open.has(run.id) ? "sending" : "done";
    else if (!isScheduledOn(s, clock.date)) state = "not-today";
    else state = `${clock.date} ${s.runAt}` > clock.stamp ? "not-yet" : "missed";
    return {
      id: s.id, name: s.name, runAt: s.runAt, state,
      run: run ? { id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt } : null,
      nextDate: nextRunDate(s, clock.stamp),
    };
  });
}

// A run is still sending while any of its email deliveries has not ended (print and SMS wait for staff or a gateway).
// One probe per run through the status index, from the run's start: cheap whether the run is half sent or done.
async function runsStillSending(db: PrismaClient, ids: number[], runs: { id: number; startedAt: Date }[]) {
  if (ids.length === 0) return new Set<number>();
  const starts = ids.map((id) => runs.find((r) => r.id === id)!.startedAt);
  const { rows } = await sqlPool(db).query<{ id: number }>(
    `SELECT r.id FROM unnest($1::int[], $2::timestamptz[]) AS r(id, started)
     WHERE EXISTS (SELECT 1 FROM "Delivery" d WHERE d.status IN ('PLANNED', 'QUEUED', 'SENDING') AND d.channel = 'EMAIL'
       AND d."createdAt" >= r.started AND d."runId" = r.id)`,
    [ids, starts],
  );
  return new Set(rows.map((r) => r.id));
}
