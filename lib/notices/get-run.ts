// The run page's loader: the run in staff's words, its notices by scenario and level (RunCount, written by the
// planner: the ledger is never counted here), and its progress.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { formatDateTime, localDate } from "@/lib/time/library-date";
import { getRunProgressView } from "./run-progress";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

/** Who or what started a run, in plain words. */
export function describeTrigger(run: { trigger: string; requestedBy: string | null; runDate: string; startedOn: string }, staffName?: string | null): string {
  if (run.trigger === "SCHEDULED") return "Scheduled";
  if (run.trigger === "EVENT") return "Reservation changes (checked every minute)";
  const who = staffName ?? (run.requestedBy === "cli" ? "the command line" : /^api:/.test(run.requestedBy ?? "") ? "the API" : run.requestedBy?.startsWith("staff:") ? "a staff account since removed" : null);
  const what = run.runDate === run.startedOn ? "Run now" : "Replay";
  return who ? `${what} by ${who}` : what;
}

export async function getRun(db: PrismaClient, runId: number) {
  const run = await db.noticeRun.findUnique({ where: { id: runId } });
  if (!run) return null;
  const timeZone = await libraryTimeZone(db);
  const staffId = /^staff:(\d+)$/.exec(run.requestedBy ?? "")?.[1];
  const [staff, counts, progress] = await Promise.all([
    staffId ? db.staffUser.findUnique({ where: { id: Number(staffId) }, select: { name: true } }) : null,
    db.runCount.findMany({ where: { runId }, orderBy: [{ scenarioId: "asc" }, { level: "asc" }] }),
    getRunProgressView(sqlPool(db), runId, timeZone),
  ]);
  const scenarios = await db.scenario.findMany({
    where: { id: { in: [...new Set([...run.scenarioIds, ...counts.map((c) => c.scenarioId)])] } },
    select: { id: true, name: true, code: true },
  });
  const runDate = run.runDate.toISOString().slice(0, 10);
  const name = (id: number) => scenarios.find((s) => s.id === id)?.name ?? `Scenario #${id}`;
  return {
    id: run.id,
    runDate,
    status: run.status,
    error: run.error,
    timeZone,
    trigger: describeTrigger({ ...run, runDate, startedOn: localDate(timeZone, run.startedAt) }, staff?.name),
    startedAt: formatDateTime(run.startedAt, timeZone),
    scenarioNames: run.scenarioIds.map(name),
    noticesPlanned: run.noticesPlanned,
    byScenario: scenarioTotals(counts).map((s) => ({ ...s, name: name(s.scenarioId) })),
    byLevel: counts.map((c) => ({ scenarioId: c.scenarioId, name: name(c.scenarioId), level: c.level, notices: c.notices })),
    progress: progress!,
  };
}

function scenarioTotals(counts: { scenarioId: number; notices: number }[]) {
  const totals = new Map<number, number>();
  for (const c of counts) totals.set(c.scenarioId, (totals.get(c.scenarioId) ?? 0) + c.notices);
  return [...totals].map(([scenarioId, notices]) => ({ scenarioId, notices }));
}

export type RunPage = NonNullable<Awaited<ReturnType<typeof getRun>>>;
