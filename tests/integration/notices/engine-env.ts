import { afterAll, afterEach, beforeAll } from "vitest";
// A library of its own for each notice test file: a fresh database with settings and the default scenarios, an
// in-process SMTP server whose answers a test can change, and helpers to start workers and wait.
import { simpleParser } from "mailparser";
import pg from "pg";
import pino from "pino";
import { Redis } from "ioredis";
import { createPrismaClient } from "@/lib/db/client";
import { startMailCatcher, type CatcherOptions } from "@/lib/mail/catcher";
import { getRunProgress, startReplay } from "@/lib/notices/start-replay";
import { startWorker } from "@/worker/start";
import { deployMigrations, dropDatabase } from "../../../scripts/lib/migrate";
import { addPatronsDue, seedSmallLibrary } from "../../../scripts/lib/small-library";
import { siblingDatabaseUrl, uid } from "../../factories";

// Send retries for test runs: quick, so a 451 test does not wait.
export const SEND = { attempts: 6, backoffMs: 50 };

export const redisUrl = process.env.REDIS_URL!;

/** The zones engine tests run in: UTC+0/+1, UTC+13/+12 (the date line's side), UTC-5/-4. */
export const ZONES = ["Europe/London", "Pacific/Auckland", "America/New_York"] as const;

/** `url`: a database elsewhere than the tests' server (the restart tests' own cluster). */
export async function createEngineLibrary(name: string, options: { timeZone?: string; url?: string } = {}) {
  const url = options.url ?? siblingDatabaseUrl(name);
  await dropDatabase(url);
  await deployMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await seedSmallLibrary(client, { timeZone: options.timeZone });
  const db = createPrismaClient(url);
  return {
    url,
    db,
    sql: client,
    /** Remembers the library's configuration (settings, scenarios, levels) as it is; call the result to put it back. */
    snapshotConfig: () => snapshotConfig(client),
    close: async () => {
      await db.$disconnect();
      await client.end();
      await dropDatabase(url);
    },
  };
}

const CONFIG_TABLES = ["LibrarySettings", "Scenario", "ScenarioLevel"];

/**
 * The rows of the configuration tables as they are now, and a function that writes them back (rows added since are
 * left: tests add scenarios of their own under unique codes). Scenario's trigger moves scheduleSetAt when a schedule
 * changes unless the statement sets it itself: the first statement makes sure the second one does.
 */
async function snapshotConfig(sql: pg.Client) {
  const saved: Record<string, unknown> = {};
  const columns: Record<string, string[]> = {};
  for (const table of CONFIG_TABLES) {
    saved[table] = (await sql.query(`SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]') AS rows FROM "${table}" t`)).rows[0].rows;
    columns[table] = (await sql.query(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()
      AND table_name = $1 AND column_name <> 'id' ORDER BY ordinal_position`, [table])).rows.map((r) => `"${r.c}"`);
  }
  return async function restore() {
    await sql.query(`UPDATE "Scenario" SET "scheduleSetAt" = 'epoch'`);
    for (const table of CONFIG_TABLES) {
      const cols = columns[table];
      await sql.query(`UPDATE "${table}" t SET (${cols.join(", ")}) = (${cols.map((c) => `s.${c}`).join(", ")})
        FROM jsonb_populate_recordset(NULL::"${table}", $1) s WHERE t.id = s.id`, [JSON.stringify(saved[table])]);
    }
  };
}

/** `count` patrons with a loan due the day after `date`: one pre-overdue reminder each on `date`. */
export const patronsDue = (lib: { sql: pg.Client }, tag: string, date: string, count: number) => addPatronsDue(lib.sql, tag, date, count);

export type Respond = NonNullable<CatcherOptions["respond"]>;

/** An SMTP server whose behaviour the test sets through `catcher.respond`. */
export async function startTestCatcher() {
  const state: { respond?: Respond } = {};
  const catcher = await startMailCatcher({ port: 0, respond: (stage, info) => state.respond?.(stage, info) });
  return Object.assign(catcher, {
    setRespond: (r: Respond | undefined) => (state.respond = r),
    messageIds: () => catcher.messages.map((m) => /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw.toString())?.[1] ?? ""),
  });
}

const prefixes: string[] = [];
export function freshPrefix() {
  const p = `${process.env.QUEUE_PREFIX}-${uid()}`; // under the run's prefix: removed with it at the end
  prefixes.push(p);
  return p;
}

export async function clearPrefixes() {
  const redis = new Redis(redisUrl);
  for (const p of prefixes.splice(0)) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
}

export async function startEngineWorker(
  lib: { db: ReturnType<typeof createPrismaClient>; url: string }, smtpPort: number, prefix = freshPrefix(),
  overrides: Partial<Parameters<typeof startWorker>[0]> = {},
) {
  return startWorker({
    db: lib.db,
    log: pino({ level: "silent" }),
    redisUrl,
    prefix,
    concurrency: 2,
    heartbeatPattern: "0 0 1 1 *",
    smtp: { host: "127.0.0.1", port: smtpPort, secure: false, poolSize: 4 },
    mailFrom: "notices@test-library.example",
    send: { concurrency: 8, attempts: 6, backoffMs: 50, leaseSeconds: 2 },
    sweepPattern: "0 0 1 1 *",
    eventsPattern: "0 0 1 1 *",
    isCatchUpEnabled: false,
    noticeSetupTtlMs: 0,
    ...overrides,
  });
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = "condition"): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A whole notice suite: library, SMTP server and worker made before the file's tests and removed after them. */
export function engineSuite(name: string) {
  const suite = {} as {
    lib: Awaited<ReturnType<typeof createEngineLibrary>>;
    catcher: Awaited<ReturnType<typeof startTestCatcher>>;
    worker: Awaited<ReturnType<typeof startEngineWorker>>;
    queue: import("bullmq").Queue;
  };
  let restoreConfig: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    suite.lib = await createEngineLibrary(name);
    suite.catcher = await startTestCatcher();
    suite.worker = await startEngineWorker(suite.lib, suite.catcher.port);
    suite.queue = suite.worker.queues.find((q) => q.name === "deliveries")!;
    restoreConfig = await suite.lib.snapshotConfig();
  });
  // Each test starts from the seeded configuration, whatever the one before changed (and whether it passed).
  afterEach(async () => {
    await restoreConfig?.();
  });
  afterAll(async () => {
    await suite.worker.stop();
    await suite.catcher.close();
    await suite.lib.close();
    await clearPrefixes();
  });
  return Object.assign(suite, {
    /** Replays a date for these scenarios through the worker and waits until its email is done. */
    replayAndWait: async (date: string, scenarioCodes: string[]) => {
      const run = await startReplay(suite.lib.db, { runDate: date, scenarioCodes, requestedBy: "test", queue: suite.queue, send: SEND });
      await waitFor(async () => (await getRunProgress(suite.lib.db, run.runId))?.isEmailDone, 30_000, `run ${run.runId}`);
      return run;
    },
    /** Every message the SMTP server received for an address, parsed. */
    mailTo: (address: string) =>
      Promise.all(suite.catcher.messages.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw))),
  });
}
