import os from "node:os";
import { Queue, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createWorkerConnection } from "@/lib/jobs/connection";
import { SYSTEM_QUEUE, heartbeatJob } from "@/lib/jobs/system";
import { handleHeartbeat } from "./handlers/heartbeat";

export type WorkerOptions = {
  db: PrismaClient;
  log: Logger;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  heartbeatPattern: string;
  workerName?: string;
};

/** Starts the workers and upserts the job schedulers; returns a stop() that drains in-hand jobs first. */
export async function startWorker(options: WorkerOptions) {
  const { db, log, prefix } = options;
  const workerName = options.workerName ?? `${os.hostname()}:${process.pid}`;
  const connection = createWorkerConnection(options.redisUrl);
  const settings = await db.librarySettings.findUnique({ where: { id: 1 } });
  const tz = settings?.timeZone ?? "UTC";

  const systemQueue = new Queue(SYSTEM_QUEUE, { connection, prefix });
  // Upsert only, never remove-then-add: two workers starting together must not leave zero or two schedulers.
  await systemQueue.upsertJobScheduler(
    heartbeatJob.schedulerId,
    { pattern: options.heartbeatPattern, tz },
    { name: heartbeatJob.name, data: {}, opts: heartbeatJob.options },
  );

  const processor = async (job: Job) => {
    switch (job.name) {
      case heartbeatJob.name:
        return handleHeartbeat(job, { db, log, workerName });
      default:
        throw new UnrecoverableError(`no handler for job ${job.name}`);
    }
  };
  const worker = new Worker(SYSTEM_QUEUE, processor, { connection, prefix, concurrency: options.concurrency });
  worker.on("failed", (job, err) => log.error({ job: job?.name, jobId: job?.id, err }, "job failed"));
  worker.on("error", (err) => log.error({ err }, "worker error"));
  await worker.waitUntilReady();
  log.info({ workerName, queues: [SYSTEM_QUEUE], tz, heartbeat: options.heartbeatPattern }, "worker started");

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 30_000) =>
    (stopping ??= (async () => {
      log.info("worker stopping: no new jobs; finishing the ones in hand");
      // close() waits for active jobs. If they outlast the timeout, force-close: their locks lapse and BullMQ's
      // stalled-job check hands them to another worker, which is safe because every handler is idempotent.
      const graceful = worker.close().then(() => true);
      const timedOut = new Promise<false>((r) => setTimeout(() => r(false), timeoutMs).unref());
      if (!(await Promise.race([graceful, timedOut]))) {
        log.warn({ timeoutMs }, "jobs still running at timeout: releasing them");
        await worker.close(true);
      }
      await systemQueue.close();
      await connection.quit();
      log.info("worker stopped");
    })());

  return { stop, workerName, queues: { system: systemQueue } };
}
