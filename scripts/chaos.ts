// A repeatable fault run (issue 16): `npm run chaos [-- --quick]`. Not part of `npm test`.
// Starts its own Postgres (initdb + pg_ctl on a spare port, as the `postgres` OS user when run as root) and Redis
// (redis-server on a spare port, no persistence) so it can restart them, and an SMTP server whose answers it controls.
// Plans N deliveries (20,000; --quick: 2,000), runs two workers, SIGKILLs a worker at ten moments, restarts Redis once
// (its data is lost: no persistence) and Postgres once, makes the SMTP server answer 421/451 for a while, refuse
// connections for a while, drop 5% of connections after the final "." and reject some addresses with 550. Prints a
// report counted by Message-ID (what the SMTP server received) against the deliveries' rows. Cleans up on any exit.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, rmSync } from "node:fs";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { DELIVERIES_QUEUE } from "@/lib/jobs/notices";
import { startMailCatcher, type CaughtMessage, type Reply } from "@/lib/mail/catcher";
import { startReplay } from "@/lib/notices/start-replay";
import { deployMigrations } from "./lib/migrate";
import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from "./lib/private-servers";
import { addPatronsDue, seedSmallLibrary } from "./lib/small-library";

const ROOT = path.resolve(import.meta.dirname, "..");
const QUICK = process.argv.includes("--quick");
const COUNT = Number(argValue("--count") ?? (QUICK ? 2_000 : 20_000));
const PG_PORT = Number(argValue("--pg-port") ?? 55432);
const REDIS_PORT = Number(argValue("--redis-port") ?? 56379);
const TIMEOUT_MS = Number(argValue("--timeout-s") ?? (QUICK ? 900 : 2_400)) * 1000;
// How long the SMTP server refuses connections, and Postgres stays down (quick runs keep the shape, shorter).
const REFUSE_MS = QUICK ? 20_000 : 60_000;
const PG_DOWN_MS = QUICK ? 10_000 : 20_000;
const REDIS_DOWN_MS = 3_000;
const KILLS = 10;
const DIR = `/tmp/nb-chaos-${process.pid}`;
const DB_URL = `postgresql://postgres@127.0.0.1:${PG_PORT}/nb_chaos`;
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;
const PREFIX = "nb-chaos";

function argValue(name: string) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- Postgres and Redis of its own (restartable) ------------------------------------------------------------------
let pgServer: PrivatePostgres | undefined;
let redis: PrivateRedis | undefined;

// --- SMTP ------------------------------------------------------------------------------------------------------------
const received: CaughtMessage[][] = [];
const smtp = { tempFail: false, dropEvery: 20, rejectEvery: 200, dataCount: 0, dropped: 0 };
// Recipients whose connection was dropped after the "." (each chaos patron has an address of its own).
const droppedTo = new Set<string>();
// Sends past the "." when a worker was killed or the SMTP server stopped (both workers' together: an upper bound of the
// outcomes those faults can make unknown).
let inHandAtFaults = 0;
let countInHand: () => Promise<number> = async () => 0;
const isRefused = (address: string) => Number(/\.(\d+)@/.exec(address)?.[1] ?? 0) % smtp.rejectEvery === 0;
function respond(stage: "rcpt" | "data", info: { to: string[] }): Reply | void {
  if (stage === "rcpt" && isRefused(info.to[0] ?? "")) return { code: 550, message: "5.1.1 no such user" };
  if (smtp.tempFail) return stage === "rcpt" ? { code: 451, message: "4.3.0 try again later" } : { code: 421, message: "4.3.2 closing" };
  if (stage === "data" && ++smtp.dataCount % smtp.dropEvery === 0) {
    smtp.dropped++;
    for (const to of info.to) droppedTo.add(to);
    return { drop: true };
  }
}
let catcher: Awaited<ReturnType<typeof startMailCatcher>> | undefined;
let smtpPort = 0;
async function startSmtp() {
  catcher = await startMailCatcher({ port: smtpPort, respond });
  smtpPort = catcher.port;
  received.push(catcher.messages);
}
async function stopSmtp() {
  const c = catcher;
  catcher = undefined;
  await c?.close();
}
const receivedCount = () => received.reduce((n, m) => n + m.length, 0);

// --- Workers ---------------------------------------------------------------------------------------------------------
type Slot = { name: string; child?: ChildProcess; starts: number; unexpectedExits: string[]; killing: boolean };
const slots: Slot[] = [{ name: "A", starts: 0, unexpectedExits: [], killing: false }, { name: "B", starts: 0, unexpectedExits: [], killing: false }];
function workerEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR,
    TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"), SKIP_ENV_FILE: "1", NODE_ENV: "production",
    DATABASE_URL: DB_URL, REDIS_URL, QUEUE_PREFIX: PREFIX, NEXTAUTH_SECRET: "chaos-run-secret-0123456789abcdef",
    SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtpPort), SMTP_SECURE: "false", SMTP_USER: "", SMTP_PASS: "",
    SMTP_CONNECT_TIMEOUT_MS: "3000", SMTP_COMMAND_TIMEOUT_MS: "5000", SMTP_DATA_TIMEOUT_MS: "10000",
    MAIL_FROM: "Chaos Library <notices@chaos-library.example>", MAIL_CATCHER_DIR: "", LOG_LEVEL: "warn",
    SEND_CONCURRENCY: "20", SEND_ATTEMPTS: "8", SEND_BACKOFF_MS: "2000", DELIVERY_LEASE_SECONDS: "30", SEND_LOCK_MS: "15000",
    SHUTDOWN_GRACE_MS: "5000",
  };
}
function startWorker(slot: Slot) {
  slot.starts++;
  const out = createWriteStream(path.join(DIR, `worker-${slot.name}.log`), { flags: "a" });
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "worker/index.ts")], { cwd: ROOT, env: workerEnv(), stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  slot.child = child;
  child.once("exit", (code, signal) => {
    if (slot.killing || stopping) return;
    slot.unexpectedExits.push(`exit ${code ?? signal} at ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    log(`worker ${slot.name} exited on its own (${code ?? signal}); restarting it as a supervisor would`);
    setTimeout(() => { if (!stopping) startWorker(slot); }, 2_000);
  });
}
async function killWorker(slot: Slot) {
  const child = slot.child;
  if (!child || child.exitCode !== null || child.signalCode) return startWorker(slot);
  slot.killing = true;
  inHandAtFaults += await countInHand().catch(() => 0);
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  slot.killing = false;
  startWorker(slot);
}

// --- Clean-up --------------------------------------------------------------------------------------------------------
let stopping = false;
async function cleanUp() {
  stopping = true;
  for (const s of slots) if (s.child && s.child.exitCode === null) s.child.kill("SIGKILL");
  await stopSmtp().catch(() => {});
  await redis?.stop().catch(() => {});
  if (process.argv.includes("--keep")) {
    await pgServer?.stop().catch(() => {});
    return;
  }
  pgServer?.remove();
  rmSync(DIR, { recursive: true, force: true });
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => void cleanUp().finally(() => process.exit(130)));

// --- The run ---------------------------------------------------------------------------------------------------------
async function seed() {
  await deployMigrations(DB_URL);
  const sql = new pg.Client({ connectionString: DB_URL });
  await sql.connect();
  await seedSmallLibrary(sql, { name: "Chaos Library", senderAddress: "notices@chaos-library.example" });
  await addPatronsDue(sql, "chaos", "2026-09-01", COUNT); // addresses chaos.<n>@example.net: respond() reads <n>
  await sql.end();
}

type Fault = { at: number; what: string; run: () => Promise<void> };
function faultPlan(): Fault[] {
  const faults: Fault[] = [];
  // Ten SIGKILLs at random moments (by share of messages received), alternating workers.
  const kills = Array.from({ length: KILLS }, () => 0.03 + Math.random() * 0.85).sort();
  kills.forEach((at, i) => faults.push({ at, what: `SIGKILL worker ${slots[i % 2].name}`, run: () => killWorker(slots[i % 2]) }));
  faults.push({ at: 0.15, what: "SMTP answers 451 (RCPT) / 421 (DATA)", run: async () => {
    smtp.tempFail = true;
    setTimeout(() => { smtp.tempFail = false; log("SMTP answers normally again"); }, QUICK ? 10_000 : 30_000);
  } });
  faults.push({ at: 0.3, what: `Redis restart (data lost, down ${REDIS_DOWN_MS / 1000} s)`, run: async () => {
    await redis!.stop();
    await sleep(REDIS_DOWN_MS);
    await redis!.start();
    log("Redis back (empty)");
  } });
  faults.push({ at: 0.5, what: `SMTP refuses connections for ${REFUSE_MS / 1000} s`, run: async () => {
    inHandAtFaults += await countInHand().catch(() => 0);
    await stopSmtp();
    setTimeout(() => void startSmtp().then(() => log("SMTP accepts connections again")), REFUSE_MS);
  } });
  faults.push({ at: 0.65, what: `Postgres restart (fast stop, down ${PG_DOWN_MS / 1000} s)`, run: async () => {
    await pgServer!.stop();
    await sleep(PG_DOWN_MS);
    await pgServer!.start();
    log("Postgres back");
  } });
  return faults.sort((a, b) => a.at - b.at);
}

let failed = false;
async function main() {
  log(`chaos run: ${COUNT} deliveries${QUICK ? " (quick)" : ""}; Postgres :${PG_PORT}, Redis :${REDIS_PORT}, dir ${DIR}`);
  pgServer = await startPrivatePostgres(path.join(DIR, "postgres"), PG_PORT);
  redis = await startPrivateRedis(path.join(DIR, "redis"), REDIS_PORT);
  await startSmtp();
  await seed();
  const db = createPrismaClient(DB_URL);
  const sqlPool = new pg.Pool({ connectionString: DB_URL, max: 2 });
  sqlPool.on("error", () => {});
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(DELIVERIES_QUEUE, { connection, prefix: PREFIX });
  const planStarted = Date.now();
  const run = await startReplay(db, { runDate: "2026-09-01", scenarioCodes: ["pre-overdue"], requestedBy: "chaos", queue, send: { attempts: 8, backoffMs: 2000 } });
  await queue.close();
  connection.disconnect();
  log(`planned ${run.emailDeliveries} email deliveries (run ${run.runId}) in ${((Date.now() - planStarted) / 1000).toFixed(1)} s`);

  const started = Date.now();
  for (const s of slots) startWorker(s);
  const faults = faultPlan();
  countInHand = async () => (await sqlPool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Delivery" WHERE "runId" = $1 AND status = 'SENDING' AND "handingOverAt" IS NOT NULL`, [run.runId])).rows[0].n;
  const open = async () => {
    const { rows } = await sqlPool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "runId" = $1 AND status IN ('PLANNED', 'QUEUED', 'SENDING')`, [run.runId]);
    return rows[0].n;
  };
  let lastProgress = Date.now();
  let lastCount = 0;
  let longestStallMs = 0;
  let remaining = run.emailDeliveries;
  while (Date.now() - started < TIMEOUT_MS) {
    const got = receivedCount();
    if (got !== lastCount) { lastCount = got; lastProgress = Date.now(); }
    longestStallMs = Math.max(longestStallMs, Date.now() - lastProgress);
    while (faults.length && got >= faults[0].at * COUNT) {
      const f = faults.shift()!;
      log(`fault at ${got} received: ${f.what}`);
      await f.run();
    }
    if (faults.length === 0) {
      try { remaining = await open(); } catch { /* Postgres is restarting */ }
      if (remaining === 0) break;
    }
    await sleep(250);
  }
  const finishedMs = Date.now() - started;
  stopping = true;
  for (const s of slots) s.child?.kill("SIGKILL");

  // --- The report ---
  const deliveries = (await sqlPool.query<{ id: number; status: string; smtpCode: number | null; lastError: string | null; address: string }>(
    `SELECT id, status, "smtpCode", "lastError", address FROM "Delivery" WHERE "runId" = $1`, [run.runId])).rows;
  const counts = new Map<number, number>();
  for (const m of received.flat()) {
    const id = Number(/^Message-ID:\s*<delivery-(\d+)@/im.exec(m.raw.toString("latin1"))?.[1] ?? 0);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const byStatus: Record<string, number> = {};
  const failedReasons: Record<string, number> = {};
  let once = 0, duplicated = 0, missing = 0, unknownReceived = 0, unknownNotReceived = 0, unknownDropped = 0;
  const missingIds: number[] = [];
  for (const d of deliveries) {
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    const n = counts.get(d.id) ?? 0;
    if (n === 1) once++;
    if (n > 1) duplicated++;
    if (d.status === "SENT" && n === 0) { missing++; missingIds.push(d.id); }
    if (d.status === "FAILED") {
      const reason = `${d.smtpCode ?? "-"} ${(d.lastError ?? "").replace(/\d+/g, "#").slice(0, 60)}`;
      failedReasons[reason] = (failedReasons[reason] ?? 0) + 1;
    }
    if (d.status === "UNKNOWN") {
      if (n > 0) unknownReceived++;
      else unknownNotReceived++;
      if (droppedTo.has(d.address)) unknownDropped++;
    }
  }
  const refused = deliveries.filter((d) => isRefused(d.address)).length;
  const known = new Set(deliveries.map((d) => d.id));
  const extra = [...counts.keys()].filter((id) => !known.has(id)).length;
  const stuck = deliveries.filter((d) => ["PLANNED", "QUEUED", "SENDING"].includes(d.status)).length;
  const report = {
    planned: deliveries.length,
    deliveredOnce: once,
    duplicated,
    missing: { count: missing, note: "SENT in the database but never received", ids: missingIds.slice(0, 20) },
    failed: { count: byStatus.FAILED ?? 0, reasons: failedReasons },
    unknownOutcome: {
      count: byStatus.UNKNOWN ?? 0, receivedAnyway: unknownReceived, notReceived: unknownNotReceived,
      droppedAfterData: unknownDropped, otherwise: (byStatus.UNKNOWN ?? 0) - unknownDropped,
      inHandAtKillsAndSmtpStop: inHandAtFaults,
    },
    stuck,
    receivedNotPlanned: extra,
    byStatus,
    timeToFinishSeconds: stuck === 0 ? Math.round(finishedMs / 1000) : `not finished within ${TIMEOUT_MS / 1000} s`,
    longestStallSeconds: Math.round(longestStallMs / 1000),
    kills: KILLS,
    droppedAfterData: smtp.dropped,
    workerStarts: Object.fromEntries(slots.map((s) => [s.name, s.starts])),
    workerExitsOnTheirOwn: Object.fromEntries(slots.map((s) => [s.name, s.unexpectedExits])),
  };
  // The targets (issue 16): nothing sent twice, nothing SENT that never arrived, nothing left unended, and no more
  // unknown outcomes than the moments that make one (a dropped connection after the final ".", a send past it when a
// worker is killed or the SMTP server stops).
  const targets = {
    "0 duplicated": duplicated === 0,
    "0 missing": missing === 0,
    "0 stuck": stuck === 0,
    // Every unknown outcome has a cause: its connection was dropped after the ".", or it was past the "." when a
    // worker was killed or the SMTP server stopped.
    "unknown <= drops after DATA + sends past the \".\" at kills and SMTP stop":
      unknownDropped <= smtp.dropped && (byStatus.UNKNOWN ?? 0) - unknownDropped <= inHandAtFaults,
    "no worker exited on its own": slots.every((s) => s.unexpectedExits.length === 0),
    // Failures only where the SMTP server refused the address for good: a temporary failure must never end FAILED here.
    "failed = the addresses refused with 550": (byStatus.FAILED ?? 0) === refused && deliveries.every((d) => d.status !== "FAILED" || d.smtpCode === 550),
    // An unknown outcome that never arrived was lost on the wire as its worker died (or the SMTP server stopped).
    "unknown and never received <= sends in hand at kills": unknownNotReceived <= inHandAtFaults,
  };
  console.log("\n=== chaos report ===");
  console.log(JSON.stringify({ ...report, targets }, null, 2));
  if (Object.values(targets).some((ok) => !ok)) failed = true;
  await sqlPool.end();
  await db.$disconnect().catch(() => {});
}

try {
  await main();
} catch (err) {
  failed = true;
  console.error("chaos run failed:", err);
} finally {
  if (process.argv.includes("--keep")) console.log(`kept ${DIR} (logs, data)`);
  await cleanUp();
}
process.exit(failed ? 1 : 0);
