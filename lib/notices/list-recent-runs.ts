import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { formatDateTime, localDate } from "@/lib/time/library-date";
import { describeTrigger } from "./get-run";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const RUNS_PAGE_SIZE = 20;

/**
 * A page of runs, newest first (keyset on id: `before` is the last id of the page before), each with its state in
 * words and its deliveries that need a look (failed, outcome unknown). Never counts a run's deliveries whole: those
 * two statuses and the open email of unfinished runs are read through the (status, …) indexes.
 */
export async function listRecentRuns(db: PrismaClient, options: { before?: number; pageSize?: number } = {}) {
  const size = options.pageSize ?? RUNS_PAGE_SIZE;
  const rows = await db.noticeRun.findMany({
    where: options.before ? { id: { lt: options.before } } : undefined, orderBy: { id: "desc" }, take: size + 1,
  });
  const runs = rows.slice(0, size);
  const timeZone = await libraryTimeZone(db);
  const ids = runs.map((r) => r.id);
  const unfinished = runs.filter((r) => r.status === "PLANNED" && !r.sendingFinishedAt).map((r) => r.id);
  const staffIds = [...new Set(runs.map((r) => /^staff:(\d+)$/.exec(r.requestedBy ?? "")?.[1]).filter(Boolean).map(Number))];
  const sql = sqlPool(db);
  const [problems, open, staff] = await Promise.all([
    sql.query<{ runId: number; status: string; n: number }>(
      `SELECT "runId", status, count(*)::int AS n FROM "Delivery" WHERE status IN ('FAILED', 'UNKNOWN') AND "runId" = ANY($1::int[]) GROUP BY 1, 2`, [ids]),
    sql.query<{ runId: number; n: number }>(
      `SELECT "runId", count(*)::int AS n FROM "Delivery" WHERE status IN ('PLANNED', 'QUEUED', 'SENDING') AND channel = 'EMAIL'
       AND "runId" = ANY($1::int[]) GROUP BY 1`, [unfinished]),
    db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }),
  ]);
  const count = (runId: number, status: string) => problems.rows.find((p) => p.runId === runId && p.status === status)?.n ?? 0;
  return {
    timeZone,
    older: rows.length > size ? runs[runs.length - 1].id : undefined,
    runs: runs.map((run) => {
      const runDate = run.runDate.toISOString().slice(0, 10);
      const staffName = staff.find((s) => `staff:${s.id}` === run.requestedBy)?.name;
      const toGo = open.rows.find((o) => o.runId === run.id)?.n ?? 0;
      return {
        id: run.id,
        runDate,
        trigger: describeTrigger({ ...run, runDate, startedOn: localDate(timeZone, run.startedAt) }, staffName),
        startedAt: formatDateTime(run.startedAt, timeZone),
        state: run.status === "FAILED" ? "Planning failed"
          : run.status === "PLANNING" ? "Planning"
          : run.sendingFinishedAt ? "Done"
          // Every email has ended but the run is not marked yet (the sweep marks it within a minute).
          : toGo === 0 ? "Finishing" : `Sending (${toGo.toLocaleString("en-GB")} ${toGo === 1 ? "email" : "emails"} to go)`,
        isProblem: run.status === "FAILED",
        notices: run.noticesPlanned,
        deliveries: run.deliveriesPlanned,
        failed: count(run.id, "FAILED"),
        unknown: count(run.id, "UNKNOWN"),
      };
    }),
  };
}
