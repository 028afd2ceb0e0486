import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { sqlPool } from "@/lib/db/client";
import { logRunSummaryOnce } from "@/lib/notices/delivery-log";
import { getRunProgress, startReplay } from "@/lib/notices/start-replay";
import {
  SEND, clearPrefixes, createEngineLibrary, freshPrefix, startEngineWorker, startTestCatcher, waitFor,
} from "./engine-env";
import { addLoan, addPatron } from "./library-factory";

// Issue 18: the worker logs one line per delivery outcome and one summary per run, once across workers, with no
// patron names or addresses. Two real workers on one queue, a real SMTP server, pino writing into an array.
type Line = Record<string, unknown> & { msg: string };
const lines: Line[] = [];
const raw: string[] = [];
const capture = (worker: string) =>
  pino({ level: "info" }, { write: (s: string) => (raw.push(s), lines.push({ ...JSON.parse(s), worker })) });

let lib: Awaited<ReturnType<typeof createEngineLibrary>>;
let catcher: Awaited<ReturnType<typeof startTestCatcher>>;
let workers: Awaited<ReturnType<typeof startEngineWorker>>[];

beforeAll(async () => {
  lib = await createEngineLibrary("delivery_log");
  catcher = await startTestCatcher();
  const prefix = freshPrefix();
  workers = [
    await startEngineWorker(lib, catcher.port, prefix, { log: capture("a"), workerName: "a" }),
    await startEngineWorker(lib, catcher.port, prefix, { log: capture("b"), workerName: "b" }),
  ];
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await catcher.close();
  await lib.close();
  await clearPrefixes();
});

describe("worker logs", () => {
  it("log each delivery's outcome and the run's summary once, without names or addresses", async () => {
    const patrons = [];
    for (let i = 0; i < 8; i++) {
      const p = await addPatron(lib.sql);
      await addLoan(lib.sql, p.id, "2026-09-01");
      patrons.push(p);
    }
    const refused = patrons[0].email!;
    catcher.setRespond((stage, { to }) => (stage === "rcpt" && to.includes(refused) ? { code: 550, message: "5.1.1 No such mailbox" } : undefined));
    const queue = workers[0].queues.find((q) => q.name === "deliveries")!;
    const started = Date.now();
    const run = await startReplay(lib.db, { runDate: "2026-09-01", scenarioCodes: ["pre-overdue"], requestedBy: "test", queue, send: SEND });
    await waitFor(async () => (await getRunProgress(lib.db, run.runId))?.isEmailDone, 60_000, "run done");
    const summary = await waitFor(async () => lines.find((l) => l.msg === "run finished sending"), 10_000, "the run's summary");
    catcher.setRespond(undefined);

    const deliveries = await lib.db.delivery.findMany({ where: { runId: run.runId }, orderBy: { id: "asc" } });
    expect(deliveries).toHaveLength(8);
    const outcomes = lines.filter((l) => l.msg === "delivery outcome").sort((a, b) => Number(a.deliveryId) - Number(b.deliveryId));
    expect(outcomes.map((l) => [l.deliveryId, l.status, l.smtpCode])).toEqual(
      deliveries.map((d) => [d.id, d.status, d.smtpCode]),
    );
    const failed = deliveries.find((d) => d.address === refused)!;
    expect(outcomes.find((l) => l.deliveryId === failed.id)).toMatchObject({ status: "FAILED", smtpCode: 550, result: "failed" });
    for (const line of outcomes) {
      expect(line).toMatchObject({ level: 30, runId: run.runId, scenario: "pre-overdue", noticeLevel: 1, channel: "EMAIL", attempt: 1 });
      expect(typeof line.ms).toBe("number");
    }
    expect(outcomes.map((l) => [l.status, l.smtpCode]).sort()).toEqual([["FAILED", 550], ...Array(7).fill(["SENT", 250])]);

    // Once, though both workers sent (and either may have seen the run finish).
    expect(lines.filter((l) => l.msg === "run finished sending")).toHaveLength(1);
    expect(summary).toMatchObject({ runId: run.runId, trigger: "REPLAY", runDate: "2026-09-01", deliveries: 8, sent: 7, failed: 1, skipped: 0, unknown: 0 });
    // Wall time, so not known exactly: from the run's start to its summary, no more than the test has waited.
    expect(summary.seconds).toBeGreaterThanOrEqual(0);
    expect(summary.seconds).toBeLessThanOrEqual((Date.now() - started) / 1000);

    // No patron's name or address in any line the workers wrote.
    const all = raw.join("");
    for (const p of patrons) expect(all).not.toContain(p.email!);
    expect(all).not.toMatch(/Ron \d|Pat\b/);

    // The guard itself, as many workers seeing the same finished run at once would call it: one logs, the rest do
    // not; and the workers' own key (their queue's name) already holds this run.
    const quiet = pino({ level: "silent" });
    const guard = (keyPrefix: string) => logRunSummaryOnce({ sql: sqlPool(lib.db), log: quiet, keyPrefix }, run.runId);
    expect(await Promise.all([1, 2, 3, 4, 5].map(() => guard(queue.qualifiedName)))).toEqual([false, false, false, false, false]);
    const fresh = `${freshPrefix()}:deliveries`;
    expect((await Promise.all([1, 2, 3, 4, 5].map(() => guard(fresh)))).filter(Boolean)).toHaveLength(1);
  });
});
