// Reading /api/v1: lists with keyset pagination (by our internal id, as an opaque "next" cursor: stable while rows are
// added, no OFFSET scans) and single records by the library's own key. Shapes mirror the upsert rows.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { noticeRows } from "@/lib/notices/notice-rows";
import { idParam, isDbId } from "./params";
import type { Resource } from "./schemas";

type View = { from: string; key: string; select: string };

/** An instant column as ISO 8601 in UTC, whatever the session's time zone. */
const isoInstant = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const VIEWS: Record<Resource, View> = {
  categories: { from: `"PatronCategory" x`, key: "x.code", select: `x.code, x.name` },
  groups: { from: `"LibraryGroup" x`, key: "x.code", select: `x.code, x.name` },
  patrons: {
    from: `"Patron" x JOIN "Branch" b ON b.id = x."homeBranchId" JOIN "PatronCategory" c ON c.id = x."categoryId"
      LEFT JOIN "AcademicLevel" al ON al.id = x."academicLevelId"`,
    key: `x."cardNumber"`,
    select: `x."cardNumber", x."externalId", x."firstName", x."lastName", x.email, x.mobile, x."preferredLanguage",
      x."addressLine1", x."addressLine2", x.city, x.postcode, b.code AS "homeBranch", c.code AS category,
      al.code AS "academicLevel", to_char(x."registeredOn", 'YYYY-MM-DD') AS "registeredOn",
      to_char(x."expiresOn", 'YYYY-MM-DD') AS "expiresOn", x.status, x."reminderDays",
      ${isoInstant(`x."lastActivityAt"`)} AS "lastActivityAt",
      ARRAY(SELECT g.code FROM "PatronLibraryGroup" pg JOIN "LibraryGroup" g ON g.id = pg."groupId" WHERE pg."patronId" = x.id ORDER BY g.code) AS groups,
      COALESCE((SELECT json_agg(json_build_object('kind', pc.kind, 'name', pc.name, 'email', pc.email, 'mobile', pc.mobile) ORDER BY pc.id)
        FROM "PatronContact" pc WHERE pc."patronId" = x.id), '[]') AS contacts`,
  },
  items: {
    from: `"Item" x JOIN "Branch" b ON b.id = x."branchId"`,
    key: "x.barcode",
    select: `x.barcode, x.title, x.author, x."callNumber", x.isbn, x."replacementCost"::float8 AS "replacementCost", b.code AS branch`,
  },
  loans: {
    from: `"Loan" x JOIN "Patron" p ON p.id = x."patronId" JOIN "Item" i ON i.id = x."itemId" LEFT JOIN "Branch" b ON b.id = x."branchId"`,
    key: `x."externalId"`,
    select: `x."externalId", p."cardNumber", i.barcode, b.code AS branch, ${isoInstant(`x."loanedAt"`)} AS "loanedAt",
      to_char(x."dueDate", 'YYYY-MM-DD') AS "dueDate", ${isoInstant(`x."returnedAt"`)} AS "returnedAt",
      x."renewalsUsed", x."renewalsAllowed", x.status`,
  },
  reservations: {
    from: `"Reservation" x JOIN "Patron" p ON p.id = x."patronId" LEFT JOIN "Item" i ON i.id = x."itemId" JOIN "Branch" b ON b.id = x."pickupBranchId"`,
    key: `x."externalId"`,
    select: `x."externalId", p."cardNumber", i.barcode, x.title, b.code AS "pickupBranch", x.status,
      ${isoInstant(`x."readyAt"`)} AS "readyAt", to_char(x."pickupBy", 'YYYY-MM-DD') AS "pickupBy",
      ${isoInstant(`x."completedAt"`)} AS "completedAt"`,
  },
  charges: {
    from: `"Charge" x JOIN "Patron" p ON p.id = x."patronId" LEFT JOIN "Loan" l ON l.id = x."loanId"`,
    key: `x."externalId"`,
    select: `x."externalId", p."cardNumber", l."externalId" AS "loanExternalId", x.kind, x.code, x.description,
      x.amount::float8 AS amount, x.balance::float8 AS balance, ${isoInstant(`x."createdAt"`)} AS "createdAt",
      ${isoInstant(`x."paidAt"`)} AS "paidAt"`,
  },
  suppliers: {
    from: `"Supplier" x`,
    key: "x.code",
    select: `x.code, x."externalId", x.name, x.email, x.phone, x.address, x."accountNumber", x.currency, x."claimPeriodDays", x."isActive",
      (SELECT COALESCE(json_agg(json_build_object('name', c.name, 'role', c.role, 'email', c.email, 'phone', c.phone,
        'receivesOrders', c."receivesOrders", 'receivesClaims', c."receivesClaims") ORDER BY c.id), '[]') FROM "SupplierContact" c WHERE c."supplierId" = x.id) AS contacts`,
  },
};

type Page = { limit: number; after?: string };

/**
 * One page by internal id: `fetch` gets the rows after `after` (at most limit + 1, ordered by `_id`); the answer is
 * the page without `_id` and the cursor of the next page (null on the last).
 */
async function keysetPage(page: Page, fetch: (after: number, limit: number) => Promise<Record<string, unknown>[]>) {
  // The cursor is an id we gave out: digits within Postgres' integer (beyond it, the query itself would fail).
  const after = page.after === undefined ? 0 : page.after === "0" ? 0 : isDbId(page.after) ? Number(page.after) : -1;
  if (after < 0) throw new AppError("INVALID", "after: a cursor from a previous page's next", { after: ["not a cursor from this API"] });
  const rows = await fetch(after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const next = rows.length > page.limit ? String(items[items.length - 1]._id) : null;
  for (const item of items) delete item._id;
  return { items, next };
}

export function listRecords(db: PrismaClient, resource: Resource, page: Page) {
  const view = VIEWS[resource];
  return keysetPage(page, async (after, limit) => (await sqlPool(db).query(
    `SELECT x.id AS _id, ${view.select} FROM ${view.from} WHERE x.id > $1 ORDER BY x.id LIMIT $2`, [after, limit],
  )).rows);
}

export async function getRecord(db: PrismaClient, resource: Resource, key: string) {
  const view = VIEWS[resource];
  const { rows } = await sqlPool(db).query(`SELECT ${view.select} FROM ${view.from} WHERE ${view.key} = $1`, [key]);
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No ${resource.replace(/s$/, "")} "${key}".`);
  return rows[0];
}

/** A patron's notices and the deliveries that carried them, newest first. The notices are found through the deliveries
 * (Notice has no patron index: see schema.prisma); an every-run notice gives a row per loan or charge it listed, all
 * with its id. */
export async function patronNotices(db: PrismaClient, cardNumber: string, limit = 200) {
  const sql = sqlPool(db);
  const patron = await db.patron.findUnique({ where: { cardNumber }, select: { id: true } });
  if (!patron) throw new AppError("NOT_FOUND", `No patron "${cardNumber}".`);
  const [notices, deliveries] = await Promise.all([
    sql.query(
      `SELECT n.id, s.code AS scenario, n.kind, n.level, to_char(n.occurrence, 'YYYY-MM-DD') AS occurrence, n.status,
         n."skipReason", n."runId", ${isoInstant(`n."createdAt"`)} AS "createdAt",
         l."externalId" AS "loanExternalId", i.barcode, r."externalId" AS "reservationExternalId", c."externalId" AS "chargeExternalId"
       FROM (SELECT array_agg(DISTINCT x) AS ids FROM "Delivery" d CROSS JOIN unnest(d."noticeIds") AS x WHERE d."patronId" = $1) AS a
       CROSS JOIN LATERAL (${noticeRows("a.ids")}) n
       JOIN "Scenario" s ON s.id = n."scenarioId"
       LEFT JOIN "Loan" l ON l.id = n."loanId" LEFT JOIN "Item" i ON i.id = l."itemId"
       LEFT JOIN "Reservation" r ON r.id = n."reservationId" LEFT JOIN "Charge" c ON c.id = n."chargeId"
       WHERE n."patronId" = $1
       ORDER BY n.id DESC, n.ord LIMIT $2`, [patron.id, limit]),
    sql.query(
      `SELECT d.id, d."runId", d."contactKind", d."contactName", d.channel, d.address, d.status, d.subject, d."messageId",
         d."smtpCode", d."lastError", d.attempts, ${isoInstant(`d."sentAt"`)} AS "sentAt", d."noticeIds"
       FROM "Delivery" d WHERE d."patronId" = $1 ORDER BY d.id DESC LIMIT $2`, [patron.id, limit]),
  ]);
  return { cardNumber, notices: notices.rows, deliveries: deliveries.rows };
}

/** A run's deliveries (optionally of one status), a page at a time by id. */
export async function runDeliveries(db: PrismaClient, runId: string, page: Page & { status?: string }) {
  const id = idParam(runId);
  if (!(await db.noticeRun.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("NOT_FOUND", `No run ${id}.`);
  return keysetPage(page, async (after, limit) => (await sqlPool(db).query(
    `SELECT d.id AS _id, d.id, p."cardNumber", d."contactKind", d."contactName", d.channel, d.address, d.status, d.subject, d."messageId",
       d."smtpCode", d."lastError", d.attempts, ${isoInstant(`d."sentAt"`)} AS "sentAt", d."noticeIds"
     FROM "Delivery" d JOIN "Patron" p ON p.id = d."patronId"
     WHERE d."runId" = $1 AND d.id > $2 AND ($3::text IS NULL OR d.status::text = $3) ORDER BY d.id LIMIT $4`,
    [id, after, page.status ?? null, limit],
  )).rows);
}
