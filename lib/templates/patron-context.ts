// The editor's "preview with a real patron": that patron's facts in the family's shape, through the same context
// builder the send path uses (lib/notices/compose-notice-email.ts), so the preview shows what a notice would.
import type { TemplateFamily } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { PATRON_COLUMNS, type ContentRow } from "@/lib/notices/claim-delivery";
import { noticeContext } from "@/lib/notices/compose-notice-email";
import { CURRENT_LOAN_STATUSES, OVERDUE_LOAN_STATUSES } from "@/lib/notices/kinds";
import { sqlList } from "@/lib/notices/candidates";
import type { NoticeSetup } from "@/lib/notices/load-notice-setup";
import type { NoticeContext } from "./placeholders";

const NONE = `NULL::text AS title, NULL::text AS author, NULL::text AS barcode, NULL::text AS due_date, NULL::text AS replacement_cost,
  NULL::text AS pickup_branch, NULL::text AS pickup_by, NULL::text AS charge_description, NULL::text AS charge_amount,
  NULL::text AS charge_balance, NULL::text AS fine, NULL::text AS charge_date, NULL::text AS run_date`;

// What each family lists for a patron now: loans not returned (overdue ones as overdue), active reservations,
// unpaid charges, or the account alone. Columns as ContentRow; `kind` picks how a row is shown.
const QUERIES: Record<Exclude<TemplateFamily, "SUPPLIER_ORDER">, string> = {
  LOAN: `SELECT CASE WHEN l.status IN ${sqlList(OVERDUE_LOAN_STATUSES)} AND l."dueDate" < CURRENT_DATE THEN 'O' ELSE 'CL' END AS kind,
      i.title, i.author, i.barcode, to_char(l."dueDate", 'YYYY-MM-DD') AS due_date, i."replacementCost"::text AS replacement_cost,
      NULL::text AS pickup_branch, NULL::text AS pickup_by, NULL::text AS charge_description, NULL::text AS charge_amount,
      NULL::text AS charge_balance,
      (SELECT sum(f.balance) FROM "Charge" f WHERE f."loanId" = l.id AND f.kind = 'OVERDUE_FINE')::text AS fine, NULL::text AS charge_date,
      NULL::text AS run_date,
      ${PATRON_COLUMNS}
    FROM "Patron" p JOIN "Branch" hb ON hb.id = p."homeBranchId"
    JOIN "Loan" l ON l."patronId" = p.id AND l.status IN ${sqlList(CURRENT_LOAN_STATUSES)} JOIN "Item" i ON i.id = l."itemId"
    WHERE p."cardNumber" = $1 ORDER BY l."dueDate", l.id LIMIT 100`,
  RESERVATION: `SELECT 'V' AS kind, COALESCE(i.title, r.title) AS title, i.author, NULL::text AS barcode, NULL::text AS due_date,
      NULL::text AS replacement_cost, b.name AS pickup_branch, to_char(r."pickupBy", 'YYYY-MM-DD') AS pickup_by,
      NULL::text AS charge_description, NULL::text AS charge_amount, NULL::text AS charge_balance, NULL::text AS fine,
      NULL::text AS charge_date, NULL::text AS run_date, ${PATRON_COLUMNS}
    FROM "Patron" p JOIN "Branch" hb ON hb.id = p."homeBranchId"
    JOIN "Reservation" r ON r."patronId" = p.id AND r.status IN ('WAITING', 'READY_FOR_PICKUP')
    LEFT JOIN "Item" i ON i.id = r."itemId" JOIN "Branch" b ON b.id = r."pickupBranchId"
    WHERE p."cardNumber" = $1 ORDER BY r.id LIMIT 100`,
  CHARGE: `SELECT 'I' AS kind, NULL::text AS title, NULL::text AS author, NULL::text AS barcode, NULL::text AS due_date,
      NULL::text AS replacement_cost, NULL::text AS pickup_branch, NULL::text AS pickup_by,
      COALESCE(c.description, initcap(replace(c.kind::text, '_', ' '))) AS charge_description, c.amount::text AS charge_amount,
      c.balance::text AS charge_balance, NULL::text AS fine, to_char(c."createdAt" AT TIME ZONE (SELECT "timeZone" FROM "LibrarySettings" WHERE id = 1), 'YYYY-MM-DD') AS charge_date,
      NULL::text AS run_date, ${PATRON_COLUMNS}
    FROM "Patron" p JOIN "Branch" hb ON hb.id = p."homeBranchId"
    JOIN "Charge" c ON c."patronId" = p.id AND c.balance > 0
    WHERE p."cardNumber" = $1 ORDER BY c."createdAt", c.id LIMIT 100`,
  ACCOUNT: `SELECT 'BX' AS kind, ${NONE}, ${PATRON_COLUMNS}
    FROM "Patron" p JOIN "Branch" hb ON hb.id = p."homeBranchId" WHERE p."cardNumber" = $1`,
};

export async function patronContext(
  db: PrismaClient, cardNumber: string, family: Exclude<TemplateFamily, "SUPPLIER_ORDER">, setup: NoticeSetup, language: string,
): Promise<NoticeContext> {
  const sql = sqlPool(db);
  let { rows } = await sql.query<ContentRow>(QUERIES[family], [cardNumber]);
  if (rows.length === 0) {
    // The patron exists but has nothing of this kind: show their account with empty lists.
    ({ rows } = await sql.query<ContentRow>(QUERIES.ACCOUNT, [cardNumber]));
    if (rows.length === 0) throw new AppError("INVALID", `No patron has card number ${cardNumber}.`, { cardNumber: ["no patron has this card number"] });
    const context = noticeContext(rows, { name: rows[0].patron_name, isPatron: true }, setup, language, 1);
    return { ...context, loans: [], reservations: [], charges: [] };
  }
  return noticeContext(rows, { name: rows[0].patron_name, isPatron: true }, setup, language, 1);
}
