import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_QUEUE, heartbeatJob } from "@/lib/jobs/system";
import { startWorker } from "@/worker/start";
import { uid } from "../factories";
import { db } from "./db";
import { spawnWorker, workerEnv } from "./worker-process";

const redisUrl = process.env.REDIS_URL!;
const log = pino({ level: "silent" });
const prefixes: string[] = [];
const freshPrefix = () => {
  const p = `${process.env.QUEUE_PREFIX}-${uid()}`; // under the run's prefix: removed with it at the end
  prefixes.push(p);
  return p;
};

afterAll(async () => {
  // Leave Redis as we found it.
  const redis = new Redis(redisUrl);
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
  await db.$disconnect();
});

/** A worker process's JSON log lines, stderr and exit code as they come. */
function watch(child: ReturnType<typeof spawnWorker>) {
  const lines: Record<string, unknown>[] = [];
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
  });
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return Object.assign(child, {
    lines, exited, stderr: () => stderr,
    /** Waits for its first heartbeat log line (or kills it and says why not). */
    beat: async () => {
      try {
        await waitFor(async () => lines.some((l) => l.msg === "heartbeat") || child.exitCode !== null, 30_000);
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      } catch (err) {
        child.kill("SIGKILL");
        throw new Error(`worker never beat; stderr: ${stderr}`, { cause: err });
      }
    },
  });
}

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("worker", () => {
  it("runs the heartbeat job on its schedule and records it in Postgres", async () => {
    const workerName = `test-${uid()}`;
    const running = await startWorker({
      db, log, redisUrl, prefix: freshPrefix(), concurrency: 2, workerName,
      heartbeatPattern: "* * * * * *", // every second
    });
    try {
      const beat = await waitFor(() => db.workerHeartbeat.findUnique({ where: { worker: workerName } }));
      expect(Date.now() - beat.beatAt.getTime()).toBeLessThan(10_000);
      expect(beat.pid).toBe(process.pid);
    } finally {
      await running.stop();
    }
  });

  it("upserts its scheduler: starting twice leaves one scheduler with the latest pattern", async () => {
    const prefix = freshPrefix();
    const first = await startWorker({ db, log, redisUrl, prefix, concurrency: 1, heartbeatPattern: "*/5 * * * *" });
    const second = await startWorker({ db, log, redisUrl, prefix, concurrency: 1, heartbeatPattern: "*/7 * * * *" });
    await Promise.all([first.stop(), second.stop()]);
    const queue = new Queue(SYSTEM_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix });
    const schedulers = await queue.getJobSchedulers();
    await queue.close();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: heartbeatJob.schedulerId, pattern: "*/7 * * * *" });
  });

  it("as its own process: logs JSON, and on SIGTERM stops cleanly with exit code 0", async () => {
    const prefix = freshPrefix();
    // The same command as `npm run worker`, without npm in between, so the signal reaches the worker itself.
    const child = watch(spawnWorker(workerEnv({ QUEUE_PREFIX: prefix, LOG_LEVEL: "info", HEARTBEAT_CRON: "* * * * * *" })));
    const { lines } = child;
    await child.beat();
    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain("worker started");
    expect(messages.indexOf("worker stopped")).toBeGreaterThan(messages.indexOf("shutdown requested"));
    expect(lines.every((l) => typeof l.level === "number" && typeof l.time === "number")).toBe(true);
  });

  it("as its own process: takes every setting from the test, none from the parent's environment or a .env file", async () => {
    // A .env where the worker runs, with settings the test leaves to the code's defaults, one of them invalid: read,
    // it would stop the worker ("Invalid environment") or move it to another database and queue.
    const dir = await mkdtemp(path.join(os.tmpdir(), "nb-worker-env-"));
    await writeFile(path.join(dir, ".env"), [
      "WORKER_CONCURRENCY=0", "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/from_dotenv", "QUEUE_PREFIX=from-dotenv",
      "HEARTBEAT_CRON=0 0 1 1 *", "LOG_LEVEL=silent",
    ].join("\n"));
    // And wrong values in the test process's own environment, as a developer's shell (or a loaded .env) would leave.
    const saved = { SEND_ATTEMPTS: process.env.SEND_ATTEMPTS, WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY };
    Object.assign(process.env, { SEND_ATTEMPTS: "nonsense", WORKER_CONCURRENCY: "0" });
    const prefix = freshPrefix();
    const settings = { QUEUE_PREFIX: prefix, LOG_LEVEL: "info", HEARTBEAT_CRON: "* * * * * *" };
    let child: ReturnType<typeof watch> | undefined;
    try {
      // Control: the same child allowed to read .env stops on the file's invalid value, so the file would be read.
      const reading = watch(spawnWorker({ ...workerEnv(settings), SKIP_ENV_FILE: "" }, { cwd: dir }));
      expect(await reading.exited).toBe(1);
      expect(reading.stderr()).toMatch(/Invalid environment[\s\S]*WORKER_CONCURRENCY/);

      const worker = (child = watch(spawnWorker(workerEnv(settings), { cwd: dir })));
      await worker.beat();
      // The heartbeat's worker starts before the rest (recovery, catch-up), so its first beat may come before
      // "worker started" is logged: wait for that line rather than expect it already there.
      const lines = worker.lines;
      const started = await waitFor(async () => lines.find((l) => l.msg === "worker started"));
      expect(started).toMatchObject({ heartbeat: "* * * * * *", level: 30 });
      // Its heartbeat is in the test's database, its jobs under the test's prefix.
      const beat = await waitFor(() => db.workerHeartbeat.findFirst({ where: { pid: worker.pid } }));
      expect(beat.worker).toBe(started!.workerName);
      const queue = new Queue(SYSTEM_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix });
      const schedulers = await queue.getJobSchedulers();
      await queue.close();
      expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([[heartbeatJob.schedulerId, "* * * * * *"]]);
      const redis = new Redis(redisUrl);
      expect(await redis.keys("from-dotenv:*")).toEqual([]);
      await redis.quit();
      worker.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      // A failed assertion must not leave the worker beating into this database for the next test file.
      if (child && child.exitCode === null) child.kill("SIGKILL");
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
