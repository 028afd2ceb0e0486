// SMTP faults with real sockets (issue 16, items 1, 2 and 5): nothing listening, a server that never greets, one that
// stops answering after RCPT TO, connections dropped after the final ".", and a worker stopped by SIGTERM while its
// sends hang. Every send must end its attempt (retry later, FAILED, or UNKNOWN after the "."), the pool must not leak a
// slot, and the worker must exit within its grace period. Short deadlines come from the options, never from sleeps.
import { spawn } from "node:child_process";
import net from "node:net";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { DELIVERIES_QUEUE } from "@/lib/jobs/notices";
import { SmtpSender } from "@/lib/mail/smtp-sender";
import { enqueueDeliveries } from "@/lib/notices/enqueue-deliveries";
import { getRunProgress, startReplay } from "@/lib/notices/start-replay";
import { sweepDeliveries } from "@/lib/notices/sweep";
import {
  clearPrefixes, createEngineLibrary, freshPrefix, patronsDue, redisUrl, startEngineWorker, startTestCatcher, waitFor,
} from "./engine-env";

const TIMEOUTS = { connectMs: 500, commandMs: 500, dataMs: 1000 };
const SEND = { attempts: 3, backoffMs: 50 };
const PENDING: DeliveryStatus[] = ["PLANNED", "QUEUED", "SENDING"];

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let catcher: Awaited<ReturnType<typeof startTestCatcher>>;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  lib = await createEngineLibrary("smtp_faults");
  catcher = await startTestCatcher();
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
  await catcher.close();
  await lib.close();
  await clearPrefixes();
});

/** A TCP server that accepts connections and never says a word. */
async function silentServer() {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

const groupByStatus = <T extends { status: string }>(rows: T[]) => {
  const groups: Record<string, T[]> = {};
  for (const r of rows) (groups[r.status] ??= []).push(r);
  return groups;
};

/** A port nothing listens on (bound, then closed). */
async function closedPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A worker whose SMTP server is on `port`, with the tests' short deadlines; replays `date` and waits for its email. */
async function runAgainst(port: number, date: string, overrides: Parameters<typeof startEngineWorker>[3] = {}) {
  const worker = await startEngineWorker(lib, port, freshPrefix(), {
    smtp: { host: "127.0.0.1", port, secure: false, poolSize: 4, timeouts: TIMEOUTS },
    send: { concurrency: 8, ...SEND, leaseSeconds: 30 },
    ...overrides,
  });
  const queue = worker.queues.find((q) => q.name === DELIVERIES_QUEUE)!;
  const started = performance.now();
  const run = await startReplay(lib.db, { runDate: date, scenarioCodes: ["pre-overdue"], requestedBy: "test", queue, send: SEND });
  await waitFor(async () => (await getRunProgress(lib.db, run.runId))?.isEmailDone, 60_000, `run ${run.runId} done`);
  const seconds = (performance.now() - started) / 1000;
  const deliveries = await lib.db.delivery.findMany({ where: { runId: run.runId }, include: { attemptLog: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });
  // Every job ends (its handler returns right after recording the outcome): nothing active, waiting or delayed.
  const counts = await waitFor(async () => {
    const c = await queue.getJobCounts("active", "waiting", "delayed");
    return c.active + c.waiting + c.delayed === 0 && c;
  }, 10_000, "every send job ended");
  const pool = worker.sender()!.stats();
  await worker.stop();
  return { run, deliveries, seconds, counts, pool };
}

describe("SMTP faults", () => {
  it("nothing listening: each attempt fails within the connect timeout, is retried, and the delivery ends FAILED", async () => {
    await patronsDue(lib, "NL", "2026-03-01", 3);
    const { deliveries, seconds, counts, pool } = await runAgainst(await closedPort(), "2026-03-01");
    expect(deliveries.map((d) => d.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    for (const d of deliveries) {
      expect(d.attemptLog.map((a) => a.outcome)).toEqual(["TEMPORARY_FAILURE", "TEMPORARY_FAILURE", "TEMPORARY_FAILURE"]);
      expect(d.lastError).toMatch(/gave up after 3 attempts.*ECONNREFUSED|gave up after 3 attempts.*ESOCKET/);
    }
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(pool).toEqual({ open: 0, parked: 0, idle: 0, waiting: 0 });
    expect(seconds).toBeLessThan(10);
  });

  it("a server that accepts the connection and never greets: greeting timeout, retried, then FAILED", async () => {
    await patronsDue(lib, "NG", "2026-03-02", 2);
    const { deliveries, counts, pool } = await runAgainst(await silentServer(), "2026-03-02");
    expect(deliveries.map((d) => d.status)).toEqual(["FAILED", "FAILED"]);
    for (const d of deliveries) {
      expect(d.attemptLog).toHaveLength(3);
      expect(d.lastError).toMatch(/ETIMEDOUT/);
    }
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(pool).toEqual({ open: 0, parked: 0, idle: 0, waiting: 0 });
  });

  it("the greeting timeout is its own: a connection that is accepted but silent fails after commandMs, not connectMs", async () => {
    const port = await silentServer();
    const sender = new SmtpSender({ host: "127.0.0.1", port, secure: false, poolSize: 2, timeouts: { connectMs: 5000, commandMs: 300, dataMs: 5000 } });
    const started = performance.now();
    const outcome = await sender.send({ from: "a@example.net", to: "b@example.net", raw: Buffer.from("Subject: x\r\n\r\nx\r\n"),
      beforeHandover: async () => ({ commit: () => {}, rollback: () => {} }) });
    expect(outcome).toMatchObject({ outcome: "temporary", smtpCode: null });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(sender.stats()).toEqual({ open: 0, parked: 0, idle: 0, waiting: 0 });
  });

  it("a handover record that takes a while (a busy database) does not park a healthy connection: the server is silent while we write the body", async () => {
    const sender = new SmtpSender({ host: "127.0.0.1", port: catcher.port, secure: false, poolSize: 1, timeouts: { connectMs: 2000, commandMs: 2000, dataMs: 5000 } });
    let parkedDuringHandover: number | undefined;
    const outcome = await sender.send({ from: "a@example.net", to: "slow-handover@example.net", raw: Buffer.from("Subject: x\r\n\r\nx\r\n"),
      beforeHandover: async () => {
        await new Promise((r) => setTimeout(r, 1_500)); // longer than the 1 s of server silence that parks a connection
        parkedDuringHandover = sender.stats().parked;
        return { commit: () => {}, rollback: () => {} };
      } });
    expect(outcome).toMatchObject({ outcome: "sent", smtpCode: 250 });
    expect(parkedDuringHandover).toBe(0);
    expect(sender.stats()).toMatchObject({ open: 1, parked: 0, idle: 1 }); // back in the pool for the next send
    await sender.close();
  });

  it("a server that stops answering after RCPT TO: command timeout, retried, and sent once it answers again", async () => {
    await patronsDue(lib, "RC", "2026-03-03", 4);
    let hangs = 0;
    catcher.setRespond((stage) => (stage === "rcpt" && hangs++ < 2 ? { hang: true } : undefined));
    const { deliveries, counts, pool } = await runAgainst(catcher.port, "2026-03-03");
    catcher.setRespond(undefined);
    expect(deliveries.map((d) => d.status)).toEqual(["SENT", "SENT", "SENT", "SENT"]);
    const failures = deliveries.flatMap((d) => d.attemptLog).filter((a) => a.outcome === "TEMPORARY_FAILURE");
    expect(failures).toHaveLength(2);
    for (const f of failures) expect(f.response).toMatch(/ETIMEDOUT.*MAIL FROM \/ RCPT TO \/ DATA/);
    for (const d of deliveries) expect(catcher.messages.filter((m) => m.to.includes(d.address!))).toHaveLength(1);
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(pool.open).toBe(pool.idle); // no slot held by a send
    expect(pool.waiting).toBe(0);
  });

  it("1 in 20 connections dropped after the final \".\": those are UNKNOWN, the rest SENT, and the run is quick", async () => {
    await patronsDue(lib, "DR", "2026-03-04", 200);
    let n = 0;
    catcher.setRespond((stage) => (stage === "data" && ++n % 20 === 0 ? { drop: true } : undefined));
    const before = catcher.messages.length;
    const { deliveries, seconds, counts, pool } = await runAgainst(catcher.port, "2026-03-04");
    catcher.setRespond(undefined);
    const byStatus = groupByStatus(deliveries);
    expect(byStatus.UNKNOWN).toHaveLength(10);
    expect(byStatus.SENT).toHaveLength(190);
    for (const d of byStatus.UNKNOWN!) expect(d.attemptLog.map((a) => a.outcome)).toEqual(["UNKNOWN"]); // never re-sent
    expect(catcher.messages.length - before).toBe(200); // each message reached the server once
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(pool.open).toBe(pool.idle);
    console.log(`200 messages, 5% dropped after the ".": ${seconds.toFixed(2)} s, ${(200 / seconds).toFixed(1)} deliveries/s`);
    expect(seconds).toBeLessThan(20);
  });

  it("1 in 20 servers going silent after the final \".\" (no FIN): UNKNOWN after the data timeout, the others unaffected", async () => {
    await patronsDue(lib, "HG", "2026-03-05", 200);
    let n = 0;
    catcher.setRespond((stage) => (stage === "data" && ++n % 20 === 0 ? { hang: true } : undefined));
    const { deliveries, seconds, counts, pool } = await runAgainst(catcher.port, "2026-03-05");
    catcher.setRespond(undefined);
    const byStatus = groupByStatus(deliveries);
    expect(byStatus.UNKNOWN).toHaveLength(10);
    expect(byStatus.SENT).toHaveLength(190);
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(pool.open).toBe(pool.idle);
    expect(pool.parked).toBe(0);
    console.log(`200 messages, 5% silent after the ".": ${seconds.toFixed(2)} s, ${(200 / seconds).toFixed(1)} deliveries/s`);
    expect(seconds).toBeLessThan(20);
  });
});

describe("SIGTERM while sends hang", () => {
  it("the worker exits within its grace period; the sweep re-queues what it left and everything is sent once", async () => {
    await patronsDue(lib, "ST", "2026-03-06", 12);
    const prefix = freshPrefix();
    const queue = new Queue(DELIVERIES_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix });
    const port = await silentServer();
    const GRACE_MS = 2000;
    const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], {
      env: {
        ...process.env, DATABASE_URL: lib.url, QUEUE_PREFIX: prefix, SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port),
        // Deadlines far longer than the grace period: the sends are still hanging when SIGTERM comes.
        SMTP_CONNECT_TIMEOUT_MS: "60000", SMTP_COMMAND_TIMEOUT_MS: "60000", SMTP_DATA_TIMEOUT_MS: "60000",
        SEND_CONCURRENCY: "8", SMTP_POOL_SIZE: "4", SHUTDOWN_GRACE_MS: String(GRACE_MS), DELIVERY_LEASE_SECONDS: "2",
        SEND_LOCK_MS: "2000", SWEEP_CRON: "0 0 1 1 *", CATCH_UP_ON_START: "false", LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const run = await startReplay(lib.db, { runDate: "2026-03-06", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue, send: SEND });
      // Eight sends in hand (four connecting to a server that never greets, four waiting for a slot).
      await waitFor(async () => (await lib.db.delivery.count({ where: { runId: run.runId, status: "SENDING" } })) >= 8, 30_000, "sends in hand");
      const signalled = performance.now();
      child.kill("SIGTERM");
      const code = await exited;
      const tookMs = performance.now() - signalled;
      expect(tookMs, stderr).toBeLessThan(GRACE_MS + 1500);
      expect(code).toBe(0);

      // What it left: nothing handed over, so nothing UNKNOWN; every delivery still to send. The sends it aborted are
      // recorded QUEUED for a retry; any it could not record before exiting stay SENDING, for the sweep.
      const left = await lib.db.delivery.findMany({ where: { runId: run.runId }, orderBy: { id: "asc" } });
      expect(left.every((d) => PENDING.includes(d.status) && d.handingOverAt === null)).toBe(true);
      const abandoned = left.filter((d) => d.status === "SENDING").map((d) => d.id);

      // A healthy worker on the same queue, and the sweep once the lease has passed: every delivery is sent, once.
      await new Promise((r) => setTimeout(r, 2100)); // the lease (2 s) must pass for a SENDING claim to be taken over
      const { requeue } = await sweepDeliveries(lib.db, { leaseSeconds: 2, queuedForSeconds: 300 });
      const worker = await startEngineWorker(lib, catcher.port, prefix, {
        smtp: { host: "127.0.0.1", port: catcher.port, secure: false, poolSize: 4, timeouts: TIMEOUTS },
        send: { concurrency: 8, ...SEND, leaseSeconds: 2, lockMs: 2000 },
      });
      try {
        const deliveriesQueue = worker.queues.find((q) => q.name === DELIVERIES_QUEUE)!;
        await enqueueDeliveries(lib.db, deliveriesQueue, requeue, SEND);
        await waitFor(async () => (await lib.db.delivery.count({ where: { runId: run.runId, status: { in: PENDING } } })) === 0, 30_000, "all settled");
      } finally {
        await worker.stop();
      }
      const done = await lib.db.delivery.findMany({ where: { runId: run.runId } });
      expect(done.map((d) => d.status)).toEqual(done.map(() => "SENT"));
      for (const d of done) expect(catcher.messages.filter((m) => m.to.includes(d.address!))).toHaveLength(1);
      expect(requeue.filter((id) => abandoned.includes(id)).sort()).toEqual(abandoned);
      console.log(`SIGTERM: exited in ${Math.round(tookMs)} ms (grace ${GRACE_MS} ms); ${left.length - abandoned.length} recorded for a retry, ${abandoned.length} left SENDING for the sweep`);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await queue.close();
    }
  });
});
