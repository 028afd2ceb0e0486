import os from "node:os";
import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Logger } from "pino";
import { sqlPool } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createWorkerConnection } from "@/lib/jobs/connection";
import { DELIVERIES_QUEUE, NOTICES_QUEUE, eventsJob, planRunJob, sendDeliveryJob, sendOrderEmailJob, sweepJob, syncSchedulersJob, tickJob } from "@/lib/jobs/notices";
import { SYSTEM_QUEUE, heartbeatJob } from "@/lib/jobs/system";
import { SmtpSender } from "@/lib/mail/smtp-sender";
import type { SmtpSettings } from "@/lib/mail/transport";
import { isConnectionError, retryWhileUnreachable } from "@/lib/db/connection-errors";
import { cachedNoticeSetup } from "@/lib/notices/load-notice-setup";
import { syncScenarioSchedulers } from "@/lib/notices/sync-schedulers";
import { handleHeartbeat } from "./handlers/heartbeat";
import {
  catchUpMissedRuns, handleEvents, recoverFromPostgres, handlePlanRun, handleSweep, handleSyncSchedulers, handleTick, type NoticeDeps,
} from "./handlers/notices";
import { handleSendDelivery } from "./handlers/send-delivery";
import { handleSendOrderEmail } from "./handlers/send-order-email";

export type WorkerOptions = {
  db: PrismaClient;
  log: Logger;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  heartbeatPattern: string;
  workerName?: string;
  smtp?: SmtpSettings;
  mailFrom?: string;
  send?: { concurrency: number; attempts: number; backoffMs: number; leaseSeconds: number; lockMs?: number };
  // How long settings and template texts are cached per process (a saved template reaches sends within this).
  noticeSetupTtlMs?: number;
  sweepPattern?: string;
  eventsPattern?: string;
  // Tests start workers that only heartbeat, or that do not plan missed runs at start.
  isNoticesEnabled?: boolean;
  isCatchUpEnabled?: boolean;
  // How often the worker checks that its job schedulers are still in Redis (and re-creates them if not).
  schedulerCheckMs?: number;
};

type Handler = (job: Job) => Promise<unknown>;

function dispatch(handlers: Record<string, Handler>) {
  return async (job: Job) => {
    const handler = handlers[job.name];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    return handler(job);
  };
}

/** Starts the workers and upserts the job schedulers; returns a stop() that drains in-hand jobs first. */
export async function startWorker(options: WorkerOptions) {
  const { db, log, prefix } = options;
  const workerName = options.workerName ?? `${os.hostname()}:${process.pid}`;
  const connection = createWorkerConnection(options.redisUrl);
  // ioredis reconnects by itself; say once that Redis went away and once that it is back (an error with no listener
  // would be printed on every reconnect attempt).
  let redisLost = false;
  connection.on("error", (err) => {
    if (!redisLost) log.warn({ err: err.message }, "Redis connection lost: reconnecting");
    redisLost = true;
  });
  connection.on("ready", () => {
    if (redisLost) log.warn("Redis connection back");
    redisLost = false;
  });
  // A worker started while Postgres is down (restarting, or started before it) waits for it rather than exit.
  const settings = await retryWhileUnreachable(() => db.librarySettings.findUnique({ where: { id: 1 } }), {
    onRetry: (err, attempt, waitMs) => log.warn({ attempt, waitMs, err: (err as Error).message }, "database unreachable at start-up: waiting for it"),
  });
  const tz = settings?.timeZone ?? "UTC";
  const queues = [new Queue(SYSTEM_QUEUE, { connection, prefix })];
  const workers: Worker[] = [];
  const closers: (() => Promise<void>)[] = [];
  let sender: SmtpSender | undefined;

  // Upsert only, never remove-then-add: two workers starting together must not leave zero or two schedulers.
  const upsertHeartbeat = () => queues[0].upsertJobScheduler(
    heartbeatJob.schedulerId,
    { pattern: options.heartbeatPattern, tz },
    { name: heartbeatJob.name, data: {}, opts: heartbeatJob.options },
  );
  // Whether Redis still holds this worker's schedulers: none after Redis lost its data (or on a first start).
  const hadSchedulers = !!(await queues[0].getJobScheduler(heartbeatJob.schedulerId));
  await upsertHeartbeat();
  // Set when the schedulers must be re-created and Postgres re-read (Redis lost its data, or Postgres was unreachable
  // during start-up); cleared only once both have succeeded, so a recovery that fails half-way is tried again.
  let isRecoveryPending = false;
  let isStopped = false;
  let noticeSchedulers: { upsert: () => Promise<unknown>; present: () => Promise<boolean>; recover: () => Promise<unknown> } | undefined;
  workers.push(new Worker(SYSTEM_QUEUE, dispatch({ [heartbeatJob.name]: (job) => handleHeartbeat(job, { db, log, workerName }) }),
    { connection, prefix, concurrency: 1 }));

  if (!settings) log.warn("no library settings yet (run the seed or the import): notices are off until a restart");
  if (settings && options.isNoticesEnabled !== false && options.smtp && options.send) {
    const noticesQueue = new Queue(NOTICES_QUEUE, { connection, prefix });
    const deliveriesQueue = new Queue(DELIVERIES_QUEUE, { connection, prefix });
    queues.push(noticesQueue, deliveriesQueue);
    const deps: NoticeDeps = { db, log, noticesQueue, deliveriesQueue, send: options.send };
    sender = new SmtpSender({ ...options.smtp, poolSize: options.smtp.poolSize, name: os.hostname() });
    const smtp = sender;
    closers.push(() => smtp.close());
    const sendContext = {
      db, pool: sqlPool(db), sender, log, fallbackFrom: options.mailFrom ?? "", leaseSeconds: options.send.leaseSeconds,
      loadSetup: cachedNoticeSetup(db, options.noticeSetupTtlMs),
    };
    workers.push(new Worker(NOTICES_QUEUE, dispatch({
      [tickJob.name]: (job) => handleTick(job, deps),
      [planRunJob.name]: (job) => handlePlanRun(job, deps),
      [sweepJob.name]: (job) => handleSweep(job, deps),
      [eventsJob.name]: (job) => handleEvents(job, deps),
      [syncSchedulersJob.name]: (job) => handleSyncSchedulers(job, deps),
    }), { connection, prefix, concurrency: 2, lockDuration: 120_000 }));
    workers.push(new Worker(DELIVERIES_QUEUE, dispatch({
      [sendDeliveryJob.name]: (job) => handleSendDelivery(job, sendContext),
      [sendOrderEmailJob.name]: (job) => handleSendOrderEmail(job, sendContext),
    }),
      { connection, prefix, concurrency: options.send.concurrency, lockDuration: options.send.lockMs ?? 30_000,
        stalledInterval: options.send.lockMs ?? 30_000 }));

    const upsertNoticeSchedulers = async () => {
      await noticesQueue.upsertJobScheduler(sweepJob.schedulerId, { pattern: options.sweepPattern ?? "* * * * *", tz },
        { name: sweepJob.name, data: {}, opts: { removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } } });
      await noticesQueue.upsertJobScheduler(eventsJob.schedulerId, { pattern: options.eventsPattern ?? "* * * * *", tz },
        { name: eventsJob.name, data: {}, opts: { removeOnComplete: { count: 20 }, removeOnFail: { count: 50 } } });
      return syncScenarioSchedulers(db, noticesQueue, tz);
    };
    noticeSchedulers = {
      upsert: upsertNoticeSchedulers,
      present: async () => !!(await noticesQueue.getJobScheduler(sweepJob.schedulerId)),
      recover: () => recoverFromPostgres(deps, { catchUp: options.isCatchUpEnabled !== false }),
    };
    try {
      const hadNoticeSchedulers = await noticeSchedulers.present();
      const scenarios = await upsertNoticeSchedulers();
      // Off with catch-up (benchmarks: only what they enqueue is sent; the periodic check still recovers a Redis lost
      // while running).
      if ((!hadSchedulers || !hadNoticeSchedulers) && options.isCatchUpEnabled !== false) {
        log.warn("no job schedulers in Redis at start (first start, or Redis lost its data): re-enqueueing from Postgres");
        // Missed slots are caught up just below (when enabled), not here.
        log.info({ recovered: await recoverFromPostgres(deps, { catchUp: false }) }, "re-enqueued from Postgres");
      }
      const caughtUp = options.isCatchUpEnabled === false ? [] : await catchUpMissedRuns(deps);
      log.info({ scenarios, caughtUp }, "notice schedulers synced");
    } catch (err) {
      // Postgres went away in the middle of start-up: the scheduler check below finishes it once it is back.
      if (!isConnectionError(err)) throw err;
      isRecoveryPending = true;
      log.warn({ err: (err as Error).message }, "database unreachable during start-up: schedulers and catch-up are retried shortly");
    }
  }

  for (const w of workers) {
    w.on("failed", (job, err) => log.error({ job: job?.name, jobId: job?.id, err: err.message }, "job failed"));
    w.on("error", (err) => log.error({ err }, "worker error"));
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  // Redis restarted without its data (no persistence, a failover, a flush) takes the job schedulers and every queued job
  // with it, while the worker reconnects and waits on an empty queue. So the worker checks, after each reconnect and
  // every schedulerCheckMs: with its schedulers gone it re-creates them and re-enqueues what Postgres says is unsent.
  let checking: Promise<void> | undefined;
  const checkSchedulers = (why: string) => (checking ??= (async () => {
    if (isStopped) return;
    try {
      if (!isRecoveryPending) {
        const present = !!(await queues[0].getJobScheduler(heartbeatJob.schedulerId)) && (!noticeSchedulers || (await noticeSchedulers.present()));
        if (present) return;
        isRecoveryPending = true;
      }
      log.warn({ why }, "re-creating the job schedulers and re-enqueueing from Postgres (Redis lost its data, or start-up could not finish)");
      await upsertHeartbeat();
      if (noticeSchedulers) {
        await noticeSchedulers.upsert();
        log.warn({ recovered: await noticeSchedulers.recover() }, "re-enqueued from Postgres");
      }
      isRecoveryPending = false;
    } catch (err) {
      log.warn({ err, why }, "could not check the job schedulers (Redis or Postgres unavailable): trying again later");
    }
  })().finally(() => (checking = undefined)));
  // Attached once the connection is ready: every later "ready" is a reconnect.
  const onReady = () => void setTimeout(() => void checkSchedulers("reconnected"), 500).unref();
  connection.on("ready", onReady);
  const checkTimer = setInterval(() => void checkSchedulers("periodic"), options.schedulerCheckMs ?? 15_000);
  checkTimer.unref();
  log.info({ workerName, queues: queues.map((q) => q.name), tz, heartbeat: options.heartbeatPattern }, "worker started");

  let stopping: Promise<void> | undefined;
  /**
   * Stops within timeoutMs (the grace period), whatever the jobs in hand are doing. First no new jobs, and the ones in
   * hand may finish. Near the end, the SMTP sends still going are aborted, so their jobs record an outcome (before the
   * ".": queued for a retry; after it: unknown) and end. Whatever is still running after that is abandoned: BullMQ's
   * close(true) cannot help once close() was called (it returns the same pending promise), so it is not awaited. An
   * abandoned job's lock lapses and the stalled-job check of another worker runs it again; a delivery it left SENDING
   * without a handover is re-queued by the sweep once the lease has passed, with one it left handed over → UNKNOWN.
   */
  const stop = (timeoutMs = 30_000) =>
    (stopping ??= (async () => {
      log.info({ timeoutMs }, "worker stopping: no new jobs; finishing the ones in hand");
      isStopped = true;
      clearInterval(checkTimer);
      connection.off("ready", onReady);
      await checking; // a recovery in progress finishes (or fails) before the queues close under it
      const abortWindowMs = Math.min(2_000, Math.floor(timeoutMs / 2));
      const closed = Promise.all(workers.map((w) => w.close())).then(() => true);
      const within = (ms: number) => Promise.race([closed, new Promise<false>((r) => setTimeout(() => r(false), ms).unref())]);
      if (!(await within(timeoutMs - abortWindowMs))) {
        log.warn({ timeoutMs }, "jobs still running near the end of the grace period: aborting their SMTP sends");
        await sender?.close({ abort: true });
        if (!(await within(abortWindowMs))) log.warn("jobs still running at the end of the grace period: abandoning them");
      }
      for (const close of closers) await close();
      await Promise.race([
        (async () => {
          for (const q of queues) await q.close();
          await connection.quit();
        })(),
        new Promise((r) => setTimeout(r, 500).unref()),
      ]).catch((err: unknown) => log.warn({ err }, "closing the queues failed"));
      log.info("worker stopped");
    })());

  return { stop, workerName, queues, sender: () => sender, checkSchedulers };
}
