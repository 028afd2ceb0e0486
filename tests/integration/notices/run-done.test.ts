import { describe, expect, it } from "vitest";
import pg from "pg";
import { sqlPool } from "@/lib/db/client";
import { markFinishedRuns, markRunSendingFinished, recordPlanned } from "@/lib/notices/mark-run-done";
import { requestRun } from "@/lib/notices/request-run";
import { getRunProgressView } from "@/lib/notices/run-progress";
import { engineSuite, waitFor } from "./engine-env";
import { addLoan, addPatron } from "./library-factory";

// Issue 14, runs: a run is done when its email has all ended, marked exactly once whoever sees it end (the last send,
// the planner's end, the sweep); print deliveries are not waited for; the run's counts by scenario and level are the
// ledger's.
const suite = engineSuite("run_done");
const noticesQueue = () => suite.worker.queues.find((q) => q.name === "notices")!;
// The test library's scenarios start disabled (tests replay them by code); staff choose among enabled ones.
const enableScenarios = () => suite.lib.sql.query(`UPDATE "Scenario" SET "isEnabled" = true`);
const staff = async () => (await suite.lib.sql.query<{ id: number }>(
  `INSERT INTO "StaffUser" (email, name, "passwordHash", role) VALUES ($1, 'Circe Desk', 'x', 'CIRCULATION') RETURNING id`,
  [`circ.${crypto.randomUUID()}@library.example`])).rows[0];

async function runRow(runId: number) {
  return suite.lib.db.noticeRun.findUniqueOrThrow({ where: { id: runId } });
}

/** A run and its email deliveries made by hand, in the state a test needs. */
async function handMadeRun(options: { status: "PLANNING" | "PLANNED"; openEmails: number }) {
  const { rows: [run] } = await suite.lib.sql.query<{ id: number }>(
    `INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status) VALUES ($1, '2026-06-01', 'REPLAY', '{}', $2::"RunStatus") RETURNING id`,
    [`test:${crypto.randomUUID()}`, options.status]);
  const p = await addPatron(suite.lib.sql);
  const { rows } = await suite.lib.sql.query<{ id: number }>(
    `INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address, status, "noticeIds", "updatedAt")
     SELECT $1, $2, 'SELF', 'self', 'Pat', 'EMAIL', 'x' || g || '@example.net', 'SENDING', '{}', now() FROM generate_series(1, $3) g RETURNING id`,
    [run.id, p.id, options.openEmails]);
  return { runId: run.id, deliveryIds: rows.map((r) => r.id) };
}

/** Ends a delivery in its own connection and commits, as a send's outcome does. */
async function endDelivery(deliveryId: number) {
  const client = new pg.Client({ connectionString: suite.lib.url });
  await client.connect();
  await client.query(`UPDATE "Delivery" SET status = 'SENT', "updatedAt" = now() WHERE id = $1`, [deliveryId]);
  await client.end();
}

describe("a run is done when its email has ended", () => {
  it("is marked exactly once when its last sends finish together", async () => {
    const sql = sqlPool(suite.lib.db);
    for (let round = 0; round < 10; round++) {
      const { runId, deliveryIds } = await handMadeRun({ status: "PLANNED", openEmails: 4 });
      // Four sends end at once; each then asks, as the sender does, whether it finished the run.
      const marks = await Promise.all(deliveryIds.map(async (id) => {
        await endDelivery(id);
        return markRunSendingFinished(sql, runId);
      }));
      expect(marks.filter(Boolean)).toHaveLength(1);
      expect((await runRow(runId)).sendingFinishedAt).not.toBeNull();
      // Asked again (a retried job, the sweep): nothing more.
      expect(await markRunSendingFinished(sql, runId)).toBe(false);
      expect(await markFinishedRuns(sql)).not.toContain(runId);
    }
  });

  it("is marked by the planner or the last send, once, when they finish together", async () => {
    const sql = sqlPool(suite.lib.db);
    for (let round = 0; round < 10; round++) {
      const { runId, deliveryIds: [last] } = await handMadeRun({ status: "PLANNING", openEmails: 1 });
      const [byPlanner, bySend] = await Promise.all([
        recordPlanned(sql, runId, { notices: 1, deliveries: 1 }),
        endDelivery(last).then(() => markRunSendingFinished(sql, runId)),
      ]);
      expect([byPlanner, bySend].filter(Boolean)).toHaveLength(1);
      expect(await runRow(runId)).toMatchObject({ status: "PLANNED", noticesPlanned: 1 });
      expect((await runRow(runId)).sendingFinishedAt).not.toBeNull();
    }
  });

  it("is not done while a send is open, and the sweep marks a run whose email ended without a send's mark", async () => {
    const sql = sqlPool(suite.lib.db);
    const { runId, deliveryIds } = await handMadeRun({ status: "PLANNED", openEmails: 2 });
    await endDelivery(deliveryIds[0]);
    expect(await markRunSendingFinished(sql, runId)).toBe(false);
    expect(await markFinishedRuns(sql)).not.toContain(runId);
    // Settled outside a send (the sweep's UNKNOWN, a staff action): nobody marks it but the sweep.
    await suite.lib.sql.query(`UPDATE "Delivery" SET status = 'UNKNOWN' WHERE id = $1`, [deliveryIds[1]]);
    expect(await markFinishedRuns(sql)).toContain(runId);
    expect((await runRow(runId)).sendingFinishedAt).not.toBeNull();
  });

  it("runs a replay asked for twice once, plans it in the worker, sends it and marks it done", async () => {
    const date = "2026-05-04";
    const patrons = [];
    for (let i = 0; i < 5; i++) {
      const p = await addPatron(suite.lib.sql);
      await addLoan(suite.lib.sql, p.id, "2026-05-05");
      patrons.push(p);
    }
    await enableScenarios();
    const scenario = await suite.lib.db.scenario.findUniqueOrThrow({ where: { code: "pre-overdue" } });
    const input = { mode: "replay" as const, date, scenarioIds: [scenario.id], requestKey: crypto.randomUUID() };
    const who = await staff();
    const [a, b] = await Promise.all([1, 2].map(() => requestRun(suite.lib.db, input, { staff: who, queue: noticesQueue() })));
    expect(a.runId).toBe(b.runId);
    expect([a.isNew, b.isNew].sort()).toEqual([false, true]);
    const audit = await suite.lib.db.auditLog.findMany({ where: { entity: "notice-run", entityId: String(a.runId) } });
    expect(audit.map((r) => [r.action, r.actorId])).toEqual([["notices.replay", who.id]]);

    const done = await waitFor(async () => (await runRow(a.runId)).sendingFinishedAt && runRow(a.runId), 60_000, "run done");
    expect(done).toMatchObject({ status: "PLANNED", trigger: "REPLAY", requestedBy: `staff:${who.id}`, deliveriesPlanned: 5 });
    expect(done.planBatchesDone).toBe(done.planBatches);
    expect(done.planBatches).toBeGreaterThan(0);
    for (const p of patrons) expect(suite.catcher.messages.filter((m) => m.to.includes(p.email!))).toHaveLength(1);
    const view = (await getRunProgressView(sqlPool(suite.lib.db), a.runId, "Europe/London"))!;
    expect(view).toMatchObject({ phase: "done", percent: 100, byStatus: { SENT: 5 }, byChannel: { EMAIL: 5 }, waiting: { print: 0, sms: 0 } });
    // A replay of a date not yet come, or of a scenario that is not enabled, is refused naming the field.
    await expect(requestRun(suite.lib.db, { ...input, date: "2999-01-01", requestKey: crypto.randomUUID() }, { staff: who, queue: noticesQueue() }))
      .rejects.toMatchObject({ fieldErrors: { date: [expect.stringContaining("or earlier")] } });
    await expect(requestRun(suite.lib.db, { ...input, scenarioIds: [999999], requestKey: crypto.randomUUID() }, { staff: who, queue: noticesQueue() }))
      .rejects.toMatchObject({ fieldErrors: { scenarioIds: [expect.stringContaining("999999")] } });
  });

  it("is done when planned if it has only print deliveries, and says how many wait for the print form", async () => {
    for (let i = 0; i < 3; i++) {
      const p = await addPatron(suite.lib.sql, { email: null });
      await addLoan(suite.lib.sql, p.id, "2026-04-07");
    }
    await enableScenarios();
    const scenario = await suite.lib.db.scenario.findUniqueOrThrow({ where: { code: "pre-overdue" } });
    const run = await requestRun(suite.lib.db, { mode: "replay", date: "2026-04-06", scenarioIds: [scenario.id], requestKey: crypto.randomUUID() },
      { staff: await staff(), queue: noticesQueue() });
    const done = await waitFor(async () => (await runRow(run.runId)).status === "PLANNED" && runRow(run.runId), 60_000, "run planned");
    expect(done.sendingFinishedAt).not.toBeNull();
    const deliveries = await suite.lib.db.delivery.findMany({ where: { runId: run.runId } });
    expect(deliveries.map((d) => [d.channel, d.status])).toEqual(Array(3).fill(["PRINT", "PLANNED"]));
    const view = (await getRunProgressView(sqlPool(suite.lib.db), run.runId, "Europe/London"))!;
    expect(view).toMatchObject({ phase: "done", text: "Done: nothing to send by email", waiting: { print: 3, sms: 0 } });
  });

  it("counts a run's notices by scenario and level exactly as the ledger holds them", async () => {
    // Loans overdue by different spans on the run date, so several scenarios and levels record notices.
    const date = "2026-03-02";
    for (const due of ["2026-03-03", "2026-02-28", "2026-02-20", "2026-02-09", "2026-01-20", "2026-01-01"]) {
      for (let i = 0; i < 2; i++) {
        const p = await addPatron(suite.lib.sql, { email: i === 0 ? undefined : null });
        await addLoan(suite.lib.sql, p.id, due);
        await addLoan(suite.lib.sql, p.id, due);
      }
    }
    await enableScenarios();
    const run = await requestRun(suite.lib.db, { mode: "replay", date, requestKey: crypto.randomUUID() }, { staff: await staff(), queue: noticesQueue() });
    await waitFor(async () => (await runRow(run.runId)).status === "PLANNED", 60_000, "run planned");
    const { rows: ledger } = await suite.lib.sql.query<{ scenarioId: number; level: number; notices: number }>(
      `SELECT "scenarioId", level, sum(n)::int AS notices FROM (
         SELECT "scenarioId", level, count(*) AS n FROM "Notice" WHERE "runId" = $1 GROUP BY 1, 2
         UNION ALL SELECT "scenarioId", level, sum(cardinality("listedIds")) FROM "EveryRunNotice" WHERE "runId" = $1 GROUP BY 1, 2) x
       GROUP BY 1, 2 ORDER BY 1, 2`, [run.runId]);
    const counts = await suite.lib.db.runCount.findMany({ where: { runId: run.runId }, orderBy: [{ scenarioId: "asc" }, { level: "asc" }] });
    expect(counts.map(({ scenarioId, level, notices }) => ({ scenarioId, level, notices }))).toEqual(ledger);
    expect(new Set(ledger.map((r) => r.scenarioId)).size).toBeGreaterThan(1);
    expect(ledger.reduce((a, r) => a + r.notices, 0)).toBe((await runRow(run.runId)).noticesPlanned);
  });
});
