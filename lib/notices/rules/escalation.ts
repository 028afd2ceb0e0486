// Highest escalation wins (Infiniti, DOMAIN.md): a patron gets one message, at the highest level any of their overdue
// loans has reached, listing their overdue loans. A message is triggered only when some loan newly reaches a level it
// had not reached before; every loan is then recorded at the level it has reached.

export type EscalationLevel = { level: number; threshold: number };
export type EscalationLoan = { loanId: number; value: number; recordedLevel: number };
export type EscalationNotice = { loanId: number; level: number; role: "trigger" | "covered" };
export type EscalationResult = { messageLevel: number; notices: EscalationNotice[]; listedLoanIds: number[] } | null;

/** The highest level whose threshold (days overdue, or amount for LF) `value` has reached; 0 for none. */
export function levelReached(value: number, levels: readonly EscalationLevel[]): number {
  let reached = 0;
  for (const l of levels) if (value >= l.threshold && l.level > reached) reached = l.level;
  return reached;
}

export function escalate(loans: readonly EscalationLoan[], levels: readonly EscalationLevel[]): EscalationResult {
  const reached = loans.map((loan) => ({ ...loan, reached: levelReached(loan.value, levels) }));
  const newly = reached.filter((l) => l.reached > l.recordedLevel);
  if (newly.length === 0) return null;
  const messageLevel = Math.max(...reached.map((l) => l.reached));
  return {
    messageLevel,
    // A loan newly at the message's level triggers it; one newly at a lower level is recorded as covered by it.
    notices: newly.map((l) => ({ loanId: l.loanId, level: l.reached, role: l.reached === messageLevel ? "trigger" : "covered" })),
    // Every loan given (the patron's overdue loans): the message lists them all, also those below the first level.
    listedLoanIds: reached.map((l) => l.loanId),
  };
}
