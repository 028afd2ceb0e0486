import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "../kinds";
import { closedDaysAt, dayDiff, daysOverdue, type ClosedCalendar } from "./day-count";

// One candidate subject as the planner's SQL returns it: dates are local calendar dates (YYYY-MM-DD).
export type CandidateFacts = {
  // The date the notice is about: due date (loans), pickup-by (RX), expiry (BX), or the trigger event's date.
  occurrence: string;
  // The date the period counts from when it is not the occurrence (unused by most kinds).
  refDate?: string | null;
  amount?: number | null;
  // O only: whether this loan already had an overdue notice for this due date.
  hasPrevious?: boolean;
  // Loan kinds: the loan's branch, whose closed days do not count when the library counts open days only.
  branchId?: number | null;
};

export type EvalContext = {
  runDate: string;
  isFrequencyDay: boolean;
  periodDays: number;
  catchUpDays: number | null;
  closedDays?: ClosedCalendar;
  // I: the level's amount, when set: a charge is invoiced once its balance reaches it (Spydus: "The Amount only
  // applies to loan overdue (fines) notice types and invoices").
  minAmount?: number | null;
};

export const LEVELLED_KINDS: ReadonlySet<NoticeKind> = new Set(["OE", "OF", "LF"]);

/** Days overdue, days since, or days until: the number a level's period is compared with. */
export function metricFor(kind: NoticeKind, facts: CandidateFacts, ctx: Pick<EvalContext, "runDate" | "closedDays">): number {
  switch (kind) {
    case "LM":
    case "LW":
    case "LRM":
    case "RX":
      return dayDiff(ctx.runDate, facts.occurrence); // days until
    case "O":
    case "OE":
    case "OF":
      return daysOverdue(ctx.runDate, facts.occurrence, closedDaysAt(ctx.closedDays, facts.branchId));
    case "LF":
      return facts.amount ?? 0;
    case "CL":
    case "CLNS":
      return 0;
    default:
      return dayDiff(facts.refDate ?? facts.occurrence, ctx.runDate); // days since (BX: after expiry)
  }
}

/** Whether a single-level notice of `kind` is due for this candidate on the run date. Levelled kinds: see escalation. */
export function isDue(kind: NoticeKind, facts: CandidateFacts, ctx: EvalContext): boolean {
  const metric = metricFor(kind, facts, ctx);
  switch (kind) {
    case "LM":
    case "LW":
    case "RX":
      // N days before, caught up on a later run if one was missed, but never once the date has passed.
      return ctx.isFrequencyDay && metric >= 0 && metric <= ctx.periodDays;
    case "LRM":
      // The same, with the patron's own period (carried as the candidate's amount) instead of the level's.
      return ctx.isFrequencyDay && facts.amount !== null && facts.amount !== undefined && metric >= 0 && metric <= facts.amount;
    case "O":
      // The first overdue notice goes on the first run after the period; repeats follow the schedule.
      return metric >= ctx.periodDays && (ctx.isFrequencyDay || !facts.hasPrevious);
    case "CL":
    case "CLNS":
      return ctx.isFrequencyDay;
    default: {
      if (!ctx.isFrequencyDay || metric < ctx.periodDays) return false;
      if (kind === "I" && ctx.minAmount != null && (facts.amount ?? 0) < ctx.minAmount) return false;
      const windowed = KINDS[kind].isHistorical && ctx.catchUpDays !== null;
      return !windowed || metric <= ctx.periodDays + (ctx.catchUpDays ?? 0);
    }
  }
}
