// Plans a notice run: for a date and a set of scenarios, what is due, to whom and how, in batches of patrons.
// With dryRun nothing is written (the preview); otherwise each batch is recorded in one transaction and handed to
// onBatch (the worker enqueues its email deliveries). Safe to repeat: see write-plan.ts.
import type pg from "pg";
import { sqlPool } from "@/lib/db/client";
import { numberArray, textArray } from "@/lib/db/pg-array";
import { inTransaction } from "@/lib/db/transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RunTrigger } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { dateOnly } from "@/lib/time/library-date";
import { buildDeliveries } from "./build-deliveries";
import { buildMessages, needsPatronFacts } from "./build-messages";
import { candidateSql, type CandidateRow } from "./candidates";
import { loadRecipients } from "./load-recipients";
import { loadScenarios } from "./load-scenarios";
import { KINDS } from "./kinds";
import { analyzeLedgerMonths, ensureLedgerPartitions, monthStart } from "./ledger-partitions";
import { noticeKey, uniqueMessages, uniqueNotices, type DeliveryDraft, type NoticeDraft, type ScenarioConfig } from "./plan-types";
import { isScheduledOn } from "./rules/schedule";
import type { ClosedCalendar } from "./rules/day-count";
import { recordPlanned } from "./mark-run-done";
import { writePlan } from "./write-plan";

const PARALLEL_WRITES = 3;
// A run this large changes its month's statistics enough to mislead the planner (analyzeLedgerMonths); smaller ones wait for autovacuum.
const ANALYZE_AFTER_DELIVERIES = 10_000;
// Reminders sent before a date: never once it has passed.
const BEFORE_A_DATE: ReadonlySet<string> = new Set(["LM", "LW", "LRM", "RX"]);

export type PlanOptions = {
  runDate: string;
  scenarioIds?: number[];
  trigger: RunTrigger;
  // Scheduled runs: "scheduled:<date>:<HH:MM>", so a slot plans once; default: a fresh key per call.
  runKey?: string;
  dryRun?: boolean;
  // A dry run of configurations not saved yet (the scenario editor's "what would this change send?").
  scenarios?: ScenarioConfig[];
  // A dry run of some patrons only (ids from..to; the patron page's "what would this patron get on date X"): one batch,
  // the candidate queries' own patron range, so one patron takes milliseconds instead of a pass over the library.
  patrons?: { from: number; to: number };
  requestedBy?: string;
  batchPatrons?: number;
  // The library's date now, for a run of an earlier date (catch-up): a reminder before a date (LM, LW, LRM, RX) whose
  // date has passed since is not planned. Replays by staff leave it out and plan the date as it was.
  today?: string;
  onBatch?: (batch: { runId: number; emailDeliveryIds: number[] }) => Promise<void>;
};

export type PlanResult = {
  runId: number | null;
  notices: number;
  deliveries: number;
  emailDeliveries: number;
  preview: DeliveryDraft[];
  alreadyPlanned: boolean;
  // Planned with no email open at its end: marked done by the planner itself.
  isSendingFinished?: boolean;
};

async function closedDaysFor(sql: pg.Pool, countOpenDaysOnly: boolean): Promise<ClosedCalendar | undefined> {
  if (!countOpenDaysOnly) return undefined;
  // Each branch's calendar (a loan's days overdue skip its own branch's closed days), and the days every branch is
  // closed (for a loan that names no branch). A few thousand rows at most: a few dozen days a year per branch.
  const { rows } = await sql.query<{ branchId: number; d: string }>(
    `SELECT "branchId", to_char(date, 'YYYY-MM-DD') AS d FROM "BranchClosedDay" ORDER BY date`,
  );
  const { rows: [{ n: branches }] } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Branch"`);
  const byBranch = new Map<number, Set<string>>();
  const perDate = new Map<string, number>();
  for (const r of rows) {
    if (!byBranch.has(r.branchId)) byBranch.set(r.branchId, new Set());
    byBranch.get(r.branchId)!.add(r.d);
    perDate.set(r.d, (perDate.get(r.d) ?? 0) + 1);
  }
  const library = new Set([...perDate].filter(([, n]) => n === branches).map(([d]) => d));
  return { byBranch, library };
}

async function selectCandidates(sql: pg.Pool, s: ScenarioConfig, lo: number, hi: number, runDate: string, tz: string, sameKind: number[]) {
  const thresholds = s.levels.map((l) => (s.kind === "LF" ? (l.amount ?? 0) : l.periodDays));
  // Not a named (prepared) statement, although planning costs up to 4.5 ms a batch: a plan cached while the ledger is
  // small keeps probing it by sequential scan as this very run fills it (tried: a first night took 290 s, not 10).
  const { rows } = await sql.query<CandidateRow>(candidateSql(s.kind, { withPatronFacts: needsPatronFacts(s) }), [
    lo, hi, runDate, tz, s.excludeCategoryIds, s.excludeAcademicLevelIds, s.excludeLibraryGroupIds, s.id,
    Math.min(...thresholds), Math.max(...thresholds), s.catchUpDays, s.includeCategoryIds, sameKind,
  ]);
  return rows;
}

export async function planRun(db: PrismaClient, options: PlanOptions): Promise<PlanResult> {
  dateOnly(options.runDate); // validates
  const sql = sqlPool(db);
  const settings = await db.librarySettings.findUnique({ where: { id: 1 } });
  if (!settings) throw new AppError("UNAVAILABLE", "The library has no settings yet: run the seed or set it up first.");
  if (options.scenarios && !options.dryRun) throw new Error("planRun: unsaved scenarios can only be previewed (dryRun)");
  // A recorded run covers every patron: recording part of the library would let the rest miss the night.
  if (options.patrons && !options.dryRun) throw new Error("planRun: a range of patrons can only be previewed (dryRun)");
  const scenarios = options.scenarios ?? (await loadScenarios(db, options.scenarioIds));
  const closedDays = await closedDaysFor(sql, settings.countOpenDaysOnly);
  // Each scenario's ledger checks look across every scenario of its kind (candidates.ts, $13), saved or being previewed.
  const kinds = await db.scenario.findMany({ select: { id: true, kind: true } });
  const sameKind = (s: ScenarioConfig) => [...new Set([s.id, ...kinds.filter((k) => k.kind === s.kind).map((k) => k.id)])];
  const result: PlanResult = { runId: null, notices: 0, deliveries: 0, emailDeliveries: 0, preview: [], alreadyPlanned: false };

  if (!options.dryRun) {
    const key = options.runKey ?? `${options.trigger.toLowerCase()}:${options.runDate}:${crypto.randomUUID()}`;
    const existing = await db.noticeRun.findUnique({ where: { key } });
    if (existing?.status === "PLANNED") return { ...result, runId: existing.id, alreadyPlanned: true };
    // A run left PLANNING by a crash is planned again: notices it already recorded are skipped by their keys.
    const run = existing ?? await db.noticeRun.create({
      data: {
        key, runDate: dateOnly(options.runDate), trigger: options.trigger, requestedBy: options.requestedBy,
        scenarioIds: scenarios.map((s) => s.id),
      },
    });
    result.runId = run.id;
    // The months this run writes into: its date's (every-run notices) and this one's and the next (its deliveries, by
    // when they are written). Usually there already: the worker creates them ahead.
    const now = new Date().toISOString().slice(0, 10);
    await ensureLedgerPartitions(sql, options.runDate, options.runDate);
    await ensureLedgerPartitions(sql, now, monthStart(now, 1));
  }

  const bounds = options.patrons
    ? { _min: { id: options.patrons.from }, _max: { id: options.patrons.to } }
    : await db.patron.aggregate({ _min: { id: true }, _max: { id: true } });
  const step = options.batchPatrons ?? 5000;
  const firstId = bounds._min.id ?? 1;
  const batches = Math.max(0, Math.ceil(((bounds._max.id ?? 0) - firstId + 1) / step));
  // The run page's planning bar: batches to read, and one more counted as each is recorded (or found empty). A run
  // planned again after a crash starts its count again.
  const progress = result.runId === null ? undefined : {
    start: () => sql.query(`UPDATE "NoticeRun" SET "planBatches" = $2, "planBatchesDone" = 0 WHERE id = $1`, [result.runId, batches]),
    step: () => sql.query(`UPDATE "NoticeRun" SET "planBatchesDone" = "planBatchesDone" + 1 WHERE id = $1`, [result.runId]),
  };
  await progress?.start();
  // Batches being recorded while later ones are read and planned (each its own transaction; batches are disjoint
  // patron ranges, so they never touch the same notices or deliveries).
  const writing: Promise<void>[] = [];
  const settle = () => Promise.allSettled(writing).then((all) => {
    const failed = all.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
  });
  try {
    const last = bounds._max.id ?? 0;
    for (let lo = firstId; lo <= last; lo += step) {
      const hi = Math.min(lo + step - 1, last); // the last batch ends at the range's end (a patron range may be one patron)
      // The scenarios' queries for a batch run side by side (Postgres works on one core while this process reads).
      const perScenario = await Promise.all(
        scenarios.map(async (scenario) => {
          const isFrequencyDay = isScheduledOn(scenario, options.runDate);
          // Only the first overdue notice (O) goes out on days off the scenario's schedule.
          if (!isFrequencyDay && scenario.kind !== "O") return [];
          let rows = await selectCandidates(sql, scenario, lo, hi, options.runDate, settings.timeZone, sameKind(scenario));
          if (options.today && options.today > options.runDate && BEFORE_A_DATE.has(scenario.kind)) {
            rows = rows.filter((r) => r.occurrence >= options.today!);
          }
          return buildMessages(scenario, rows, { runDate: options.runDate, isFrequencyDay, closedDays });
        }),
      );
      const messages = perScenario.flat();
      if (messages.length === 0) {
        await progress?.step();
        continue;
      }
      const recipients = await loadRecipients(sql, [...new Set(messages.map((m) => m.patronId))]);
      const deliveries = buildDeliveries(messages, recipients);
      if (options.dryRun) {
        result.preview.push(...(await dropRecorded(sql, deliveries)));
        continue;
      }
      // Record this batch while the next ones are read and planned. Three batches may be written at once (Postgres'
      // inserts are the critical path; with two writers ~12% of the 2 benchmark cores stayed idle), so at most four
      // batches are in memory.
      while (writing.length >= PARALLEL_WRITES) await writing.shift();
      const write = (async () => {
        // A planning batch lost to a database crash is planned again (the run stays PLANNING): no need to wait for disk.
        const written = await inTransaction(sql, (tx) => writePlan(tx, result.runId!, deliveries), { asyncCommit: true });
        const emailIds = written.emailDeliveryIds;
        result.notices += written.notices;
        result.deliveries += written.deliveries;
        result.emailDeliveries += emailIds.length;
        if (emailIds.length) await options.onBatch?.({ runId: result.runId!, emailDeliveryIds: emailIds });
        await progress?.step();
      })();
      write.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
      writing.push(write);
    }
    await settle();
  } catch (err) {
    await Promise.allSettled(writing);
    if (result.runId) await db.noticeRun.update({ where: { id: result.runId }, data: { status: "FAILED", error: String(err) } });
    throw err;
  }
  if (options.dryRun) {
    result.notices = uniqueNotices(result.preview).length;
    result.deliveries = result.preview.length;
    result.emailDeliveries = result.preview.filter((d) => d.channel === "EMAIL").length;
  } else if (options.trigger === "EVENT" && result.notices === 0) {
    // The event run comes every minute and usually finds nothing: keep no empty run for it (nothing refers to it).
    await db.noticeRun.delete({ where: { id: result.runId! } });
    result.runId = null;
  } else {
    result.isSendingFinished = await recordPlanned(sql, result.runId!, { notices: result.notices, deliveries: result.deliveries });
    if (result.deliveries >= ANALYZE_AFTER_DELIVERIES) {
      await analyzeLedgerMonths(sql, { notices: options.runDate, deliveries: new Date().toISOString().slice(0, 10) });
    }
  }
  return result;
}

/** For the preview: leave out notices already recorded, as the real run would (an every-run notice by its patron). */
async function dropRecorded(sql: pg.Pool, deliveries: DeliveryDraft[]): Promise<DeliveryDraft[]> {
  const messages = uniqueMessages(deliveries);
  const drafts = messages.flatMap((m) => m.notices);
  const key = (n: NoticeDraft) => (KINDS[n.kind].repeat === "every-run" ? { ...n, subjectId: n.patronId } : n);
  const keys = drafts.map(key);
  const { rows } = await sql.query<{ k: string }>(
    `SELECT concat_ws(':', t.s, t.l, t.sid, to_char(t.occ, 'YYYY-MM-DD')) AS k
     FROM unnest($1::int[], $2::int[], $3::int[], $4::date[]) AS t(s, l, sid, occ)
     WHERE EXISTS (SELECT 1 FROM "Notice" n WHERE n."scenarioId" = t.s AND n."levelId" = t.l AND n."subjectId" = t.sid AND n.occurrence = t.occ)
       OR EXISTS (SELECT 1 FROM "EveryRunNotice" e WHERE e."scenarioId" = t.s AND e."levelId" = t.l AND e."patronId" = t.sid AND e.occurrence = t.occ)`,
    [numberArray(keys.map((n) => n.scenarioId)), numberArray(keys.map((n) => n.levelId)),
      numberArray(keys.map((n) => n.subjectId)), textArray(keys.map((n) => n.occurrence))],
  );
  const recorded = new Set(rows.map((r) => r.k));
  if (recorded.size === 0) return deliveries;
  // Each message once, still shared by its deliveries (a draft's identity is the object: see NoticeDraft).
  const remaining = new Map(messages.map((m) => [m, { ...m, notices: m.notices.filter((n) => !recorded.has(noticeKey(key(n)))) }]));
  return deliveries
    .map((d) => ({ ...d, messages: d.messages.map((m) => remaining.get(m)!).filter((m) => m.notices.length) }))
    .filter((d) => d.messages.length > 0);
}
