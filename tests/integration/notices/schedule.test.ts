// Schedules and catch-up (DOMAIN.md): every slot missed within a scenario's catch-up window is planned once, oldest
// first, and a scheduler's tick plans the slot of its own time, never an earlier date.
import { Queue, type Job } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findMissedRuns } from "@/lib/notices/catch-up";
import { planRun } from "@/lib/notices/plan-run";
import { handleSweep, handleTick, type NoticeDeps } from "@/worker/handlers/notices";
import { clearPrefixes, createEngineLibrary, freshPrefix, redisUrl } from "./engine-env";
import { addPatron, scenarioId } from "./library-factory";
import { createWorkerConnection } from "@/lib/jobs/connection";
import { findNotices } from "./ledger";

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let deps: NoticeDeps;
const connection = createWorkerConnection(redisUrl);

beforeAll(async () => {
  lib = await createEngineLibrary("schedule");
  const prefix = freshPrefix();
  deps = {
    db: lib.db, log: pino({ level: "silent" }),
    noticesQueue: new Queue("notices", { connection, prefix }), deliveriesQueue: new Queue("deliveries", { connection, prefix }),
    send: { attempts: 1, backoffMs: 10, leaseSeconds: 2 },
  };
});
afterAll(async () => {
  await deps.noticesQueue.close();
  await deps.deliveriesQueue.close();
  await connection.quit();
  await lib.close();
  await clearPrefixes();
});

const ids = async (...codes: string[]) => Promise.all(codes.map((c) => scenarioId(lib.sql, c)));

beforeEach(async () => {
  // Daily overdue notices and Monday invoice reminders at 02:00 in London, both set up on 1 Nov; nothing else.
  await lib.sql.query(`UPDATE "LibrarySettings" SET "timeZone" = 'Europe/London'`);
  await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = code IN ('overdue', 'invoice'), "runAt" = '02:00', "catchUpDays" = 30,
    "scheduleSetAt" = '2026-11-01T00:00:00Z'`);
  await lib.sql.query(`DELETE FROM "NoticeRun"`);
  await deps.noticesQueue.obliterate({ force: true });
});

/** Scheduled runs as a worker that was up would have left them, for each date from..to. */
async function ranEveryDay(from: string, to: string, codes: string[]) {
  await lib.sql.query(`INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status)
    SELECT 'scheduled:' || d::date || ':02:00', d, 'SCHEDULED', $3::int[], 'PLANNED' FROM generate_series($1::date, $2::date, '1 day') d`,
    [from, to, await ids(...codes)]);
}

describe("catch-up", () => {
  it("down Sunday, back Wednesday: Monday's invoice reminders, then Wednesday's slot, each once", async () => {
    await ranEveryDay("2026-11-01", "2026-11-28", ["overdue", "invoice"]);
    const [overdue, invoice] = await ids("overdue", "invoice");
    const now = new Date("2026-12-02T10:00:00Z");
    expect(await findMissedRuns(lib.db, { now })).toEqual([
      { runDate: "2026-11-30", runKey: "scheduled:2026-11-30:02:00", scenarioIds: [invoice], slot: "02:00" },
      { runDate: "2026-12-02", runKey: "scheduled:2026-12-02:02:00", scenarioIds: [overdue, invoice], slot: "02:00" },
    ]);
    // Monday's run records Monday's invoice reminder; asked again, only Wednesday is left.
    const patron = await addPatron(lib.sql);
    await lib.sql.query(`INSERT INTO "Charge" ("patronId", kind, amount, balance, "createdAt") VALUES ($1, 'DAMAGE', 3, 3, '2026-11-02T12:00:00Z')`, [patron.id]);
    await planRun(lib.db, { runDate: "2026-11-30", trigger: "SCHEDULED", runKey: "scheduled:2026-11-30:02:00", scenarioIds: [invoice] });
    const recorded = await findNotices(lib.db, { patronId: patron.id });
    expect(recorded.map((n) => [n.kind, n.occurrence.toISOString().slice(0, 10)])).toEqual([["I", "2026-11-30"]]);
    expect((await findMissedRuns(lib.db, { now })).map((r) => r.runKey)).toEqual(["scheduled:2026-12-02:02:00"]);
  });

  it("a monthly scenario on day 31 whose 28 February fell while the worker was down", async () => {
    await lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true, frequency = 'MONTHLY', "monthDay" = 31 WHERE code = 'current-loans'`);
    await lib.sql.query(`UPDATE "Scenario" SET "catchUpDays" = 20`);
    await ranEveryDay("2027-02-01", "2027-02-26", ["overdue", "invoice", "current-loans"]);
    const [, invoice, current] = await ids("overdue", "invoice", "current-loans");
    const runs = await findMissedRuns(lib.db, { now: new Date("2027-03-02T09:00:00Z") });
    expect(runs.map((r) => [r.runKey, r.scenarioIds])).toEqual([
      ["scheduled:2027-02-28:02:00", [current]], // the daily overdue notices catch up on the latest slot only
      ["scheduled:2027-03-01:02:00", [invoice]], // a Monday
      ["scheduled:2027-03-02:02:00", (await ids("overdue", "invoice", "current-loans")).sort((a, b) => a - b)],
    ]);
  });

  it("does not catch up slots from before the schedule changed, and leaves a slot just started to its tick", async () => {
    await ranEveryDay("2026-11-01", "2026-11-28", ["overdue", "invoice"]);
    await lib.sql.query(`UPDATE "Scenario" SET "scheduleSetAt" = '2026-12-01T12:00:00Z' WHERE code = 'invoice'`);
    const runs = await findMissedRuns(lib.db, { now: new Date("2026-12-02T10:00:00Z") });
    expect(runs.map((r) => r.runDate)).toEqual(["2026-12-02"]);
    expect(await findMissedRuns(lib.db, { now: new Date("2026-12-03T02:01:00Z"), graceMs: 2 * 60_000 }))
      .toEqual([expect.objectContaining({ runDate: "2026-12-02" })]); // 3 Dec's slot started a minute ago: the tick's
  });

  it("the sweep (every minute) queues the oldest missed slot when no scheduled run is being planned", async () => {
    // 1 Dec ran; 2 Dec's 00:00 tick was lost (a Redis restart): the sweep finds 2 Dec's slot, once the tick's first two
    // minutes are over. The sweep's clock is set, so the slot is the same whenever the test runs.
    await lib.sql.query(`UPDATE "Scenario" SET "runAt" = '00:00', "scheduleSetAt" = '2026-11-30T12:00:00Z'`);
    await lib.sql.query(`INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status) VALUES ($1, $2, 'SCHEDULED', $3, 'PLANNED')`,
      ["scheduled:2026-12-01:00:00", "2026-12-01", await ids("overdue", "invoice")]);
    const sweepAt = async (instant: string) => {
      const result = await handleSweep({} as Job, { ...deps, now: () => new Date(instant) });
      const queued = await deps.noticesQueue.getJobs(["waiting", "delayed", "prioritized"]);
      return [result.caughtUp, queued.map((j) => j.data.runKey)];
    };
    expect(await sweepAt("2026-12-02T00:01:00Z")).toEqual([[], []]); // the first two minutes are the tick's
    expect(await sweepAt("2026-12-02T10:00:00Z")).toEqual([["scheduled:2026-12-02:00:00"], ["scheduled:2026-12-02:00:00"]]);
  });
});

describe("a schedule change", () => {
  it("moves scheduleSetAt when the run time, frequency, day or enabled flag changes, whoever writes it", async () => {
    const setAt = async () => (await lib.sql.query(`SELECT "scheduleSetAt" AS at FROM "Scenario" WHERE code = 'overdue'`)).rows[0].at as Date;
    await lib.sql.query(`UPDATE "Scenario" SET name = 'Overdue (renamed)' WHERE code = 'overdue'`);
    expect((await setAt()).toISOString()).toBe("2026-11-01T00:00:00.000Z"); // not a schedule change
    // Set to the transaction's now() by the trigger, to the millisecond (the column's precision).
    await lib.sql.query("BEGIN");
    try {
      await lib.sql.query(`UPDATE "Scenario" SET "runAt" = '05:00' WHERE code = 'overdue'`);
      const { rows: [row] } = await lib.sql.query(`SELECT "scheduleSetAt" AS at, now()::timestamptz(3) AS now FROM "Scenario" WHERE code = 'overdue'`);
      expect(row.at.toISOString()).toBe(row.now.toISOString());
    } finally {
      await lib.sql.query("COMMIT");
    }
    await lib.db.scenario.update({ where: { code: "overdue" }, data: { isEnabled: false, scheduleSetAt: new Date("2026-11-05T00:00:00Z") } });
    expect((await setAt()).toISOString()).toBe("2026-11-05T00:00:00.000Z"); // a writer that sets it itself wins
  });

  it("each sync request is a job of its own: one made while another waits is not dropped", async () => {
    const { requestSchedulerSync } = await import("@/lib/notices/sync-schedulers");
    await requestSchedulerSync(deps.noticesQueue);
    await requestSchedulerSync(deps.noticesQueue);
    expect((await deps.noticesQueue.getJobs(["waiting", "prioritized"])).map((j) => j.name)).toEqual(["notices.sync-schedulers", "notices.sync-schedulers"]);
  });
});

describe("a scheduler's tick", () => {
  beforeEach(async () => {
    await lib.sql.query(`UPDATE "Scenario" SET "scheduleSetAt" = '2026-01-01T00:00:00Z'`);
  });
  const tick = async (code: string, scheduledFor: string) => {
    const millis = Date.parse(scheduledFor);
    const id = await scenarioId(lib.sql, code);
    // A job as BullMQ's scheduler makes it, processed whenever (late after downtime: its own slot still counts).
    const job = { id: `repeat:scenario-${id}:${millis}`, data: { scenarioId: id }, opts: { prevMillis: millis }, timestamp: millis, delay: 0 } as unknown as Job;
    return handleTick(job, deps);
  };
  const queuedKeys = async () => (await deps.noticesQueue.getJobs(["waiting", "delayed", "prioritized"])).map((j) => j.data.runKey ?? j.name).sort();

  it("plans the slot of its own scheduled time, however late it is handled", async () => {
    expect(await tick("overdue", "2026-12-02T02:00:00Z")).toEqual({ runKey: "scheduled:2026-12-02:02:00" });
    expect(await queuedKeys()).toEqual(["scheduled:2026-12-02:02:00"]);
  });

  it("a tick left from before the run time moved from 02:00 to 06:00 plans nothing (not yesterday) and asks for a sync", async () => {
    await lib.sql.query(`UPDATE "Scenario" SET "runAt" = '06:00', "scheduleSetAt" = '2026-12-01T20:00:00Z' WHERE code = 'overdue'`);
    const result = await tick("overdue", "2026-12-02T02:00:00Z");
    expect(result).toMatchObject({ skipped: expect.stringMatching(/not a slot of the current schedule/) });
    expect(await queuedKeys()).toEqual(["notices.sync-schedulers"]);
  });

  it("in Auckland, when the clocks skip 02:00 (27 Sep 2026), the tick at 03:00 plans that day's 02:00 slot", async () => {
    await lib.sql.query(`UPDATE "LibrarySettings" SET "timeZone" = 'Pacific/Auckland'`);
    // 03:00 NZDT on 27 Sep = 14:00 UTC on 26 Sep.
    expect(await tick("overdue", "2026-09-26T14:00:00Z")).toEqual({ runKey: "scheduled:2026-09-27:02:00" });
  });

  it("in New York, a tick at 02:00 EST on 3 Feb (07:00 UTC) is dated 3 Feb", async () => {
    await lib.sql.query(`UPDATE "LibrarySettings" SET "timeZone" = 'America/New_York'`);
    expect(await tick("overdue", "2026-02-03T07:00:00Z")).toEqual({ runKey: "scheduled:2026-02-03:02:00" });
  });
});
