// Circulation events (POST /api/v1/events): what happened at the desk, applied in order in one transaction. A
// reservation made ready or cancelled here is noticed by the worker's event run within a minute (the V and RC
// scenarios); returns, renewals and payments make the send-time re-check skip notices whose reason has gone. Checkouts,
// returns and renewals are also the patron's last activity (IB).
import type pg from "pg";
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { sqlPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { isClaim, resolutionKeptUnlessNewClaim } from "./claims";
import { EventBatch, type EventRow } from "./schemas";
import type { ApiCaller } from "./tokens";

type Event = z.infer<typeof EventRow>;
const AT = (i: number) => `COALESCE($${i}::timestamptz, now())`;

/**
 * A loan statement ending in RETURNING "patronId", whose instant `at` (SQL) is also the patron's latest activity (IB
 * counts days since it): one statement, and the activity never moves back (an older event sent late). Its row count
 * is the loan statement's (a loan has one patron).
 */
const withActivity = (loanSql: string, at: string) => `WITH l AS (${loanSql})
  UPDATE "Patron" p SET "lastActivityAt" = GREATEST(p."lastActivityAt", ${at}) FROM l WHERE p.id = l."patronId"`;

async function applyEvent(tx: pg.ClientBase, e: Event): Promise<string | null> {
  const one = async (sql: string, params: unknown[]) => (await tx.query(sql, params)).rowCount === 1;
  switch (e.type) {
    case "checkout": {
      const { rows } = await tx.query<{ patron: number | null; item: number | null; branch: number | null }>(
        `SELECT (SELECT id FROM "Patron" WHERE "cardNumber" = $1) AS patron, (SELECT id FROM "Item" WHERE barcode = $2) AS item,
           (SELECT id FROM "Branch" WHERE code = $3) AS branch`, [e.cardNumber, e.barcode, e.branch ?? null]);
      if (rows[0].patron === null) return `cardNumber: unknown patron card "${e.cardNumber}"`;
      if (rows[0].item === null) return `barcode: unknown item barcode "${e.barcode}"`;
      if (e.branch && rows[0].branch === null) return `branch: unknown branch "${e.branch}"`;
      const inserted = await one(withActivity(
        `INSERT INTO "Loan" ("externalId", "patronId", "itemId", "branchId", "loanedAt", "dueDate", status, "statusSetAt")
         VALUES ($1, $2, $3, $4, ${AT(5)}, $6::date, 'ON_LOAN', ${AT(5)}) ON CONFLICT ("externalId") DO NOTHING RETURNING "patronId"`,
        AT(5)), [e.loanExternalId, rows[0].patron, rows[0].item, rows[0].branch, e.at, e.dueDate]);
      if (inserted) return null;
      // The same checkout sent twice is fine; a different one under the same id is not.
      const same = await one(`SELECT 1 FROM "Loan" WHERE "externalId" = $1 AND "patronId" = $2 AND "itemId" = $3`, [e.loanExternalId, rows[0].patron, rows[0].item]);
      return same ? null : `loanExternalId: "${e.loanExternalId}" is already another loan`;
    }
    case "return":
      return (await one(withActivity(`UPDATE "Loan" SET status = 'RETURNED', "returnedAt" = ${AT(2)}, "statusSetAt" = ${AT(2)}
        WHERE "externalId" = $1 RETURNING "patronId"`, AT(2)), [e.loanExternalId, e.at])) ? null : `loanExternalId: unknown loan "${e.loanExternalId}"`;
    case "renew": {
      // A due date before the loan was made (a renewal "to 1900") is a mistake, as in a loan row (dueDate before loanedAt).
      const renewed = await one(withActivity(`UPDATE "Loan" SET "dueDate" = $2::date, "renewalsUsed" = "renewalsUsed" + 1
        WHERE "externalId" = $1 AND status IN ('ON_LOAN', 'RECALLED', 'LONG_OVERDUE')
          AND $2::date >= ("loanedAt" AT TIME ZONE 'UTC')::date RETURNING "patronId"`, AT(3)),
        [e.loanExternalId, e.dueDate, e.at]);
      if (renewed) return null;
      const { rows } = await tx.query<{ onLoan: boolean; loaned: string }>(`SELECT status IN ('ON_LOAN', 'RECALLED', 'LONG_OVERDUE') AS "onLoan",
        to_char("loanedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS loaned FROM "Loan" WHERE "externalId" = $1`, [e.loanExternalId]);
      if (!rows[0]) return `loanExternalId: unknown loan "${e.loanExternalId}"`;
      return rows[0].onLoan ? `dueDate: before the loan was made (${rows[0].loaned})` : `loanExternalId: loan "${e.loanExternalId}" is not on loan`;
    }
    case "loan-status":
      // The same status again (a retried request) changes nothing: its date is the date of its notices (LL, LCR...),
      // and a claim already resolved stays resolved.
      return (await one(`UPDATE "Loan" SET status = $2::"LoanStatus",
          "statusSetAt" = CASE WHEN status = $2::"LoanStatus" THEN "statusSetAt" ELSE ${AT(3)} END,
          ${resolutionKeptUnlessNewClaim(`${isClaim(`$2::"LoanStatus"`)} AND status <> $2::"LoanStatus"`)}
        WHERE "externalId" = $1 AND status <> 'RETURNED'`, [e.loanExternalId, e.status, e.at]))
        ? null : `loanExternalId: unknown or returned loan "${e.loanExternalId}"`;
    case "loan-status-resolved":
      // The claim being resolved is the loan's status now. Resolving the same claim again (a retried request, also after
      // the loan moved on to the status it asked for) changes only the flag: its instant, the date of its notice, and
      // the loan's new status and dates stay the first.
      return (await one(`UPDATE "Loan" SET "resolvedClaim" = CASE WHEN ${isClaim("status")} THEN status ELSE "resolvedClaim" END,
          "notifyResolution" = $3::boolean,
          "statusResolvedAt" = COALESCE("statusResolvedAt", ${AT(2)}),
          status = COALESCE($4::"LoanStatus", status),
          "statusSetAt" = CASE WHEN $4::"LoanStatus" IS NULL OR status = $4::"LoanStatus" THEN "statusSetAt" ELSE ${AT(2)} END,
          "returnedAt" = CASE WHEN $4::"LoanStatus" IS NULL OR status = $4::"LoanStatus" THEN "returnedAt"
            WHEN $4::"LoanStatus" = 'RETURNED' THEN ${AT(2)} END
        WHERE "externalId" = $1 AND (${isClaim("status")}
          OR ("resolvedClaim" IS NOT NULL AND "statusResolvedAt" IS NOT NULL AND status = $4::"LoanStatus"))`,
        [e.loanExternalId, e.at, e.notify, e.status]))
        ? null : `loanExternalId: no claimed-returned or claimed-never-borrowed loan "${e.loanExternalId}"`;
    case "reservation-ready": {
      let itemId: number | null = null;
      if (e.barcode) {
        const { rows } = await tx.query<{ id: number }>(`SELECT id FROM "Item" WHERE barcode = $1`, [e.barcode]);
        if (!rows[0]) return `barcode: unknown item barcode "${e.barcode}"`;
        itemId = rows[0].id;
      }
      return (await one(`UPDATE "Reservation" SET status = 'READY_FOR_PICKUP', "readyAt" = ${AT(2)}, "pickupBy" = $3::date,
          "itemId" = COALESCE($4, "itemId"), "completedAt" = NULL
        WHERE "externalId" = $1`, [e.reservationExternalId, e.at, e.pickupBy, itemId]))
        ? null : `reservationExternalId: unknown reservation "${e.reservationExternalId}"`;
    }
    case "reservation-finished":
      return (await one(`UPDATE "Reservation" SET status = $2::"ReservationStatus", "completedAt" = ${AT(3)}
        WHERE "externalId" = $1`, [e.reservationExternalId, e.status, e.at]))
        ? null : `reservationExternalId: unknown reservation "${e.reservationExternalId}"`;
    case "charge-paid": {
      // A payment above what is owed is refused, not taken as "paid in full" (a typo of 999999 would hide it).
      if (await one(`UPDATE "Charge" SET balance = balance - COALESCE($2::numeric, balance),
          "paidAt" = CASE WHEN balance - COALESCE($2::numeric, balance) <= 0 THEN ${AT(3)} ELSE "paidAt" END
        WHERE "externalId" = $1 AND ($2::numeric IS NULL OR $2::numeric <= balance)`, [e.chargeExternalId, e.amount ?? null, e.at])) return null;
      const { rows } = await tx.query<{ balance: number }>(`SELECT balance::float8 AS balance FROM "Charge" WHERE "externalId" = $1`, [e.chargeExternalId]);
      return rows[0] ? `amount: more than the balance (${rows[0].balance})` : `chargeExternalId: unknown charge "${e.chargeExternalId}"`;
    }
  }
}

/**
 * The same loan checked out twice in one batch: the second was taken as a retry of the first ("applied 2", one loan),
 * hiding a mistake. Refused before anything is applied, naming both, like a key twice in a batch upsert. A checkout,
 * renewal and return of one loan in one batch is what happened at the desk, and fine.
 */
function refuseDuplicateCheckouts(items: Event[]) {
  const first = new Map<string, number>();
  const problems: Record<string, string[]> = {};
  items.forEach((e, i) => {
    if (e.type !== "checkout") return;
    const earlier = first.get(e.loanExternalId);
    if (earlier === undefined) first.set(e.loanExternalId, i);
    else problems[`items[${i}].loanExternalId`] = [`"${e.loanExternalId}" is also checked out in items[${earlier}]`];
  });
  const fields = Object.keys(problems);
  if (fields.length) throw new AppError("INVALID", `The same loan checked out twice, none applied: ${fields.slice(0, 5).map((f) => `${f}: ${problems[f][0]}`).join("; ")}`, problems);
}

/** Applies the events in order; any event refused (unknown record, wrong state) rolls back all of them. */
export async function applyEvents(db: PrismaClient, body: unknown, caller: Pick<ApiCaller, "tokenId">) {
  const { items } = parseOrThrow(EventBatch, body);
  refuseDuplicateCheckouts(items);
  return inTransaction(sqlPool(db), async (tx) => {
    const problems: Record<string, string[]> = {};
    for (const [i, event] of items.entries()) {
      const problem = await applyEvent(tx, event);
      if (problem) {
        const [field, ...reason] = problem.split(": ");
        problems[`items[${i}].${field}`] = [reason.join(": ")];
      }
    }
    const fields = Object.keys(problems);
    if (fields.length) {
      throw new AppError("INVALID", `${fields.length} event${fields.length === 1 ? "" : "s"} refused, none applied: ${fields.slice(0, 5).map((f) => `${f}: ${problems[f][0]}`).join("; ")}`, problems);
    }
    const byType: Record<string, number> = {};
    for (const e of items) byType[e.type] = (byType[e.type] ?? 0) + 1;
    await tx.query(`INSERT INTO "AuditLog" ("actorKind", action, entity, details) VALUES ($1, 'events.apply', 'events', $2)`,
      [`api:${caller.tokenId}`, JSON.stringify(byType)]);
    return { applied: items.length, byType };
  });
}
