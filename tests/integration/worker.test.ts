import { spawn } from "node:child_process";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { SYSTEM_QUEUE, heartbeatJob } from "@/lib/jobs/system";
import { startWorker } from "@/worker/start";
import { uid } from "../factories";
import { db } from "./db";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const log = pino({ level: "silent" });
const prefixes: string[] = [];
const freshPrefix = () => {
  const p = `nb-test-${uid()}`;
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
    const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
      env: { ...process.env, QUEUE_PREFIX: prefix, LOG_LEVEL: "info", HEARTBEAT_CRON: "* * * * * *" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: Record<string, unknown>[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitFor(async () => lines.some((l) => l.msg === "heartbeat"), 30_000);
    } catch (err) {
      child.kill("SIGKILL");
      throw new Error(`worker never beat; stderr: ${stderr}`, { cause: err });
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain("worker started");
    expect(messages.indexOf("worker stopped")).toBeGreaterThan(messages.indexOf("shutdown requested"));
    expect(lines.every((l) => typeof l.level === "number" && typeof l.time === "number")).toBe(true);
  });
});
