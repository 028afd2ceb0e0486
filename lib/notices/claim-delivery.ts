import type pg from "pg";
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import { OPEN_CLAIM, RESERVATION_KIND, RESOLVED_KIND, STATUS_KIND, sqlList as list } from "./candidates";
import { noticeRows } from "./notice-rows";
import { CURRENT_LOAN_STATUSES, NO_STATUS_LOAN_STATUSES, OVERDUE_LOAN_STATUSES } from "./kinds";

export type ContentRow = {
  notice_id: number;
  subject_id: number; // the loan, reservation, charge or patron (an every-run notice has a row per listed one)
  loan_id: number | null;
  run_id: number;
  scenario_id: number;
  kind: NoticeKind;
  level_id: number;
  level: number;
  status: string;
  metric: string | null;
  is_valid: boolean;
  title: string | null;
  author: string | null;
  barcode: string | null;
  due_date: string | null;
  replacement_cost: string | null;
  pickup_branch: string | null;
  pickup_by: string | null;
  charge_description: string | null;
  charge_amount: string | null;
  charge_balance: string | null;
  expires_on: string | null;
  fine: string | null;
  charge_date: string | null;
  // The date of the run that planned the delivery ("days overdue" count to it); null outside a run (preview).
  run_date: string | null;
  // The patron's own facts (the same on every row of a delivery)
  patron_name: string;
  first_name: string;
  last_name: string;
  card_number: string;
  patron_email: string | null;
  preferred_language: string | null;
  registered_on: string;
  patron_status: string;
  branch_name: string;
  branch_address: string | null;
  branch_phone: string | null;
  branch_email: string | null;
};

// The library's time zone, for the dates of instants (one row: planned once per statement).
const LIBRARY_ZONE = `(SELECT "timeZone" FROM "LibrarySettings" WHERE id = 1)`;

// Whether a notice's reason still holds at send time (DOMAIN.md "re-check before sending"): the same status tables
// the candidate SQL selects with, so planning and re-checking cannot disagree about what a kind means.
const STILL_VALID = `CASE
  WHEN n.kind IN ('LM', 'LW', 'LRM') THEN l.status = 'ON_LOAN' AND l."dueDate" = n.occurrence
    AND (n.kind <> 'LW' OR l."renewalsUsed" < l."renewalsAllowed")
  WHEN n.kind = 'O' THEN l.status IN ${list(OVERDUE_LOAN_STATUSES)} AND l."dueDate" < n.occurrence
  WHEN n.kind IN ('OE', 'OF', 'LF') THEN l.status IN ${list(OVERDUE_LOAN_STATUSES)} AND l."dueDate" = n.occurrence
  WHEN n.kind = 'CL' THEN l.status IN ${list(CURRENT_LOAN_STATUSES)}
  WHEN n.kind = 'CLNS' THEN l.status IN ${list(NO_STATUS_LOAN_STATUSES)}
  WHEN n.kind IN ('LCR', 'LCRNB') THEN l.status = (CASE n.kind WHEN 'LCR' THEN 'CLAIMED_RETURNED' ELSE 'CLAIMED_NEVER_BORROWED' END)::"LoanStatus"
    AND ${OPEN_CLAIM}
  ${Object.entries(STATUS_KIND).map(([k, v]) => `WHEN n.kind = '${k}' THEN l.status = '${v!.status}'`).join("\n  ")}
  ${Object.entries(RESOLVED_KIND).map(([k, v]) => `WHEN n.kind = '${k}' THEN l."notifyResolution" AND l."resolvedClaim" = '${v!.claim}'`).join("\n  ")}
  WHEN n.kind = 'RX' THEN r.status = 'READY_FOR_PICKUP' AND r."pickupBy" = n.occurrence
  ${Object.entries(RESERVATION_KIND).map(([k, v]) => `WHEN n.kind = '${k}' THEN r.status = '${v!.status}'`).join("\n  ")}
  WHEN n.kind = 'I' THEN c.balance > 0
  WHEN n.kind = 'BX' THEN p."expiresOn" = n.occurrence
  WHEN n.kind = 'BR' THEN n.occurrence = GREATEST(p."registeredOn", (p."categorySetAt" AT TIME ZONE ${LIBRARY_ZONE})::date)
  WHEN n.kind = 'IB' THEN n.occurrence = (p."lastActivityAt" AT TIME ZONE ${LIBRARY_ZONE})::date
  WHEN n.kind = 'DB' THEN p.status = 'DEBARRED'
  ELSE true END`;

/** The patron's own facts, from Patron p and their home Branch hb (also used by the template editor's preview). */
export const PATRON_COLUMNS = `p."firstName" || ' ' || p."lastName" AS patron_name, p."firstName" AS first_name, p."lastName" AS last_name,
        p."cardNumber" AS card_number, p.email AS patron_email, p."preferredLanguage" AS preferred_language,
        to_char(p."registeredOn", 'YYYY-MM-DD') AS registered_on, to_char(p."expiresOn", 'YYYY-MM-DD') AS expires_on,
        p.status::text AS patron_status,
        hb.name AS branch_name, hb.address AS branch_address, hb.phone AS branch_phone, hb.email AS branch_email`;

// A delivery d's notices and what the document shows about each (ContentRow), for sending and printing; `runDate` is
// the date the letter counts to (the run's). Draft deliveries (a preview: render-draft.ts) read the same columns.
export const contentColumns = (runDate: string) => `n.id AS notice_id, n."subjectId" AS subject_id, n."loanId" AS loan_id, n."runId" AS run_id, n."scenarioId" AS scenario_id, n.kind::text AS kind,
        n."levelId" AS level_id, n.level,
        n.status::text AS status, n.metric::text AS metric, COALESCE(${STILL_VALID}, false) AS is_valid,
        COALESCE(li.title, ri.title, r.title) AS title, COALESCE(li.author, ri.author) AS author, li.barcode,
        to_char(l."dueDate", 'YYYY-MM-DD') AS due_date, li."replacementCost"::text AS replacement_cost,
        b.name AS pickup_branch, to_char(r."pickupBy", 'YYYY-MM-DD') AS pickup_by,
        COALESCE(c.description, c.kind::text) AS charge_description, c.amount::text AS charge_amount,
        c.balance::text AS charge_balance,
        (SELECT sum(f.balance) FROM "Charge" f WHERE f."loanId" = l.id AND f.kind = 'OVERDUE_FINE')::text AS fine,
        to_char(c."createdAt" AT TIME ZONE ${LIBRARY_ZONE}, 'YYYY-MM-DD') AS charge_date,
        ${runDate} AS run_date,
        ${PATRON_COLUMNS}`;
const CONTENT_COLUMNS = contentColumns(`(SELECT to_char(nr."runDate", 'YYYY-MM-DD') FROM "NoticeRun" nr WHERE nr.id = d."runId")`);
/** What each notice n (Notice's columns, as noticeRows gives them) is about: its patron, loan, item, reservation, charge. */
export const NOTICE_JOINS = `LEFT JOIN "Patron" p ON p.id = n."patronId"
     LEFT JOIN "Branch" hb ON hb.id = p."homeBranchId"
     LEFT JOIN "Loan" l ON l.id = n."loanId" LEFT JOIN "Item" li ON li.id = l."itemId"
     LEFT JOIN "Reservation" r ON r.id = n."reservationId" LEFT JOIN "Item" ri ON ri.id = r."itemId"
     LEFT JOIN "Branch" b ON b.id = r."pickupBranchId"
     LEFT JOIN "Charge" c ON c.id = n."chargeId"`;
const CONTENT_JOINS = `LEFT JOIN LATERAL (${noticeRows(`d."noticeIds"`, `(SELECT nr."runDate" FROM "NoticeRun" nr WHERE nr.id = d."runId")`)}) n ON true
     ${NOTICE_JOINS}`;

// isResend: a staff resend (Delivery.resendOfId), whose notices were recorded by the letter it repeats.
export type Claim = { id: number; runId: number; address: string | null; contactName: string; contactKind: string; attempts: number; isResend: boolean };

/**
 * Claims an email delivery for sending under a fresh token and reads, in the same statement, its notices with what the
 * email shows about each and whether each is still valid (one round trip instead of two per send). A delivery is
 * claimable when planned or queued, or when a SENDING claim older than the lease never reached the handover (a dead
 * worker's). Returns null when another worker holds it or it is finished.
 *
 * The claim commits without waiting for the disk (set_config(..., true) applies to this statement's own transaction):
 * nothing is handed over before the handover's synchronous COMMIT, which flushes the WAL up to and past this claim, so a
 * database crash can only lose a claim under which nothing was sent (the sweep then re-queues the delivery).
 */
export async function claimDelivery(sql: pg.Pool, deliveryId: number, token: string, leaseSeconds: number) {
  const { rows } = await sql.query<Claim & ContentRow & { notice_id: number | null }>({
    // Named: prepared once per connection, and planned once (a generic plan) instead of on every send. Planning this
    // many-join statement took 3.6 ms, its execution 1 ms: most of Postgres' work per delivery.
    name: "claim-delivery",
    text: `WITH d AS (
       UPDATE "Delivery" SET status = 'SENDING', attempts = attempts + 1, "claimToken" = $2, "claimedAt" = now(),
          "handingOverAt" = NULL, "updatedAt" = now()
       WHERE id = $1 AND channel = 'EMAIL' AND (status IN ('PLANNED', 'QUEUED')
          OR (status = 'SENDING' AND "handingOverAt" IS NULL AND "claimedAt" < now() - make_interval(secs => $3)))
       RETURNING id, "runId", address, "contactName", "contactKind", attempts, "noticeIds", "resendOfId")
     SELECT d.id, d."runId", d.address, d."contactName", d."contactKind"::text AS "contactKind", d.attempts,
        d."resendOfId" IS NOT NULL AS "isResend",
        set_config('synchronous_commit', 'off', true) AS _async_commit,
        ${CONTENT_COLUMNS}
     FROM d
     ${CONTENT_JOINS}
     ORDER BY n."scenarioId", n.level DESC, n.id, n.ord`,
    values: [deliveryId, token, leaseSeconds],
  });
  if (rows.length === 0) return null;
  const { id, runId, address, contactName, contactKind, attempts, isResend } = rows[0];
  const content: ContentRow[] = rows.filter((r) => r.notice_id !== null);
  return { claim: { id, runId, address, contactName, contactKind, attempts, isResend } satisfies Claim, content };
}

export type PrintRow = ContentRow & {
  delivery_id: number; contact_name: string; contact_kind: string;
  address_line1: string | null; address_line2: string | null; city: string | null; postcode: string | null;
};

/** The print deliveries of a run with their content (no claim: printing is done by staff, not by the worker). */
export async function loadPrintContent(sql: pg.Pool, runId: number): Promise<PrintRow[]> {
  const { rows } = await sql.query<PrintRow>(
    `SELECT d.id AS delivery_id, d."contactName" AS contact_name, d."contactKind"::text AS contact_kind,
        p."addressLine1" AS address_line1, p."addressLine2" AS address_line2, p.city, p.postcode,
        ${CONTENT_COLUMNS}
     FROM "Delivery" d
     ${CONTENT_JOINS}
     WHERE d."runId" = $1 AND d.channel = 'PRINT' AND n.id IS NOT NULL
     ORDER BY p.postcode, d.id, n."scenarioId", n.level DESC, n.id, n.ord`,
    [runId],
  );
  return rows;
}

/**
 * A delivery's notices as the claim reads them (with whether each reason still holds), without claiming it: the
 * staff actions ask what a resend would still say and which processing charges a send posts (settling an unknown
 * outcome as sent), with the claim's very SQL so they cannot disagree with the sender.
 */
export async function loadDeliveryContent(sql: pg.Pool, deliveryId: number): Promise<ContentRow[]> {
  const { rows } = await sql.query<ContentRow & { notice_id: number | null }>(
    `SELECT ${CONTENT_COLUMNS}
     FROM "Delivery" d
     ${CONTENT_JOINS}
     WHERE d.id = $1
     ORDER BY n."scenarioId", n.level DESC, n.id, n.ord`,
    [deliveryId],
  );
  return rows.filter((r) => r.notice_id !== null);
}
