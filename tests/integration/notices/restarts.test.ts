// Redis and Postgres restarting under a running worker (issue 16, items 3 and 4), against a Redis and a Postgres
// cluster this file starts on spare ports (scripts/lib/private-servers.ts): restarting the machine's shared servers
// would break every other test. Redis keeps nothing on disk, so a restart loses every job and job scheduler, as it did
// in the fault run that stalled for 4.5 minutes. Each test fails on the worker before this issue: the delayed jobs and
// schedulers never came back, a Postgres restart killed the process (an idle client's 57P01 with no listener) or
// left a message the relay had accepted without its outcome, and a worker started while Postgres was down exited.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorResponse } from "@/app/api/_lib/error-response";
import { heartbeatJob } from "@/lib/jobs/system";
import { DELIVERIES_QUEUE, eventsJob, NOTICES_QUEUE, sweepJob } from "@/lib/jobs/notices";
import { startReplay } from "@/lib/notices/start-replay";
import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from "../../../scripts/lib/private-servers";
import {
  clearPrefixes, createEngineLibrary, freshPrefix, patronsDue, startEngineWorker, startTestCatcher, waitFor,
} from "./engine-env";

const DIR = path.join(os.tmpdir(), `nb-restarts-${process.pid}`);
const SEND = { concurrency: 8, attempts: 6, backoffMs: 50, leaseSeconds: 30 };

let catcher: Awaited<ReturnType<typeof startTestCatcher>>;
beforeAll(async () => {
  catcher = await startTestCatcher();
});
afterAll(async () => {
  await catcher.close();
  await clearPrefixes();
});

/** Waits until every delivery of the run is SENT (reads that fail while Postgres is down count as not yet); its outcomes. */
function allSent(lib: Parameters<typeof outcomes>[0], runId: number, since: number, timeoutMs: number, what: string) {
  return waitFor(async () => {
    const o = await outcomes(lib, runId, since).catch(() => undefined);
    return o?.every((d) => d.status === "SENT") && o;
  }, timeoutMs, what);
}

/**
 * Each delivery of the run as (status, how many times its Message-ID reached the SMTP server since message number
 * `since`: the libraries of this file number their deliveries from 1 alike).
 */
async function outcomes(lib: { db: Awaited<ReturnType<typeof createEngineLibrary>>["db"] }, runId: number, since: number) {
  const rows = await lib.db.delivery.findMany({ where: { runId }, orderBy: { id: "asc" }, include: { attemptLog: true } });
  const ids = catcher.messageIds().slice(since);
  return rows.map((d) => ({
    status: d.status,
    received: ids.filter((m) => m === `<delivery-${d.id}@test-library.example>`).length,
    sentAttempts: d.attemptLog.filter((a) => a.outcome === "SENT").length,
  }));
}

describe("Redis restarts empty under a running worker", () => {
  let redis: PrivateRedis;
  let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
  beforeAll(async () => {
    redis = await startPrivateRedis(path.join(DIR, "redis"));
    lib = await createEngineLibrary("restarts_redis");
  });
  afterAll(async () => {
    await lib?.close();
    await redis?.stop();
  });

  const startWorker = (send: Partial<typeof SEND> = {}) => startEngineWorker(lib, catcher.port, freshPrefix(), {
    redisUrl: redis.url, schedulerCheckMs: 300, send: { ...SEND, ...send },
  });

  it("retries waiting in Redis (delayed jobs) and the job schedulers are lost: the worker re-creates them and sends every delivery once", async () => {
    await patronsDue(lib, "RD", "2026-04-01", 5);
    catcher.setRespond((stage) => (stage === "rcpt" ? { code: 451, message: "4.3.0 try again later" } : undefined));
    // Retries a minute apart: without a recovery they would still wait (or be gone) long after the test's deadline.
    const worker = await startWorker({ backoffMs: 60_000 });
    const deliveries = worker.queues.find((q) => q.name === DELIVERIES_QUEUE)!;
    const notices = worker.queues.find((q) => q.name === NOTICES_QUEUE)!;
    try {
      const since = catcher.messages.length;
      const run = await startReplay(lib.db, { runDate: "2026-04-01", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: deliveries,
        send: { attempts: 6, backoffMs: 60_000 } });
      expect(run.emailDeliveries).toBe(5);
      await waitFor(async () => (await deliveries.getJobCounts("delayed")).delayed === 5, 10_000, "five retries waiting");
      expect(await notices.getJobScheduler(sweepJob.schedulerId)).toBeTruthy();

      await redis.stop();
      catcher.setRespond(undefined);
      await redis.start();

      const sent = await allSent(lib, run.runId, since, 20_000, "every delivery SENT after Redis came back empty");
      expect(sent.map((d) => d.received)).toEqual([1, 1, 1, 1, 1]);
      expect(await notices.getJobScheduler(sweepJob.schedulerId)).toBeTruthy();
      expect(await notices.getJobScheduler(eventsJob.schedulerId)).toBeTruthy();
      expect(await worker.queues[0].getJobScheduler(heartbeatJob.schedulerId)).toBeTruthy();
    } finally {
      catcher.setRespond(undefined);
      await worker.stop();
    }
  });

  it("sends in hand when Redis restarts (their jobs lost while active): each is recorded SENT once, the rest still go, nothing is sent twice", async () => {
    await patronsDue(lib, "RA", "2026-04-02", 12);
    catcher.setRespond((stage) => (stage === "data" ? { delayMs: 1_500 } : undefined));
    const worker = await startWorker();
    const deliveries = worker.queues.find((q) => q.name === DELIVERIES_QUEUE)!;
    try {
      const since = catcher.messages.length;
      const run = await startReplay(lib.db, { runDate: "2026-04-02", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: deliveries,
        send: { attempts: 6, backoffMs: 50 } });
      expect(run.emailDeliveries).toBe(12);
      // Eight sends (the concurrency) have handed their message over and wait for the 250; four jobs wait in Redis.
      await waitFor(async () => catcher.messages.length - since >= 8, 10_000, "eight messages in hand");
      await redis.stop();
      await redis.start();
      catcher.setRespond(undefined);

      const sent = await allSent(lib, run.runId, since, 20_000, "every delivery SENT after Redis came back empty");
      expect(sent.map((d) => d.received)).toEqual(Array(12).fill(1));
      expect(sent.map((d) => d.sentAttempts)).toEqual(Array(12).fill(1));
      await waitFor(async () => {
        const c = await deliveries.getJobCounts("active", "waiting", "delayed");
        return c.active + c.waiting + c.delayed === 0;
      }, 10_000, "no job left in hand");
    } finally {
      catcher.setRespond(undefined);
      await worker.stop();
    }
  });
});

describe("Postgres restarts under a running worker", () => {
  let server: PrivatePostgres;
  let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
  beforeAll(async () => {
    server = await startPrivatePostgres(path.join(DIR, "postgres"));
    lib = await createEngineLibrary("restarts_pg", { url: server.url("nb_restarts") });
    // The test's own connection dies with the server: its error is expected, not fatal.
    (lib.sql as pg.Client).on("error", () => {});
  });
  afterAll(async () => {
    await lib?.db.$disconnect().catch(() => {});
    await lib?.sql.end().catch(() => {});
    server?.remove();
  });

  it("the worker survives, and what the relay accepted while Postgres was down is written SENT once it is back (not UNKNOWN); the API answers 503 meanwhile", async () => {
    await patronsDue(lib, "PG", "2026-04-03", 8);
    let down: Promise<void> | undefined;
    let answerWhileDown: Response | undefined;
    catcher.setRespond((stage) => {
      if (stage !== "data" || down) return;
      // The first message's "." is in: Postgres shuts down (the worker's connections, idle and in use, get 57P01 while
      // its event loop runs), the relay answers 250 two seconds later, and Postgres is back a further 3 s on.
      down = (async () => {
        await server.stop();
        answerWhileDown = errorResponse(await lib.db.patron.count().catch((err: unknown) => err));
        await new Promise((r) => setTimeout(r, 3_000));
        await server.start();
      })();
      return { delayMs: 2_000 };
    });
    const worker = await startEngineWorker(lib, catcher.port, freshPrefix(), { send: { ...SEND, concurrency: 4 } });
    const deliveries = worker.queues.find((q) => q.name === DELIVERIES_QUEUE)!;
    try {
      const since = catcher.messages.length;
      const run = await startReplay(lib.db, { runDate: "2026-04-03", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: deliveries,
        send: { attempts: 6, backoffMs: 50 } });
      expect(run.emailDeliveries).toBe(8);
      await waitFor(async () => down !== undefined, 10_000, "Postgres stopped mid-send");
      await down;
      expect(answerWhileDown?.status).toBe(503);
      expect(answerWhileDown?.headers.get("retry-after")).toBe("10");

      const sent = await allSent(lib, run.runId, since, 40_000, "every delivery SENT after Postgres came back");
      expect(sent.map((d) => d.received)).toEqual(Array(8).fill(1));
      expect(sent.map((d) => d.sentAttempts)).toEqual(Array(8).fill(1));
    } finally {
      catcher.setRespond(undefined);
      await worker.stop();
    }
  });

  it("a worker started while Postgres is down waits for it (it used to exit 1), then sends", async () => {
    // The file's own connection died with the last restart: a new one for the rows.
    const sql = new pg.Client({ connectionString: lib.url });
    await sql.connect();
    await patronsDue({ sql }, "PW", "2026-04-04", 3);
    await sql.end();
    await server.stop();
    let settled = false;
    const starting = startEngineWorker(lib, catcher.port, freshPrefix(), { send: SEND }).finally(() => (settled = true));
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      expect(settled).toBe(false); // still waiting: not started, not failed
    } finally {
      await server.start();
    }
    const worker = await starting;
    const deliveries = worker.queues.find((q) => q.name === DELIVERIES_QUEUE)!;
    try {
      const since = catcher.messages.length;
      const run = await startReplay(lib.db, { runDate: "2026-04-04", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue: deliveries,
        send: { attempts: 6, backoffMs: 50 } });
      const sent = await allSent(lib, run.runId, since, 20_000, "the run sent");
      expect(sent.map((d) => d.received)).toEqual([1, 1, 1]);
    } finally {
      await worker.stop();
    }
  });
});
