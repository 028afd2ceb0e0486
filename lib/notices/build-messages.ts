import { groupBy } from "@/lib/group-by";
import { KINDS } from "./kinds";
import type { CandidateRow } from "./candidates";
import type { Message, NoticeDraft, ScenarioConfig } from "./plan-types";
import { escalate } from "./rules/escalation";
import { LEVELLED_KINDS, isDue, metricFor } from "./rules/evaluate";

export type BuildContext = { runDate: string; isFrequencyDay: boolean; closedDays?: ReadonlySet<string> };

/** scenario:level:subject id:occurrence, the Notice table's unique key as text (write-plan.ts returns the same).
 * Every-run kinds use the run date as the occurrence, so each run may send once. */
export function dedupeKey(scenario: ScenarioConfig, level: number, subjectId: number, occurrence: string, runDate: string) {
  return `${scenario.id}:${level}:${subjectId}:${KINDS[scenario.kind].repeat === "every-run" ? runDate : occurrence}`;
}

/** Applies the rules to one scenario's candidate rows: one message per patron with something due. */
export function buildMessages(scenario: ScenarioConfig, rows: CandidateRow[], ctx: BuildContext): Message[] {
  const messages: Message[] = [];
  const info = KINDS[scenario.kind];
  const facts = (r: CandidateRow) => ({
    occurrence: r.occurrence,
    refDate: r.ref_date,
    amount: r.amount === null ? null : Number(r.amount),
    hasPrevious: r.has_previous,
  });
  const evalCtx = { runDate: ctx.runDate, closedDays: ctx.closedDays };

  for (const [patronId, patronRows] of groupBy(rows, (r) => r.patron_id)) {
    if (LEVELLED_KINDS.has(scenario.kind)) {
      if (!ctx.isFrequencyDay) continue;
      const levels = scenario.levels.map((l) => ({
        level: l.level,
        threshold: scenario.kind === "LF" ? (l.amount ?? Number.POSITIVE_INFINITY) : l.periodDays,
      }));
      const metrics = new Map(patronRows.map((r) => [r.subject_id, metricFor(scenario.kind, facts(r), evalCtx)]));
      const result = escalate(
        patronRows.map((r) => ({ loanId: r.subject_id, value: metrics.get(r.subject_id)!, recordedLevel: r.recorded_level })),
        levels,
      );
      if (!result) continue;
      const rowOf = new Map(patronRows.map((r) => [r.subject_id, r]));
      const newIds = new Set(result.notices.map((n) => n.loanId));
      messages.push({
        scenario,
        level: scenario.levels.find((l) => l.level === result.messageLevel)!,
        patronId,
        notices: result.notices.map((n) => ({
          dedupeKey: dedupeKey(scenario, n.level, n.loanId, rowOf.get(n.loanId)!.occurrence, ctx.runDate),
          scenarioId: scenario.id,
          kind: scenario.kind,
          level: n.level,
          patronId,
          subject: info.subject,
          subjectId: n.loanId,
          occurrence: rowOf.get(n.loanId)!.occurrence,
          metric: metrics.get(n.loanId)!,
          role: n.role,
        })),
        listedNoticeIds: result.listedLoanIds
          .filter((id) => !newIds.has(id))
          .map((id) => rowOf.get(id)!.recorded_notice_id)
          .filter((id): id is number => id !== null),
      });
      continue;
    }
    const level = scenario.levels[0];
    const ctxFor = { ...evalCtx, isFrequencyDay: ctx.isFrequencyDay, periodDays: level.periodDays, catchUpDays: scenario.catchUpDays };
    const notices: NoticeDraft[] = patronRows
      .filter((r) => isDue(scenario.kind, facts(r), ctxFor))
      .map((r) => ({
        dedupeKey: dedupeKey(scenario, level.level, r.subject_id, r.occurrence, ctx.runDate),
        scenarioId: scenario.id,
        kind: scenario.kind,
        level: level.level,
        patronId,
        subject: info.subject,
        subjectId: r.subject_id,
        occurrence: info.repeat === "every-run" ? ctx.runDate : r.occurrence,
        metric: metricFor(scenario.kind, facts(r), evalCtx),
        role: "trigger" as const,
      }));
    if (notices.length) messages.push({ scenario, level, patronId, notices, listedNoticeIds: [] });
  }
  return messages;
}
