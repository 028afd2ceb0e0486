// A loan's claim (claimed returned / never borrowed) and its resolution, as SQL shared by the circulation events and
// the loan upsert, so both agree on when a claim is new. The engine sends LCR / LCRNB while a claim is open
// ("statusResolvedAt" IS NULL) and LCRR / LCRNBR once staff resolve it and flag it for a notice ("resolvedClaim",
// "notifyResolution"), whatever becomes of the loan afterwards.
import { CLAIM_STATUSES } from "./schemas";

/** Whether the SQL status expression is a claim. */
export const isClaim = (status: string) => `${status} IN (${CLAIM_STATUSES.map((s) => `'${s}'`).join(", ")})`;

/**
 * SET clauses for a loan of "Loan" whose status changes: a new claim (`isNewClaim`, SQL) starts unresolved; any other
 * status keeps the resolution of an earlier claim, so its notice is still due (and passes the send-time re-check).
 */
export const resolutionKeptUnlessNewClaim = (isNewClaim: string) => `
  "statusResolvedAt" = CASE WHEN ${isNewClaim} THEN NULL ELSE "Loan"."statusResolvedAt" END,
  "resolvedClaim" = CASE WHEN ${isNewClaim} THEN NULL ELSE "Loan"."resolvedClaim" END,
  "notifyResolution" = CASE WHEN ${isNewClaim} THEN false ELSE "Loan"."notifyResolution" END`;
