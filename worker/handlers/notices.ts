// Thin handlers: parse the payload, call a lib use-case, enqueue what it produced.
import type { Job, Queue } from "bullmq";
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { planRunJob, tickJob } from "@/lib/jobs/notices";
import { enqueueDeliveries, type SendJobOptions } from "@/lib/notices/enqueue-deliveries";
import { KINDS } from "@/lib/notices/kinds";
import { planRun } from "@/lib/notices/plan-run";
import { latestSlot } from "@/lib/notices/rules/schedule";
import { sweepDeliveries } from "@/lib/notices/sweep";
import { syncScenarioSchedulers } from "@/lib/notices/sync-schedulers";
import { localDate } from "@/lib/time/library-date";

export type NoticeDeps = {
  db: PrismaClient;
  log: Logger;
  noticesQueue: Queue;
  deliveriesQueue: Queue;
  send: SendJobOptions & { leaseSeconds: number };
};

async function libraryClock(db: PrismaClient, now = new Date()) {
  const settings = await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } });
  const tz = settings.timeZone;
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
  return { tz, date: localDate(tz, now), time };
}

const enqueueBatch = (deps: NoticeDeps) => async ({ emailDeliveryIds }: { emailDeliveryIds: number[] }) => {
  await enqueueDeliveries(deps.db, deps.deliveriesQueue, emailDeliveryIds, deps.send);
};

export async function enqueuePlanRun(queue: Queue, data: (typeof planRunJob.payload)["_output"], delayMs: number = planRunJob.delayMs) {
  await queue.add(planRunJob.name, data, { ...planRunJob.options, jobId: planRunJob.jobId(data.runKey), delay: delayMs });
}

export async function handleTick(job: Job, deps: NoticeDeps) {
  const { scenarioId } = tickJob.payload.parse(job.data);
  const scenario = await deps.db.scenario.findUnique({ where: { id: scenarioId } });
  if (!scenario?.isEnabled) return { skipped: "scenario disabled or gone" };
  const clock = await libraryClock(deps.db);
  const runDate = latestSlot(scenario.runAt, `${clock.date} ${clock.time}`);
  const runKey = `scheduled:${runDate}:${scenario.runAt}`;
  await enqueuePlanRun(deps.noticesQueue, { runDate, trigger: "SCHEDULED", runKey, slot: scenario.runAt });
  return { runKey };
}

export async function handlePlanRun(job: Job, deps: NoticeDeps) {
  const data = planRunJob.payload.parse(job.data);
  let scenarioIds = data.scenarioIds;
  if (data.slot) {
    const inSlot = await deps.db.scenario.findMany({ where: { isEnabled: true, runAt: data.slot }, select: { id: true } });
    scenarioIds = inSlot.map((s) => s.id);
  }
  const started = Date.now();
  const result = await planRun(deps.db, {
    runDate: data.runDate,
    trigger: data.trigger,
    runKey: data.runKey,
    scenarioIds,
    requestedBy: data.requestedBy,
    onBatch: enqueueBatch(deps),
  });
  deps.log.info({ runKey: data.runKey, runId: result.runId, notices: result.notices, deliveries: result.deliveries,
    emailDeliveries: result.emailDeliveries, alreadyPlanned: result.alreadyPlanned, ms: Date.now() - started }, "run planned");
  return { runId: result.runId, notices: result.notices, deliveries: result.deliveries };
}

/** Reservation ready / cancelled: planned every minute, so they go out within a minute of the change. */
export async function handleEvents(job: Job, deps: NoticeDeps) {
  const eventKinds = Object.entries(KINDS).filter(([, info]) => info.isEventDriven).map(([kind]) => kind);
  const scenarios = await deps.db.scenario.findMany({
    where: { isEnabled: true, kind: { in: eventKinds as never[] } },
    select: { id: true },
  });
  if (scenarios.length === 0) return { skipped: "no event scenarios" };
  const clock = await libraryClock(deps.db);
  const result = await planRun(deps.db, {
    runDate: clock.date,
    trigger: "EVENT",
    // One run per scheduler tick (its job id names the slot; a retry of the tick reuses it), whatever the schedule.
    runKey: `event:${clock.date}:${job.id ?? job.timestamp}`,
    scenarioIds: scenarios.map((s) => s.id),
    onBatch: enqueueBatch(deps),
  });
  return { notices: result.notices };
}

export async function handleSweep(_job: Job, deps: NoticeDeps) {
  const { requeue, markedUnknown } = await sweepDeliveries(deps.db, { leaseSeconds: deps.send.leaseSeconds, queuedForSeconds: 300 });
  if (requeue.length) {
    // Straight to the queue: the rows may be QUEUED or SENDING already, and the send job re-claims them.
    await enqueueDeliveries(deps.db, deps.deliveriesQueue, requeue, deps.send);
  }
  // Runs a crash left half-planned are planned again under the same key.
  const stale = await deps.db.noticeRun.findMany({ where: { status: "PLANNING", startedAt: { lt: new Date(Date.now() - 10 * 60_000) } } });
  for (const run of stale) {
    await enqueuePlanRun(deps.noticesQueue, {
      runDate: run.runDate.toISOString().slice(0, 10), trigger: run.trigger, runKey: run.key, scenarioIds: run.scenarioIds,
    }, 0);
  }
  if (requeue.length || markedUnknown) deps.log.info({ requeued: requeue.length, markedUnknown }, "sweep");
  return { requeued: requeue.length, markedUnknown, replanned: stale.length };
}

export async function handleSyncSchedulers(_job: Job, deps: NoticeDeps) {
  const clock = await libraryClock(deps.db);
  return { scenarios: await syncScenarioSchedulers(deps.db, deps.noticesQueue, clock.tz) };
}

/**
 * After downtime: each schedule slot whose latest run never happened is planned once now, for the date it should
 * have run. Earlier missed days are not replayed one by one: once-only notices are due on the first run at or past
 * their period, so one run catches them up; every-run notices go once.
 */
export async function catchUpMissedRuns(deps: NoticeDeps) {
  const clock = await libraryClock(deps.db);
  const slots = await deps.db.scenario.findMany({ where: { isEnabled: true }, distinct: ["runAt"], select: { runAt: true } });
  const queued: string[] = [];
  for (const { runAt } of slots) {
    const runDate = latestSlot(runAt, `${clock.date} ${clock.time}`);
    const runKey = `scheduled:${runDate}:${runAt}`;
    const done = await deps.db.noticeRun.findUnique({ where: { key: runKey } });
    if (done?.status === "PLANNED") continue;
    await enqueuePlanRun(deps.noticesQueue, { runDate, trigger: "SCHEDULED", runKey, slot: runAt }, 0);
    queued.push(runKey);
  }
  return queued;
}
