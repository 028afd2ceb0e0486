import type { Redis } from "ioredis";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { HEARTBEAT_STALE_AFTER_MS, isWorkerAlive } from "./record-heartbeat";

export type Health = {
  ok: boolean;
  database: { ok: boolean };
  redis: { ok: boolean };
  worker: { ok: boolean; lastBeatAt: string | null; staleAfterSeconds: number };
};

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);

/**
 * What /api/health reports. `ok` (and so the status, 200 or 503) is the web app's own health: PostgreSQL and Redis
 * answer within `timeoutMs`. The worker's heartbeat is reported beside it; it counts only when `requireWorker`, so a
 * load balancer does not take the dashboard out of service because the worker is down, while a monitor can ask
 * about both. No error messages: the endpoint is public.
 */
export async function checkHealth(
  deps: { db: PrismaClient; redis: Redis; now?: Date; timeoutMs?: number },
  options: { requireWorker?: boolean } = {},
): Promise<Health> {
  const timeout = deps.timeoutMs ?? 2_000;
  const [database, redis, beat] = await Promise.allSettled([
    within(timeout, deps.db.$queryRaw`SELECT 1`),
    within(timeout, deps.redis.ping()),
    within(timeout, deps.db.workerHeartbeat.findFirst({ orderBy: { beatAt: "desc" }, select: { beatAt: true } })),
  ]);
  const lastBeat = beat.status === "fulfilled" ? (beat.value?.beatAt ?? null) : null;
  const worker = {
    ok: isWorkerAlive(lastBeat, deps.now ?? new Date()),
    lastBeatAt: lastBeat?.toISOString() ?? null,
    staleAfterSeconds: HEARTBEAT_STALE_AFTER_MS / 1000,
  };
  const dbOk = database.status === "fulfilled";
  const redisOk = redis.status === "fulfilled" && redis.value === "PONG";
  return {
    ok: dbOk && redisOk && (!options.requireWorker || worker.ok),
    database: { ok: dbOk },
    redis: { ok: redisOk },
    worker,
  };
}
