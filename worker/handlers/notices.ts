// Thin handlers: parse the payload, call a lib use-case, enqueue what it produced.
import { rollUpLedger } from "@/lib/dashboard/roll-up-ledger";
import type { Job, Queue } from "bullmq";
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { planRunJob, tickJob } from "@/lib/jobs/notices";
import { enqueueDeliveries, type SendJobOptions } from "@/lib/notices/enqueue-deliveries";
import { findMissedRuns, TICK_GRACE_MS } from "@/lib/notices/catch-up";
import { KINDS } from "@/lib/notices/kinds";
import { planRun } from "@/lib/notices/plan-run";
import { requestSchedulerSync, syncScenarioSchedulers } from "@/lib/notices/sync-schedulers";
import { sweepDeliveries } from "@/lib/notices/sweep";
import { markFinishedRuns } from "@/lib/notices/mark-run-done";
import { maintainLedger } from "@/lib/notices/ledger-partitions";
import { sqlPool } from "@/lib/db/client";
import { enqueueOrderEmails } from "@/lib/orders/email/enqueue-order-emails";
import { runScheduledClaims } from "@/lib/orders/email/plan-claims";
import { sweepOrderEmails } from "@/lib/orders/email/send-order-email";
import { localDateTime } from "@/lib/time/library-date";

export type NoticeDeps = {
  db: PrismaClient;
  log: Logger;
  noticesQueue: Queue;
  deliveriesQueue: Queue;
  send: SendJobOptions & { leaseSeconds: number };
  /** The clock catch-up reads (tests set one, to know which slots have passed); the system clock when unset. */
  now?: () => Date;
};

async function libraryClock(db: PrismaClient, now = new Date()) {
  const settings = await db.librarySettings.findUniqueOrThrow({ where: { id: 1 } });
  return { tz: settings.timeZone, ...localDateTime(settings.timeZone, now) };
}

/** When a scheduler's job was due: its own slot, whatever time it runs (late after a busy queue or a restart). */
export function scheduledAt(job: Pick<Job, "id" | "opts" | "timestamp" | "delay">): Date {
  const fromId = /^repeat:.+:(\d+)$/.exec(job.id ?? "")?.[1];
  const millis = job.opts.prevMillis ?? (fromId ? Number(fromId) : job.timestamp + (job.delay ?? 0));
  return new Date(millis);
}

const enqueueBatch = (deps: NoticeDeps) => async ({ emailDeliveryIds }: { emailDeliveryIds: number[] }) => {
  await enqueueDeliveries(deps.db, deps.deliveriesQueue, emailDeliveryIds, deps.send);
};

// A run still PLANNING after this long was left by a crash: the sweep plans it again.
const STALE_PLANNING_MS = 10 * 60_000;

export async function enqueuePlanRun(queue: Queue, data: (typeof planRunJob.payload)["_output"], delayMs: number = planRunJob.delayMs) {
  await queue.add(planRunJob.name, data, { ...planRunJob.options, jobId: planRunJob.jobId(data.runKey), delay: delayMs });
}

/**
 * A scheduler's tick plans the slot of its own scheduled time, never an earlier date: the local date it was due on, at
 * the scenario's run time. A tick from before the scenario's run time changed (its time is earlier than the run
 * time, or before the change) plans nothing and has the schedulers synced; the new slot comes with the new schedule.
 * A clock change that skips the run time fires the tick at the first minute after it, which still counts as the slot.
 */
export async function handleTick(job: Job, deps: NoticeDeps) {
  const { scenarioId } = tickJob.payload.parse(job.data);
  const scenario = await deps.db.scenario.findUnique({ where: { id: scenarioId } });
  if (!scenario?.isEnabled) return { skipped: "scenario disabled or gone" };
  const clock = await libraryClock(deps.db, scheduledAt(job));
  const since = localDateTime(clock.tz, scenario.scheduleSetAt).stamp;
  const slot = `${clock.date} ${scenario.runAt}`;
  if (clock.time < scenario.runAt || slot < since) {
    await requestSchedulerSync(deps.noticesQueue);
    return { skipped: `tick at ${clock.stamp} is not a slot of the current schedule (${scenario.runAt} since ${since})` };
  }
  const runKey = `scheduled:${clock.date}:${scenario.runAt}`;
  await enqueuePlanRun(deps.noticesQueue, { runDate: clock.date, trigger: "SCHEDULED", runKey, slot: scenario.runAt });
  return { runKey };
}

export async function handlePlanRun(job: Job, deps: NoticeDeps) {
  const data = planRunJob.payload.parse(job.data);
  let scenarioIds = data.scenarioIds;
  const clock = await libraryClock(deps.db);
  if (data.slot) {
    // The scenarios of the slot, but not one whose schedule was set after the slot started (moved onto this run time
    // since): its first slot is the next one.
    const slot = `${data.runDate} ${data.slot}`;
    const inSlot = await deps.db.scenario.findMany({ where: { isEnabled: true, runAt: data.slot }, select: { id: true, scheduleSetAt: true } });
    scenarioIds = inSlot.filter((s) => localDateTime(clock.tz, s.scheduleSetAt).stamp <= slot).map((s) => s.id);
  }
  const started = Date.now();
  const result = await planRun(deps.db, {
    runDate: data.runDate,
    today: data.trigger === "SCHEDULED" ? clock.date : undefined,
    trigger: data.trigger,
    runKey: data.runKey,
    scenarioIds,
    requestedBy: data.requestedBy,
    onBatch: enqueueBatch(deps),
  });
  deps.log.info({ runKey: data.runKey, runId: result.runId, notices: result.notices, deliveries: result.deliveries,
    emailDeliveries: result.emailDeliveries, alreadyPlanned: result.alreadyPlanned, ms: Date.now() - started }, "run planned");
  // The next missed slot, if any, now that this one is recorded (catch-up goes one slot at a time, oldest first).
  if (data.trigger === "SCHEDULED") await catchUpMissedRuns(deps, { graceMs: TICK_GRACE_MS });
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
  return sweep(deps, { queuedForSeconds: 300, planningForMs: STALE_PLANNING_MS });
}

/**
 * After Redis lost its data (a restart without persistence, a failover, a flush): the sweep at once, and without its
 * 5-minute wait for QUEUED deliveries (the queue normally holds them; now it holds nothing). PLANNED ones keep their
 * minute (a planner may be enqueueing them now) and missed slots are caught up. Safe to repeat and to run on two
 * workers at once: job ids de-duplicate what is queued and a send job claims its row before doing anything.
 */
export function recoverFromPostgres(deps: NoticeDeps, options: { catchUp: boolean }) {
  // Runs still PLANNING keep the 10-minute rule: a live worker may be planning one right now (its job gone with Redis,
  // its code still running), and a second planner at once would race it.
  return sweep(deps, { queuedForSeconds: 0, planningForMs: STALE_PLANNING_MS, ...options });
}

async function sweep(deps: NoticeDeps, options: { queuedForSeconds: number; planningForMs: number; catchUp?: boolean }) {
  const { requeue, markedUnknown } = await sweepDeliveries(deps.db, { leaseSeconds: deps.send.leaseSeconds, queuedForSeconds: options.queuedForSeconds });
  if (requeue.length) {
    // Straight to the queue: the rows may be QUEUED or SENDING already, and the send job re-claims them.
    await enqueueDeliveries(deps.db, deps.deliveriesQueue, requeue, deps.send);
  }
  // Order emails, the same way; then today's claims pass once the library's clock has reached its time.
  // Best effort: a failure here must not skip the rest of the minute's sweep (finished runs, re-planning, catch-up).
  await sweepOrderEmailsAndClaims(deps, options.queuedForSeconds).catch((err: Error) => deps.log.warn({ err: err.message }, "order emails and claims postponed"));
  // Runs whose email ended outside a send's own outcome (marked UNKNOWN above, a staff action, a mark that failed).
  const finished = await markFinishedRuns(sqlPool(deps.db));
  // Runs a crash left half-planned are planned again under the same key.
  const stale = await deps.db.noticeRun.findMany({ where: { status: "PLANNING", startedAt: { lt: new Date(Date.now() - options.planningForMs) } } });
  for (const run of stale) {
    await enqueuePlanRun(deps.noticesQueue, {
      runDate: run.runDate.toISOString().slice(0, 10), trigger: run.trigger, runKey: run.key, scenarioIds: run.scenarioIds,
    }, 0);
  }
  // Slots whose tick never came (lost in a Redis restart, or skipped) are planned here, within a couple of minutes.
  const caughtUp = options.catchUp === false ? [] : await catchUpMissedRuns(deps, { graceMs: TICK_GRACE_MS });
  if (requeue.length || markedUnknown || caughtUp.length || finished.length) deps.log.info({ requeued: requeue.length, markedUnknown, caughtUp, finishedRuns: finished }, "sweep");
  const ledger = await upkeepLedger(deps);
  // The home page's per-day counts (lib/dashboard/roll-up-ledger.ts): best effort, the next sweep tries again.
  const rolledUp = await rollUpLedger(deps.db).catch((err: Error) => {
    deps.log.warn({ err: err.message }, "home page counts postponed");
    return null;
  });
  return { requeued: requeue.length, markedUnknown, replanned: stale.length, caughtUp, finishedRuns: finished, ledger, countedDays: rolledUp?.days.length ?? 0 };
}

// The ledger's months (lib/notices/ledger-partitions.ts): at the first sweep of a worker and then at most hourly.
// Two workers doing it at once is harmless (an advisory lock, and only what is missing or expired is touched).
const LEDGER_UPKEEP_MS = 3_600_000;
let ledgerUpkeptAt = 0;
async function upkeepLedger(deps: NoticeDeps) {
  if (Date.now() - ledgerUpkeptAt < LEDGER_UPKEEP_MS) return null;
  // A partition is created or detached under a short lock timeout (a night's planning holds the tables): the next
  // sweep tries again, and the months ahead leave plenty of time.
  const result = await maintainLedger(sqlPool(deps.db)).catch((err: Error) => {
    deps.log.warn({ err: err.message }, "ledger upkeep postponed");
    return null;
  });
  if (!result) return null;
  ledgerUpkeptAt = Date.now();
  if (result.created || result.dropped.length) deps.log.info(result, "ledger months created or dropped");
  return result;
}

export async function handleSyncSchedulers(_job: Job, deps: NoticeDeps) {
  const clock = await libraryClock(deps.db);
  return { scenarios: await syncScenarioSchedulers(deps.db, deps.noticesQueue, clock.tz) };
}

/**
 * Every slot a scenario missed within its catch-up window (lib/notices/catch-up.ts) is planned once, oldest first and
 * one at a time: the oldest is queued when no scheduled run is being planned, and each finished scheduled run asks
 * again (handlePlanRun), so Monday's run has recorded its escalations before Wednesday's reads them. The job id comes
 * from the run key, so a slot already queued is not queued twice. Returns the run keys still to plan.
 */
export async function catchUpMissedRuns(deps: NoticeDeps, options: { graceMs?: number } = {}) {
  const missed = await findMissedRuns(deps.db, { now: deps.now?.(), ...options });
  if (missed.length === 0) return [];
  const planning = await deps.db.noticeRun.count({
    where: { trigger: "SCHEDULED", status: "PLANNING", startedAt: { gt: new Date(Date.now() - STALE_PLANNING_MS) } },
  });
  if (planning === 0) {
    const [oldest] = missed;
    await enqueuePlanRun(deps.noticesQueue, { runDate: oldest.runDate, trigger: "SCHEDULED", runKey: oldest.runKey, scenarioIds: oldest.scenarioIds }, 0);
  }
  return missed.map((r) => r.runKey);
}

async function sweepOrderEmailsAndClaims(deps: NoticeDeps, queuedForSeconds: number) {
  const pool = sqlPool(deps.db);
  const orderEmails = await sweepOrderEmails(pool, { leaseSeconds: deps.send.leaseSeconds, queuedForSeconds });
  if (orderEmails.requeue.length) await enqueueOrderEmails(pool, deps.deliveriesQueue, orderEmails.requeue, deps.send);
  if (orderEmails.requeue.length || orderEmails.markedUnknown) deps.log.info({ requeued: orderEmails.requeue.length, markedUnknown: orderEmails.markedUnknown }, "sweep: order emails");
  const claims = await runScheduledClaims(pool, deps.deliveriesQueue, deps.send, deps.now?.());
  if (claims?.runId) deps.log.info({ runDate: claims.runDate, claims: claims.claims.length }, "claims pass");
}
