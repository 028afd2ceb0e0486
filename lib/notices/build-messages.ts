import { KINDS } from "./kinds";
import type { CandidateRow } from "./candidates";
import type { Message, NoticeDraft, ScenarioConfig } from "./plan-types";
import { escalate, type EscalationLevel } from "./rules/escalation";
import { LEVELLED_KINDS, isDue, metricFor } from "./rules/evaluate";

export type BuildContext = { runDate: string; isFrequencyDay: boolean; closedDays?: ReadonlySet<string> };

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
  const dueCtx = { ...evalCtx, isFrequencyDay: ctx.isFrequencyDay, periodDays: first.periodDays, catchUpDays: scenario.catchUpDays };
  const levels: EscalationLevel[] = scenario.levels.map((l) => ({
    level: l.level,
    threshold: scenario.kind === "LF" ? (l.amount ?? Number.POSITIVE_INFINITY) : l.periodDays,
  }));
  const draft = (r: CandidateRow, level: number, metric: number, role: NoticeDraft["role"]): NoticeDraft => ({
    scenarioId: scenario.id,
    kind: scenario.kind,
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
      const listedNoticeIds: number[] = [];
      for (const loanId of result.listedLoanIds) {
        const recorded = patronRows[indexOf(loanId)].recordedNoticeId;
        if (recorded !== null && !notices.some((n) => n.subjectId === loanId)) listedNoticeIds.push(recorded);
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
