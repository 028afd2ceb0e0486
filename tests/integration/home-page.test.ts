// The home page's aggregates (issue 14, item 1) against rows this file inserts into a library of its own: needs
// attention, SENDING for over 10 minutes, the last 7 days' runs by status, runs today, the roll-up equal to a plain
// count (and which days a pass counts again), queue figures from real Redis, and worker heartbeats.
import { Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getHomeSummary } from "@/lib/dashboard/get-home-summary";
import { countLedgerPlainly, readLedgerCounts } from "@/lib/dashboard/ledger-counts";
import { ATTENTION_CAP } from "@/lib/dashboard/needs-attention";
import { getQueueFigures } from "@/lib/dashboard/queue-health";
import { rollUpLedger } from "@/lib/dashboard/roll-up-ledger";
import { clearPrefixes, createEngineLibrary, freshPrefix, redisUrl, waitFor } from "./notices/engine-env";
import { addPatron, scenarioId } from "./notices/library-factory";

const TZ = "Europe/London";
// 12:00 on 20 Jan 2027 in London (UTC in winter).
const NOW = new Date("2027-01-20T12:00:00Z");
const at = (daysAgo: number, minutes = 0) => new Date(NOW.getTime() - daysAgo * 86_400_000 - minutes * 60_000);

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let patronId: number;
beforeAll(async () => {
  lib = await createEngineLibrary("home_page", { timeZone: TZ });
  await lib.sql.query(`SELECT ledger_ensure_partitions('2026-11-01'::date, '2027-02-01'::date)`);
  patronId = (await addPatron(lib.sql)).id;
});
afterAll(async () => {
  await lib?.close();
  await clearPrefixes();
});
beforeEach(async () => {
  await lib.sql.query(`TRUNCATE "Delivery", "DeliveryAttempt", "Notice", "EveryRunNotice", "NoticeRun", "WorkerHeartbeat",
    "DeliveryDayCount", "NoticeDayCount", "LedgerDayCounted", "LedgerRollup", "HomeFigures"`);
});

async function addRun(startedAt: Date, options: { trigger?: string; status?: string; scenarioIds?: number[]; runDate?: string } = {}) {
  const { rows } = await lib.sql.query<{ id: number }>(
    `INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status, "startedAt")
     VALUES (gen_random_uuid()::text, $1::date, $2::"RunTrigger", $3::int[], $4::"RunStatus", $5::timestamptz) RETURNING id`,
    [options.runDate ?? startedAt.toISOString().slice(0, 10), options.trigger ?? "REPLAY", options.scenarioIds ?? [],
      options.status ?? "PLANNED", startedAt],
  );
  return rows[0].id;
}

async function addDeliveries(runId: number, createdAt: Date, status: string, count: number, extra: { channel?: string; claimedAt?: Date } = {}) {
  await lib.sql.query(
    `INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, status, "claimedAt",
       "createdAt", "updatedAt", "noticeIds")
     SELECT $1, $2, 'SELF', 'self', 'Pat', $3::"Channel", $4::"DeliveryStatus", $5::timestamptz, $6::timestamptz, $6::timestamptz, '{}'
     FROM generate_series(1, $7)`,
    [runId, patronId, extra.channel ?? "EMAIL", status, extra.claimedAt ?? null, createdAt, count],
  );
}

let levelIds = 1;
async function addNotices(runId: number, createdAt: Date, kind: string, count: number, options: { everyRun?: boolean; status?: string } = {}) {
  const table = options.everyRun ? "EveryRunNotice" : "Notice";
  // Every-run rows list what they told about; once-only rows name their subject.
  const columns = options.everyRun ? `"listedIds", metrics, "droppedIds"` : `"subjectId"`;
  const values = options.everyRun ? `'{}', '{}', '{}'` : "n";
  await lib.sql.query(
    `INSERT INTO "${table}" (id, "runId", "scenarioId", "levelId", level, kind, "patronId", ${columns}, occurrence, status, "createdAt")
     SELECT nextval('"Notice_id_seq"'), $1, 1000 + n, $8, 1, $2::"NoticeKind", $3, ${values}, $4::date, $5::"NoticeStatus", $6::timestamptz
     FROM generate_series(1, $7) n`,
    [runId, kind, patronId, createdAt.toISOString().slice(0, 10), options.status ?? "PLANNED", createdAt, count, levelIds++],
  );
}

describe("needs attention", () => {
  it("counts failed, unknown, unprinted letters and what has been sending for over 10 minutes, each linking to the log", async () => {
    const run = await addRun(at(0, 120));
    await addDeliveries(run, at(0, 120), "FAILED", 2);
    await addDeliveries(run, at(0, 120), "UNKNOWN", 1);
    await addDeliveries(run, at(0, 120), "PLANNED", 3, { channel: "PRINT" });
    await addDeliveries(run, at(0, 120), "PLANNED", 4); // email waiting to be queued: not a concern
    await addDeliveries(run, at(0, 120), "SENT", 5, { channel: "PRINT" }); // printed
    await addDeliveries(run, at(0, 120), "SENDING", 1, { claimedAt: at(0, 11) });
    await addDeliveries(run, at(0, 120), "SENDING", 6, { claimedAt: at(0, 9) }); // still within its 10 minutes
    const s = await getHomeSummary(lib.db, { now: NOW });
    const byKey = Object.fromEntries(s.attention.map((a) => [a.key, a]));
    expect(byKey.failed).toMatchObject({ count: 2, href: "/notices/deliveries?status=FAILED" });
    expect(byKey.unknown).toMatchObject({ count: 1, href: "/notices/deliveries?status=UNKNOWN" });
    expect(byKey.print).toMatchObject({ count: 3, href: "/notices/deliveries?channel=PRINT&status=PLANNED" });
    expect(byKey.stuck).toMatchObject({ count: 1, href: "/notices/deliveries?status=SENDING" });
    // Two minutes on, the six others have been sending for over 10 minutes too.
    const later = await getHomeSummary(lib.db, { now: new Date(NOW.getTime() + 120_000) });
    expect(later.attention.find((a) => a.key === "stuck")!.count).toBe(7);
  });

  it("counts up to 10,000 and then says there are more", async () => {
    const run = await addRun(at(0, 60));
    await addDeliveries(run, at(0, 60), "PLANNED", ATTENTION_CAP + 5, { channel: "PRINT" });
    await addDeliveries(run, at(0, 60), "FAILED", ATTENTION_CAP);
    const s = await getHomeSummary(lib.db, { now: NOW });
    expect(s.attention.find((a) => a.key === "print")).toMatchObject({ count: ATTENTION_CAP, isCapped: true });
    expect(s.attention.find((a) => a.key === "failed")).toMatchObject({ count: ATTENTION_CAP, isCapped: false });
  });

  it("is all zeros on a quiet ledger", async () => {
    const run = await addRun(at(0, 60));
    await addDeliveries(run, at(0, 60), "SENT", 3);
    const s = await getHomeSummary(lib.db, { now: NOW });
    expect(s.attention.map((a) => a.count)).toEqual([0, 0, 0, 0]);
  });
});

describe("runs", () => {
  it("lists the last 7 days' runs, newest first, with their deliveries by status", async () => {
    const old = await addRun(at(8));
    await addDeliveries(old, at(8), "SENT", 2);
    const a = await addRun(at(6, -60));
    await addDeliveries(a, at(6, -60), "SENT", 3);
    await addDeliveries(a, at(6, -60), "FAILED", 1);
    const b = await addRun(at(0, 30), { trigger: "SCHEDULED" });
    await addDeliveries(b, at(0, 30), "QUEUED", 4);
    await addDeliveries(b, at(0, 30), "PLANNED", 2, { channel: "PRINT" });
    const s = await getHomeSummary(lib.db, { now: NOW });
    expect(s.recentRuns.map((r) => r.id)).toEqual([b, a]);
    expect(s.recentRuns[0]).toMatchObject({ deliveries: { QUEUED: 4, PLANNED: 2 }, total: 6 });
    expect(s.recentRuns[1]).toMatchObject({ deliveries: { SENT: 3, FAILED: 1 }, total: 4 });
  });

  it("counts a run's deliveries live while it sends and until the roll-up has counted it done, then from the roll-up", async () => {
    const run = await addRun(at(1, 60));
    await addDeliveries(run, at(1, 60), "QUEUED", 3);
    await rollUpLedger(lib.db, { now: NOW });
    await lib.sql.query(`UPDATE "Delivery" SET status = 'SENT' WHERE "runId" = $1`, [run]);
    const week = async () => (await getHomeSummary(lib.db, { now: NOW })).recentRuns.find((r) => r.id === run)!.deliveries;
    expect(await week()).toEqual({ SENT: 3 }); // still sending: live, though the roll-up saw them queued
    await lib.sql.query(`UPDATE "NoticeRun" SET "sendingFinishedAt" = $2 WHERE id = $1`, [run, new Date(NOW.getTime() + 30_000)]);
    expect(await week()).toEqual({ SENT: 3 }); // done after the roll-up last counted: still live
    await rollUpLedger(lib.db, { now: new Date(NOW.getTime() + 60_000) });
    // Counted done by the roll-up: its figures from now on (a later change waits for the next pass).
    await lib.sql.query(`UPDATE "Delivery" SET status = 'FAILED' WHERE "runId" = $1`, [run]);
    expect(await week()).toEqual({ SENT: 3 });
  });

  it("says per scenario whether today's run is done, sending, not yet or not run at its time, and when the next is", async () => {
    const ids = { overdue: await scenarioId(lib.sql, "overdue"), pre: await scenarioId(lib.sql, "pre-overdue"),
      escalation: await scenarioId(lib.sql, "overdue-escalation") };
    await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true, "runAt" = '02:00', frequency = 'DAILY' WHERE id = ANY($1)`, [[ids.overdue, ids.pre]]);
    await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true, "runAt" = '18:00', frequency = 'DAILY' WHERE id = $1`, [ids.escalation]);
    const sending = await addRun(at(0, 600), { trigger: "SCHEDULED", scenarioIds: [ids.overdue], runDate: "2027-01-20" });
    await addDeliveries(sending, at(0, 600), "SENT", 2);
    await addDeliveries(sending, at(0, 600), "QUEUED", 1);
    const today = (await getHomeSummary(lib.db, { now: NOW })).runsToday;
    const of = (id: number) => today.find((s) => s.id === id)!;
    expect(of(ids.overdue)).toMatchObject({ state: "sending", run: { id: sending }, nextDate: "2027-01-21" });
    expect(of(ids.pre)).toMatchObject({ state: "missed", run: null });
    expect(of(ids.escalation)).toMatchObject({ state: "not-yet", nextDate: "2027-01-20", runAt: "18:00" });
    // Done when the run is marked so (its email has all ended: lib/notices/mark-run-done.ts).
    await lib.sql.query(`UPDATE "NoticeRun" SET "sendingFinishedAt" = $2 WHERE id = $1`, [sending, at(0, 500)]);
    expect((await getHomeSummary(lib.db, { now: NOW })).runsToday.find((s) => s.id === ids.overdue)!.state).toBe("done");
  });
});

describe("the roll-up", () => {
  const sorted = <T>(rows: T[]) => [...rows].map((r) => JSON.stringify(r)).sort();
  const from = "2026-12-22";

  it("plus the rows since it was taken equals a plain count, before and after another pass", async () => {
    for (const daysAgo of [0, 1, 3, 12, 40]) {
      const run = await addRun(at(daysAgo, 60));
      await addDeliveries(run, at(daysAgo, 60), "SENT", 3 + daysAgo);
      await addDeliveries(run, at(daysAgo, 60), "FAILED", 1);
      await addDeliveries(run, at(daysAgo, 60), "PLANNED", 2, { channel: "PRINT" });
      await addNotices(run, at(daysAgo, 60), "OE", 2 + daysAgo);
      await addNotices(run, at(daysAgo, 60), "OE", 1, { status: "COVERED" }); // not counted
      await addNotices(run, at(daysAgo, 60), "O", 4, { everyRun: true });
    }
    const first = await rollUpLedger(lib.db, { now: NOW });
    expect(first!.days).toHaveLength(36); // every day of the window, counted for the first time
    expect(sorted((await readLedgerCounts(lib.db, { timeZone: TZ, from })).deliveries))
      .toEqual(sorted((await countLedgerPlainly(lib.db, { timeZone: TZ, from })).deliveries));
    // Rows created since (counted live) and a status change today (recounted by the next pass).
    const run = await addRun(at(0, 10));
    await addDeliveries(run, at(0, 10), "QUEUED", 5);
    await addNotices(run, at(0, 10), "V", 3);
    const live = await readLedgerCounts(lib.db, { timeZone: TZ, from });
    const plain = await countLedgerPlainly(lib.db, { timeZone: TZ, from });
    expect(sorted(live.deliveries)).toEqual(sorted(plain.deliveries));
    expect(sorted(live.notices)).toEqual(sorted(plain.notices));
    expect(plain.notices.find((n) => n.kind === "OE" && n.day === "2027-01-17")!.count).toBe(5);
    await lib.sql.query(`UPDATE "Delivery" SET status = 'SENT' WHERE "runId" = $1`, [run]);
    await rollUpLedger(lib.db, { now: new Date(NOW.getTime() + 60_000) });
    const after = await readLedgerCounts(lib.db, { timeZone: TZ, from });
    expect(sorted(after.deliveries)).toEqual(sorted((await countLedgerPlainly(lib.db, { timeZone: TZ, from })).deliveries));
    expect(after.notices.some((n) => n.day === "2026-12-11")).toBe(false); // 40 days ago: outside the window
  });

  it("counts today and yesterday on every pass, the past week hourly, and an older day no more once counted a week on", async () => {
    const old = await addRun(at(20));
    await addDeliveries(old, at(20), "SENT", 1);
    await rollUpLedger(lib.db, { now: NOW });
    const minuteLater = await rollUpLedger(lib.db, { now: new Date(NOW.getTime() + 60_000) });
    expect(minuteLater!.days).toEqual(["2027-01-19", "2027-01-20"]);
    const hourLater = await rollUpLedger(lib.db, { now: new Date(NOW.getTime() + 3_601_000) });
    // Days that ended under a week before their last count: 13 Jan (ended 14 Jan 00:00, counted 20 Jan) onwards.
    expect(hourLater!.days).toEqual(["2027-01-13", "2027-01-14", "2027-01-15", "2027-01-16", "2027-01-17", "2027-01-18", "2027-01-19", "2027-01-20"]);
    // A change to a day whose count is final does not reach the counts (the stated staleness): 31 Dec stays as counted.
    await lib.sql.query(`UPDATE "Delivery" SET status = 'FAILED' WHERE "runId" = $1`, [old]);
    await rollUpLedger(lib.db, { now: new Date(NOW.getTime() + 7_300_000) });
    const counts = await readLedgerCounts(lib.db, { timeZone: TZ, from });
    expect(counts.deliveries.filter((d) => d.day === "2026-12-31").map((d) => [d.status, d.count])).toEqual([["SENT", 1]]);
  });
});

describe("library figures", () => {
  it("come from the worker's last pass while under 5 minutes old, and are counted again after", async () => {
    await rollUpLedger(lib.db, { now: NOW });
    const saved = await getHomeSummary(lib.db, { now: new Date(NOW.getTime() + 60_000) });
    expect(saved.figuresCountedAt).toEqual(NOW);
    await addPatron(lib.sql);
    expect((await getHomeSummary(lib.db, { now: new Date(NOW.getTime() + 60_000) })).patrons).toBe(saved.patrons);
    const stale = await getHomeSummary(lib.db, { now: new Date(NOW.getTime() + 6 * 60_000) });
    expect(stale.figuresCountedAt).toBeNull();
    expect(stale.patrons).toBe(saved.patrons + 1);
  });
});

describe("queues and workers", () => {
  it("reads waiting, active, delayed and failed per queue from Redis, and says so when Redis does not answer", async () => {
    const prefix = freshPrefix();
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const sending = new Queue("deliveries", { connection, prefix });
    const planning = new Queue("notices", { connection, prefix });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const worker = new Worker("deliveries", async (job) => {
      if (job.name === "fail") throw new UnrecoverableError("no");
      await held;
    }, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: 2 });
    try {
      await sending.add("hold", {});
      await sending.add("fail", {});
      await planning.add("a", {});
      await planning.add("b", {});
      await planning.add("later", {}, { delay: 600_000 });
      const named = [{ name: "deliveries", label: "Sending", queue: sending }, { name: "notices", label: "Planning runs", queue: planning }];
      const figures = await waitFor(async () => {
        const f = await getQueueFigures(named);
        return f && f[0].failed === 1 && f[0].active === 1 && f;
      }, 10_000, "one job held and one failed");
      expect(figures).toEqual([
        { name: "deliveries", label: "Sending", waiting: 0, active: 1, delayed: 0, failed: 1 },
        { name: "notices", label: "Planning runs", waiting: 2, active: 0, delayed: 1, failed: 0 },
      ]);
    } finally {
      release();
      await worker.close();
      await sending.close();
      await planning.close();
      await connection.quit();
    }
    const nowhere = new Redis("redis://127.0.0.1:9", { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    nowhere.on("error", () => {});
    const down = new Queue("deliveries", { connection: nowhere, prefix });
    down.on("error", () => {});
    expect(await getQueueFigures([{ name: "deliveries", label: "Sending", queue: down }], 500)).toBeNull();
    nowhere.disconnect();
  });

  it("lists each worker process with its last heartbeat; alive while under 3 minutes", async () => {
    await lib.db.workerHeartbeat.createMany({ data: [
      { worker: "host-a:101", beatAt: at(0, 1), pid: 101, host: "host-a" },
      { worker: "host-b:202", beatAt: at(0, 5), pid: 202, host: "host-b" },
      { worker: "host-a:99", beatAt: at(9), pid: 99, host: "host-a" }, // a process gone for over a week: not listed
    ] });
    const s = await getHomeSummary(lib.db, { now: NOW });
    expect(s.workers.map((w) => [w.name, w.isAlive])).toEqual([["host-a:101", true], ["host-b:202", false]]);
    expect(s.worker.isAlive).toBe(true);
  });
});
