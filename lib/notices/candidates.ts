// The planner's SQL: for one scenario and one range of patron ids, the subjects that may be due. The range is stated on
// the subject table itself (Postgres does not carry a range across a join), so each query is an index range scan. Filters here are a
// coarse superset (calendar days, the smallest period); lib/notices/rules decides exactly. One query per scenario per
// batch, on the (patronId, status) indexes: never one query per loan.
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { CURRENT_LOAN_STATUSES, KINDS, NO_STATUS_LOAN_STATUSES, OVERDUE_LOAN_STATUSES } from "./kinds";

// Named as the rules' CandidateFacts (rules/evaluate.ts), so a row is passed to them as it is. Every query orders its
// rows by patron: buildMessages reads each patron's rows as one run.
export type CandidateRow = {
  patronId: number;
  subjectId: number; // loan, reservation, charge or patron id, by the kind's subject
  occurrence: string; // YYYY-MM-DD
  refDate: string | null;
  // float8: LF the fines accrued, I the charge's balance (compared with a level's amount), LRM the patron's own
  // reminder days. Never summed here.
  amount: number | null;
  recordedLevel: number; // levelled kinds: the highest level already recorded for this loan and due date
  recordedNoticeId: number | null;
  hasPrevious: boolean; // O: an overdue notice already listed this loan since its due date
  branchId?: number | null; // loan kinds: the loan's branch (its closed days, when counting open days only)
  // Levelled kinds whose levels exclude patrons (withPatronFacts): the patron's category, academic level and groups.
  categoryId?: number | null;
  academicLevelId?: number | null;
  groupIds?: number[] | null;
};

export type CandidateQuery = { sql: string; params: unknown[] };

// $1 lo, $2 hi (patron ids), $3 run date, $4 time zone, $5..$7 excluded categories / levels / groups,
// $8 scenario id, $9 min period (days or amount), $10 max period, $11 catch-up days (null: none),
// $12 the only categories the scenario is for (empty: all), $13 every scenario of this kind (the ledger is read across
// them: a patron who moves to another category's scenario of the same kind, or a scenario added beside an old one, is
// not told again what they were told; two enabled scenarios of a kind never reach the same category at once)
const EXCLUSIONS = `p.id BETWEEN $1 AND $2
  AND (cardinality($12::int[]) = 0 OR p."categoryId" = ANY($12::int[]))
  AND NOT (p."categoryId" = ANY($5::int[]))
  AND (p."academicLevelId" IS NULL OR NOT (p."academicLevelId" = ANY($6::int[])))
  AND NOT EXISTS (SELECT 1 FROM "PatronLibraryGroup" g WHERE g."patronId" = p.id AND g."groupId" = ANY($7::int[]))`;

// An instant's calendar date in the library's time zone (DOMAIN.md "Instants and dates"). The columns are timestamptz,
// so AT TIME ZONE gives the local wall-clock time there, whose date is the event's date.
const local = (col: string) => `(${col} AT TIME ZONE $4)::date`;
const R = "$3::date";
/** A SQL list of enum literals from a constant list (never from input). */
export const sqlList = (list: readonly string[]) => `(${list.map((s) => `'${s}'`).join(", ")})`;
const window = (dateExpr: string) =>
  `${dateExpr} <= ${R} - $9::int AND ($11::int IS NULL OR ${dateExpr} >= ${R} - $9::int - $11::int)`;

/** Once-only kinds without levels: leave out subjects whose notice for this occurrence is already in the ledger (most
 * of a night's reservation and pre-overdue candidates were notified on an earlier night). The insert's ON CONFLICT
 * still guards the key; this spares drafting and offering them, one index probe each. Every-run kinds: nothing. */
const unlessRecorded = (kind: NoticeKind, subjectId: string, occurrence: string) =>
  KINDS[kind].repeat === "once"
    ? `AND NOT EXISTS (SELECT 1 FROM "Notice" n WHERE n."scenarioId" = ANY($13::int[]) AND n."subjectId" = ${subjectId} AND n.occurrence = ${occurrence})`
    : "";

// The columns a kind without levels, amounts or previous notices leaves empty.
const NO_LEVEL = `0 AS "recordedLevel", NULL::int AS "recordedNoticeId"`;
const NO_EXTRAS = `NULL::float8 AS amount, ${NO_LEVEL}, false AS "hasPrevious"`;

function loanQuery(kind: NoticeKind, where: string, occurrence: string, extra = NO_EXTRAS) {
  return `SELECT l."patronId" AS "patronId", l.id AS "subjectId", to_char(${occurrence}, 'YYYY-MM-DD') AS occurrence,
      NULL::text AS "refDate", ${extra}, l."branchId" AS "branchId"
    FROM "Loan" l JOIN "Patron" p ON p.id = l."patronId"
    WHERE l."patronId" BETWEEN $1 AND $2 AND ${EXCLUSIONS} AND ${where} ${unlessRecorded(kind, "l.id", occurrence)}
    ORDER BY l."patronId", l.id`;
}

// The highest level already recorded for this loan's current due date, and that notice (listed in later messages). The
// ledger names levels by id: the level's current number counts (renumbered levels keep their meaning); a removed
// level counts at the number it had; a loan only listed below the first level (levelId 0) is at 0.
const RECORDED = `COALESCE(prev.level, 0) AS "recordedLevel", prev.id AS "recordedNoticeId", false AS "hasPrevious"`;
const PREV_JOIN = `LEFT JOIN LATERAL (SELECT COALESCE(sl.level, n.level) AS level, n.id FROM "Notice" n
    LEFT JOIN "ScenarioLevel" sl ON sl.id = n."levelId"
    WHERE n."scenarioId" = ANY($13::int[]) AND n."subjectId" = l.id AND n.occurrence = l."dueDate" ORDER BY 1 DESC, n.id DESC LIMIT 1) prev ON true`;
const PATRON_FACTS = `, p."categoryId" AS "categoryId", p."academicLevelId" AS "academicLevelId",
    ARRAY(SELECT g."groupId" FROM "PatronLibraryGroup" g WHERE g."patronId" = p.id) AS "groupIds"`;

function levelledLoanQuery(amountSql: string | null, filter: string, withPatronFacts: boolean) {
  return `SELECT l."patronId" AS "patronId", l.id AS "subjectId", to_char(l."dueDate", 'YYYY-MM-DD') AS occurrence,
      NULL::text AS "refDate", ${amountSql ?? "NULL::float8"} AS amount, ${RECORDED}, l."branchId" AS "branchId" ${withPatronFacts ? PATRON_FACTS : ""}
    FROM "Loan" l JOIN "Patron" p ON p.id = l."patronId" ${PREV_JOIN}
    WHERE l."patronId" BETWEEN $1 AND $2 AND ${EXCLUSIONS} AND l.status IN ${sqlList(OVERDUE_LOAN_STATUSES)}
      AND l."dueDate" < ${R} AND ${filter}
    ORDER BY l."patronId", l.id`;
}

export const STATUS_KIND: Partial<Record<NoticeKind, { status: string; column: string }>> = {
  LL: { status: "LOST", column: `l."statusSetAt"` },
  LLO: { status: "LONG_OVERDUE", column: `l."statusSetAt"` },
  LLR: { status: "REPORTED_LOST", column: `l."statusSetAt"` },
  LR: { status: "RECALLED", column: `l."statusSetAt"` },
  LCR: { status: "CLAIMED_RETURNED", column: `l."statusSetAt"` },
  LCRNB: { status: "CLAIMED_NEVER_BORROWED", column: `l."statusSetAt"` },
};
// A claim still open: once staff resolve it, its claim notice is no longer due (the resolution notice is).
export const OPEN_CLAIM = `l."statusResolvedAt" IS NULL`;
// The resolution of a claim, flagged by staff for a notice: due once, whatever the loan's status becomes afterwards.
export const RESOLVED_KIND: Partial<Record<NoticeKind, { claim: string }>> = {
  LCRR: { claim: "CLAIMED_RETURNED" },
  LCRNBR: { claim: "CLAIMED_NEVER_BORROWED" },
};

export const RESERVATION_KIND: Partial<Record<NoticeKind, { status: string; column: string }>> = {
  V: { status: "READY_FOR_PICKUP", column: `r."readyAt"` },
  RU: { status: "EXPIRED_UNFULFILLED", column: `r."completedAt"` },
  RE: { status: "EXPIRED_UNCOLLECTED", column: `r."completedAt"` },
  RC: { status: "CANCELLED", column: `r."completedAt"` },
  RS: { status: "AUTO_CANCELLED", column: `r."completedAt"` },
};

function reservationQuery(kind: NoticeKind, where: string, occurrence: string) {
  return `SELECT r."patronId" AS "patronId", r.id AS "subjectId", to_char(${occurrence}, 'YYYY-MM-DD') AS occurrence,
      NULL::text AS "refDate", ${NO_EXTRAS}
    FROM "Reservation" r JOIN "Patron" p ON p.id = r."patronId"
    WHERE r."patronId" BETWEEN $1 AND $2 AND ${EXCLUSIONS} AND ${where} ${unlessRecorded(kind, "r.id", occurrence)}
    ORDER BY r."patronId", r.id`;
}

function patronQuery(kind: NoticeKind, where: string, occurrence: string) {
  return `SELECT p.id AS "patronId", p.id AS "subjectId", to_char(${occurrence}, 'YYYY-MM-DD') AS occurrence,
      NULL::text AS "refDate", ${NO_EXTRAS}
    FROM "Patron" p WHERE ${EXCLUSIONS} AND ${where} ${unlessRecorded(kind, "p.id", occurrence)}
    ORDER BY p.id`;
}

// Every query names all thirteen parameters once with their types, so Postgres can type the ones a kind does not use.
const PARAMS = `WITH _params AS (SELECT $1::int, $2::int, $3::date, $4::text, $5::int[], $6::int[], $7::int[], $8::int,
  $9::numeric, $10::numeric, $11::int, $12::int[], $13::int[]) `;

/** The candidate SQL for a kind. Parameters as listed above EXCLUSIONS. `withPatronFacts`: levelled kinds whose levels
 * exclude patrons also read each patron's category, academic level and groups. */
export function candidateSql(kind: NoticeKind, options: { withPatronFacts?: boolean } = {}): string {
  return PARAMS + kindSql(kind, options.withPatronFacts ?? false);
}

function kindSql(kind: NoticeKind, withPatronFacts: boolean): string {
  const statusKind = STATUS_KIND[kind];
  if (statusKind) {
    const occurrence = local(statusKind.column);
    const open = kind === "LCR" || kind === "LCRNB" ? `AND ${OPEN_CLAIM}` : "";
    return loanQuery(kind, `l.status = '${statusKind.status}' ${open} AND ${window(occurrence)}`, occurrence);
  }
  const resolvedKind = RESOLVED_KIND[kind];
  if (resolvedKind) {
    // Any loan status: read through Loan_resolved_claim_idx (patronId) WHERE "notifyResolution".
    const occurrence = local(`l."statusResolvedAt"`);
    return loanQuery(kind, `l."notifyResolution" AND l."resolvedClaim" = '${resolvedKind.claim}' AND ${window(occurrence)}`, occurrence);
  }
  const reservationKind = RESERVATION_KIND[kind];
  if (reservationKind) {
    const occurrence = local(reservationKind.column);
    const bound = KINDS[kind].isHistorical ? window(occurrence) : `${occurrence} <= ${R} - $9::int`;
    return reservationQuery(kind, `r.status = '${reservationKind.status}' AND ${reservationKind.column} IS NOT NULL AND ${bound}`, occurrence);
  }
  switch (kind) {
    case "LM":
    case "LW":
      return loanQuery(
        kind,
        `l.status = 'ON_LOAN' AND l."dueDate" BETWEEN ${R} AND ${R} + $10::int
         ${kind === "LW" ? `AND l."renewalsUsed" < l."renewalsAllowed"` : ""}`,
        `l."dueDate"`,
      );
    case "O":
      return loanQuery(
        kind,
        `l.status IN ${sqlList(OVERDUE_LOAN_STATUSES)} AND l."dueDate" <= ${R} - 1 - $9::int`,
        `l."dueDate"`,
        `NULL::float8 AS amount, ${NO_LEVEL},
         EXISTS (SELECT 1 FROM "EveryRunNotice" n WHERE n."scenarioId" = ANY($13::int[]) AND n."patronId" = l."patronId"
           AND n.occurrence > l."dueDate" AND l.id = ANY(n."listedIds")) AS "hasPrevious"`,
      );
    case "OE":
    case "OF":
      // Every overdue loan: the message lists them all, also those below the first level (DOMAIN.md).
      return levelledLoanQuery(null, "true", withPatronFacts);
    case "LF": {
      // Only loans overdue now (the levelled query's due-date bound): a loan renewed after its fines reached a level
      // is not overdue, and its fines are not a reason to write again.
      const fines = `(SELECT COALESCE(sum(c.amount), 0) FROM "Charge" c WHERE c."loanId" = l.id AND c.kind = 'OVERDUE_FINE')`;
      return levelledLoanQuery(`${fines}::float8`, `${fines} >= $9::numeric`, withPatronFacts);
    }
    case "CL":
    case "CLNS":
      return loanQuery(
        kind,
        `l.status IN ${sqlList(kind === "CL" ? CURRENT_LOAN_STATUSES : NO_STATUS_LOAN_STATUSES)}`,
        `l."dueDate"`,
      );
    case "LRM":
      // The patron's own reminder period (set at registration) instead of the level's.
      return loanQuery(
        kind,
        `l.status = 'ON_LOAN' AND p."reminderDays" IS NOT NULL AND l."dueDate" BETWEEN ${R} AND ${R} + p."reminderDays"`,
        `l."dueDate"`,
        `p."reminderDays"::float8 AS amount, ${NO_LEVEL}, false AS "hasPrevious"`,
      );
    case "RX":
      return reservationQuery(kind, `r.status = 'READY_FOR_PICKUP' AND r."pickupBy" BETWEEN ${R} AND ${R} + $10::int`, `r."pickupBy"`);
    case "I":
      return `SELECT c."patronId" AS "patronId", c.id AS "subjectId", to_char(${local(`c."createdAt"`)}, 'YYYY-MM-DD') AS occurrence,
          NULL::text AS "refDate", c.balance::float8 AS amount, ${NO_LEVEL}, false AS "hasPrevious"
        FROM "Charge" c JOIN "Patron" p ON p.id = c."patronId"
        WHERE c."patronId" BETWEEN $1 AND $2 AND ${EXCLUSIONS} AND c.balance > 0 AND ${local(`c."createdAt"`)} <= ${R} - $9::int
        ORDER BY c."patronId", c.id`;
    case "BX":
      return patronQuery(kind, window(`p."expiresOn"`), `p."expiresOn"`);
    case "BR": {
      // Days since registration while in the same category: a change of category starts the count again.
      const since = `GREATEST(p."registeredOn", ${local(`p."categorySetAt"`)})`;
      return patronQuery(kind, window(since), since);
    }
    case "IB":
      return patronQuery(kind, `p."lastActivityAt" IS NOT NULL AND ${window(local(`p."lastActivityAt"`))}`, local(`p."lastActivityAt"`));
    case "DB":
      return patronQuery(kind, `p.status = 'DEBARRED' AND ${window(local(`p."statusSetAt"`))}`, local(`p."statusSetAt"`));
    default:
      throw new Error(`no candidate query for ${kind}`);
  }
}
