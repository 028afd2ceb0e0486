import type { Queue } from "bullmq";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { syncSchedulersJob, tickJob } from "@/lib/jobs/notices";
import { cronForRunAt } from "./rules/schedule";

/**
 * One job scheduler per enabled scenario, ticking daily at its runAt in the library's time zone (the planner decides
 * whether the day is on the scenario's weekly/monthly schedule). Upserted, never removed and re-added, so two
 * workers starting together cannot leave zero or two; schedulers of disabled or deleted scenarios are removed.
 */
export async function syncScenarioSchedulers(db: PrismaClient, queue: Queue, timeZone: string) {
  const scenarios = await db.scenario.findMany({ where: { isEnabled: true, levels: { some: { isEnabled: true } } }, select: { id: true, runAt: true } });
  for (const s of scenarios) {
    await queue.upsertJobScheduler(
      tickJob.schedulerId(s.id),
      { pattern: cronForRunAt(s.runAt), tz: timeZone },
      { name: tickJob.name, data: { scenarioId: s.id }, opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
    );
  }
  const wanted = new Set(scenarios.map((s) => tickJob.schedulerId(s.id)));
  const existing = await queue.getJobSchedulers(0, -1);
  for (const scheduler of existing) {
    if (scheduler.key.startsWith("scenario-") && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
  return scenarios.length;
}

/**
 * Asks the worker to sync its schedulers with the scenarios now (call after a scenario is enabled, disabled or its
 * schedule changes, or after the library's time zone changes). Each request is a job of its own: a fixed job id would
 * drop a request made while a sync is running (after it read the scenarios) or while a failed one is kept. Syncing is
 * idempotent (upserts), so a few extra are harmless; catch-up (every minute) covers a slot whose scheduler came late.
 */
export async function requestSchedulerSync(queue: Queue) {
  await queue.add(syncSchedulersJob.name, {}, { attempts: 3, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: true, removeOnFail: { count: 20 } });
}
