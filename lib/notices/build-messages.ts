import { KINDS } from "./kinds";
import type { CandidateRow } from "./candidates";
import type { LevelConfig, Message, NoticeDraft, ScenarioConfig } from "./plan-types";
import { escalate, type EscalationLevel } from "./rules/escalation";
import type { ClosedCalendar } from "./rules/day-count";
import { LEVELLED_KINDS, isDue, metricFor } from "./rules/evaluate";

export type BuildContext = { runDate: string; isFrequencyDay: boolean; closedDays?: ClosedCalendar };

/**
 * Applies the rules to one scenario's candidate rows: one message per patron with something due. The rows come
 * ordered by patron (candidates.ts), so each patron's rows are one run of the array: no map of patrons is built (this
 * loop sees a night's million candidates, and its allocations were a third of the planner's garbage collection).
 */
export function buildMessages(scenario: ScenarioConfig, rows: CandidateRow[], ctx: BuildContext): Message[] {
  const levelled = LEVELLED_KINDS.has(scenario.kind);
  if (levelled && !ctx.isFrequencyDay) return [];
  const { subject, repeat } = KINDS[scenario.kind];
  const evalCtx = { runDate: ctx.runDate, closedDays: ctx.closedDays };
  const first = scenario.levels[0];
  const dueCtx = {
    ...evalCtx, isFrequencyDay: ctx.isFrequencyDay, periodDays: first.periodDays, catchUpDays: scenario.catchUpDays,
    minAmount: scenario.kind === "I" ? first.amount : null,
  };
  const toEscalation = (l: LevelConfig): EscalationLevel => ({
    level: l.level,
    threshold: scenario.kind === "LF" ? (l.amount ?? Number.POSITIVE_INFINITY) : l.periodDays,
  });
  const allLevels = scenario.levels.map(toEscalation);
  const hasLevelExclusions = scenario.levels.some(hasExclusions);
  const levelOf = new Map(scenario.levels.map((l) => [l.level, l]));
  const draft = (r: CandidateRow, level: number, metric: number, role: NoticeDraft["role"]): NoticeDraft => ({
    scenarioId: scenario.id,
    kind: scenario.kind,
    levelId: level === 0 ? 0 : levelOf.get(level)!.id,
    level,
    patronId: r.patronId,
    subject,
    subjectId: r.subjectId,
    occurrence: repeat === "every-run" ? ctx.runDate : r.occurrence,
    metric,
    role,
  });

  const messages: Message[] = [];
  let start = 0;
  while (start < rows.length) {
    const patronId = rows[start].patronId;
    let end = start + 1;
    while (end < rows.length && rows[end].patronId === patronId) end++;
    if (end < rows.length && rows[end].patronId < patronId) throw new Error("candidate rows must be ordered by patron");
    const patronRows = rows.slice(start, end);
    start = end;

    if (levelled) {
      // Levels that exclude this patron (Infiniti: exclusions per escalation level) are not theirs to reach.
      const levels = hasLevelExclusions
        ? scenario.levels.filter((l) => !excludes(l, patronRows[0])).map(toEscalation)
        : allLevels;
      if (levels.length === 0) continue;
      const metrics = patronRows.map((r) => metricFor(scenario.kind, r, evalCtx));
      const result = escalate(
        patronRows.map((r, i) => ({ loanId: r.subjectId, value: metrics[i], recordedLevel: r.recordedLevel })),
        levels,
      );
      if (!result) continue;
      const indexOf = (loanId: number) => patronRows.findIndex((r) => r.subjectId === loanId);
      const notices = result.notices.map((n) => {
        const i = indexOf(n.loanId);
        return draft(patronRows[i], n.level, metrics[i], n.role);
      });
      // The message lists every overdue loan of the patron: those recorded earlier by their notice, and those below the
      // first level by a notice at level 0 (recorded once per loan and due date, then listed like the others).
      const listedNoticeIds: number[] = [];
      for (const loanId of result.listedLoanIds) {
        if (notices.some((n) => n.subjectId === loanId)) continue;
        const i = indexOf(loanId);
        const recorded = patronRows[i].recordedNoticeId;
        if (recorded !== null) listedNoticeIds.push(recorded);
        else notices.push(draft(patronRows[i], 0, metrics[i], "covered"));
      }
      messages.push({ scenario, level: scenario.levels.find((l) => l.level === result.messageLevel)!, patronId, notices, listedNoticeIds });
      continue;
    }
    const notices: NoticeDraft[] = [];
    for (const r of patronRows) {
      if (isDue(scenario.kind, r, dueCtx)) notices.push(draft(r, first.level, metricFor(scenario.kind, r, evalCtx), "trigger"));
    }
    if (notices.length) messages.push({ scenario, level: first, patronId, notices, listedNoticeIds: [] });
  }
  return messages;
}

function hasExclusions(l: LevelConfig): boolean {
  return l.excludeCategoryIds.length + l.excludeAcademicLevelIds.length + l.excludeLibraryGroupIds.length > 0;
}

/** Whether a level's exclusions leave out this patron (their facts come with each candidate row: withPatronFacts). */
export function excludes(l: LevelConfig, patron: Pick<CandidateRow, "categoryId" | "academicLevelId" | "groupIds">): boolean {
  if (patron.categoryId != null && l.excludeCategoryIds.includes(patron.categoryId)) return true;
  if (patron.academicLevelId != null && l.excludeAcademicLevelIds.includes(patron.academicLevelId)) return true;
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is not a group id is in no exclusion list
  return (patron.groupIds ?? []).some((g) => l.excludeLibraryGroupIds.includes(g));
}

/** Levelled scenarios with per-level exclusions need each patron's category, academic level and groups. */
export function needsPatronFacts(scenario: ScenarioConfig): boolean {
  return LEVELLED_KINDS.has(scenario.kind) && scenario.levels.some(hasExclusions);
}
