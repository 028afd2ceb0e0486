// How far a run has got, as the run page's bar shows it and its poll (every 2 s) reads it: planning by patron batch,
// then sending by email ended, then done (NoticeRun.sendingFinishedAt, lib/notices/mark-run-done.ts).
// One query: the run's row and its deliveries counted by status and channel through Delivery's (runId, id) index.
import type pg from "pg";
import { formatDateTime } from "@/lib/time/library-date";

export type RunPhase = "waiting" | "planning" | "sending" | "done" | "failed";

export type RunProgressView = {
  id: number;
  phase: RunPhase;
  percent: number;
  text: string;
  deliveries: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  // Print and SMS deliveries not yet done with: the run is done without them (nothing sends them yet).
  waiting: { print: number; sms: number };
  finishedAt: string | null;
  sendingFinishedAt: string | null;
};

const OPEN = new Set(["PLANNED", "QUEUED", "SENDING"]);
const n = (x: number) => x.toLocaleString("en-GB");

export async function getRunProgressView(sql: pg.Pool, runId: number, timeZone: string): Promise<RunProgressView | null> {
  const { rows: [run] } = await sql.query<{
    status: string; planBatches: number; planBatchesDone: number; finishedAt: Date | null; sendingFinishedAt: Date | null;
    counts: { status: string; channel: string; n: number }[];
  }>(
    `SELECT r.status, r."planBatches", r."planBatchesDone", r."finishedAt", r."sendingFinishedAt",
       (SELECT coalesce(json_agg(c), '[]') FROM (
          SELECT status, channel, count(*)::int AS n FROM "Delivery" WHERE "runId" = r.id GROUP BY 1, 2) c) AS counts
     FROM "NoticeRun" r WHERE r.id = $1`, [runId]);
  if (!run) return null;
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  let email = 0, emailEnded = 0, print = 0, sms = 0;
  for (const c of run.counts) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + c.n;
    byChannel[c.channel] = (byChannel[c.channel] ?? 0) + c.n;
    if (c.channel === "EMAIL") {
      email += c.n;
      if (!OPEN.has(c.status)) emailEnded += c.n;
    } else if (c.status === "PLANNED") {
      if (c.channel === "PRINT") print += c.n;
      else sms += c.n;
    }
  }
  const deliveries = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.floor((100 * a) / b));
  let phase: RunPhase;
  let percent: number;
  let text: string;
  if (run.status === "FAILED") {
    phase = "failed";
    percent = pct(run.planBatchesDone, run.planBatches);
    text = `Planning stopped after ${n(run.planBatchesDone)} of ${n(run.planBatches)} groups of patrons`;
  } else if (run.status === "PLANNING" && run.planBatches === 0) {
    [phase, percent, text] = ["waiting", 0, "Waiting for the worker to start planning"];
  } else if (run.status === "PLANNING") {
    phase = "planning";
    percent = pct(run.planBatchesDone, run.planBatches);
    text = `Planning: ${n(run.planBatchesDone)} of ${n(run.planBatches)} groups of patrons (${n(deliveries)} deliveries so far)`;
  } else if (!run.sendingFinishedAt) {
    phase = "sending";
    percent = pct(emailEnded, email);
    text = `Sending: ${n(emailEnded)} of ${n(email)} emails have an outcome`;
  } else {
    [phase, percent] = ["done", 100];
    text = email === 0 ? "Done: nothing to send by email" : `Done: all ${n(email)} emails have an outcome`;
  }
  const at = (d: Date | null) => (d ? formatDateTime(d, timeZone) : null);
  return {
    id: runId, phase, percent, text, deliveries, byStatus, byChannel, waiting: { print, sms },
    finishedAt: at(run.finishedAt), sendingFinishedAt: at(run.sendingFinishedAt),
  };
}
