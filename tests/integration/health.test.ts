import { Redis } from "ioredis";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createPrismaClient } from "@/lib/db/client";
import { webRedis } from "@/lib/db/redis";
import { recordHeartbeat } from "@/lib/system/record-heartbeat";
import { checkHealth } from "@/lib/system/check-health";
import { uid } from "../factories";
import { db } from "./db";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const downRedis = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
downRedis.on("error", () => undefined);
const downDb = createPrismaClient("postgresql://postgres@127.0.0.1:1/nowhere");

afterAll(async () => {
  await redis.quit();
  downRedis.disconnect();
  webRedis().disconnect();
  await downDb.$disconnect().catch(() => undefined);
  await db.$disconnect();
});

const get = (query = "") => GET(new NextRequest(`http://localhost/api/health${query}`));

describe("/api/health", () => {
  it("answers 200 with database, Redis and the worker's last heartbeat", async () => {
    const beat = await recordHeartbeat(db, { worker: `health-${uid()}`, at: new Date() });
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, database: { ok: true }, redis: { ok: true }, worker: { ok: true, staleAfterSeconds: 180 } });
    expect(new Date(body.worker.lastBeatAt).getTime()).toBeGreaterThanOrEqual(beat.beatAt.getTime());
  });

  it("says which dependency is down, with 503", async () => {
    const noRedis = await checkHealth({ db, redis: downRedis });
    expect(noRedis).toMatchObject({ ok: false, database: { ok: true }, redis: { ok: false } });
    const noDb = await checkHealth({ db: downDb, redis });
    expect(noDb).toMatchObject({ ok: false, database: { ok: false }, redis: { ok: true }, worker: { ok: false } });
  });

  it("a stale worker is reported, and fails the check only when the worker is required", async () => {
    const later = new Date(Date.now() + 60 * 60_000); // an hour on: every heartbeat in the test database is stale
    const health = await checkHealth({ db, redis, now: later });
    expect(health).toMatchObject({ ok: true, worker: { ok: false } });
    expect((await checkHealth({ db, redis, now: later }, { requireWorker: true })).ok).toBe(false);
    expect((await get("?worker=required")).status).toBe(200); // the first test's heartbeat is fresh
  });
});
