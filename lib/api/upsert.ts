// Batch upserts for /api/v1 (and the CSV import): all or nothing. Every row is validated and every reference
// resolved before anything is written; the writes are set-based (one INSERT ... SELECT FROM unnest ... ON CONFLICT
// per table) in one transaction, so 10,000 rows take one round trip per table, not 10,000.
import type pg from "pg";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { isClaim, resolutionKeptUnlessNewClaim } from "./claims";
import type { CategoryRow, ChargeRow, GroupRow, ItemRow, LoanRow, PatronRow, ReservationRow, Resource, SupplierRow } from "./schemas";

export type UpsertResult = { created: number; updated: number };

/** Problems by field path ("items[3].category"); thrown as one 422 naming each. */
class Problems {
  readonly byField = new Map<string, string[]>();
  add(index: number, field: string, message: string) {
    const key = `items[${index}].${field}`;
    this.byField.set(key, [...(this.byField.get(key) ?? []), message]);
  }
  throwIfAny() {
    if (this.byField.size === 0) return;
    // By row, then in the order found within a row.
    const row = (field: string) => Number(/^items\[(\d+)\]/.exec(field)![1]);
    const entries = [...this.byField.entries()].sort(([a], [b]) => row(a) - row(b));
    const shown = entries.slice(0, 100);
    throw new AppError(
      "INVALID",
      `${entries.length} problem${entries.length === 1 ? "" : "s"}, nothing was written: ${shown.slice(0, 5).map(([f, m]) => `${f}: ${m.join(", ")}`).join("; ")}${entries.length > 5 ? "; ..." : ""}`,
      Object.fromEntries(shown),
    );
  }
}

/** Ids of existing rows by a unique text column. */
async function idsBy(tx: pg.ClientBase, table: string, column: string, keys: (string | null)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(keys.filter((k): k is string => !!k))];
  if (wanted.length === 0) return new Map();
  const { rows } = await tx.query<{ key: string; id: number }>(`SELECT "${column}" AS key, id FROM "${table}" WHERE "${column}" = ANY($1::text[])`, [wanted]);
  return new Map(rows.map((r) => [r.key, r.id]));
}

function resolve(problems: Problems, map: Map<string, number>, index: number, field: string, key: string | null, what: string) {
  if (key === null) return null;
  const id = map.get(key);
  if (id === undefined) problems.add(index, field, `unknown ${what} "${key}"`);
  return id ?? null;
}

type RefSpec = { field: string; table: string; column: string; what: string };

/**
 * Each named reference resolved for every row: one lookup per reference (in turn: a pg client runs one query at a
 * time), then the row's id, null where the row names none; an unknown key is a problem on that row and field.
 */
async function resolveRefs<K extends string>(tx: pg.ClientBase, problems: Problems, rows: object[], specs: Record<K, RefSpec>) {
  const ids = {} as Record<K, (number | null)[]>;
  for (const [name, spec] of Object.entries(specs) as [K, RefSpec][]) {
    const keys = rows.map((r) => ((r as Record<string, unknown>)[spec.field] ?? null) as string | null);
    const found = await idsBy(tx, spec.table, spec.column, keys);
    ids[name] = keys.map((key, i) => resolve(problems, found, i, spec.field, key, spec.what));
  }
  return ids;
}

const BRANCH = { table: "Branch", column: "code", what: "branch" };
const PATRON = { field: "cardNumber", table: "Patron", column: "cardNumber", what: "patron card" };
const ITEM = { field: "barcode", table: "Item", column: "barcode", what: "item barcode" };

/** A key used twice in one batch would be upserted twice in one statement (Postgres refuses): name both rows. */
function checkDuplicates(problems: Problems, keys: (string | null)[], field: string) {
  const first = new Map<string, number>();
  keys.forEach((key, i) => {
    if (key === null) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else problems.add(i, field, `"${key}" is also in items[${earlier}]`);
  });
}

async function counted(tx: pg.ClientBase, sql: string, params: unknown[]): Promise<UpsertResult> {
  // xmax = 0 on a row version this statement inserted; an updated row carries the updating transaction's id.
  const { rows } = await tx.query<{ inserted: boolean }>(`${sql} RETURNING (xmax = 0) AS inserted`, params);
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}

const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);

async function upsertCodes(tx: pg.ClientBase, table: "PatronCategory" | "LibraryGroup", rows: z.infer<typeof CategoryRow | typeof GroupRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "code"), "code");
  problems.throwIfAny();
  return counted(tx, `INSERT INTO "${table}" (code, name) SELECT * FROM unnest($1::text[], $2::text[])
    ON CONFLICT (code) DO UPDATE SET name = excluded.name`, [col(rows, "code"), col(rows, "name")]);
}

async function upsertPatrons(tx: pg.ClientBase, rows: z.infer<typeof PatronRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "cardNumber"), "cardNumber");
  checkDuplicates(problems, col(rows, "externalId"), "externalId");
  const refs = await resolveRefs(tx, problems, rows, {
    branchId: { ...BRANCH, field: "homeBranch" },
    categoryId: { field: "category", table: "PatronCategory", column: "code", what: "category" },
    levelId: { field: "academicLevel", table: "AcademicLevel", column: "code", what: "academic level" },
  });
  const groups = await idsBy(tx, "LibraryGroup", "code", rows.flatMap((r) => r.groups ?? []));
  const groupIds = rows.map((r, i) => (r.groups ?? []).map((g, j) => resolve(problems, groups, i, `groups[${j}]`, g, "library group")));
  rows.forEach((r, i) => {
    if (r.expiresOn < r.registeredOn) problems.add(i, "expiresOn", "before registeredOn");
  });
  problems.throwIfAny();
  // A patron's lastActivityAt (history from another system) only ever moves forward: left out, it stays as it is.
  const result = await counted(tx, `INSERT INTO "Patron" ("cardNumber", "externalId", "firstName", "lastName", email, mobile,
      "preferredLanguage", "addressLine1", "addressLine2", city, postcode, "homeBranchId", "categoryId", "academicLevelId",
      "registeredOn", "expiresOn", status, "reminderDays", "lastActivityAt", "statusSetAt", "updatedAt")
    SELECT t.*, now(), now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::int[], $14::int[], $15::date[], $16::date[],
      $17::"PatronStatus"[], $18::int[], $19::timestamptz[]) AS t
    ON CONFLICT ("cardNumber") DO UPDATE SET "externalId" = excluded."externalId", "firstName" = excluded."firstName",
      "lastName" = excluded."lastName", email = excluded.email, mobile = excluded.mobile,
      "preferredLanguage" = excluded."preferredLanguage", "addressLine1" = excluded."addressLine1",
      "addressLine2" = excluded."addressLine2", city = excluded.city, postcode = excluded.postcode,
      "homeBranchId" = excluded."homeBranchId", "categoryId" = excluded."categoryId",
      "academicLevelId" = excluded."academicLevelId", "registeredOn" = excluded."registeredOn",
      "expiresOn" = excluded."expiresOn", status = excluded.status,
      "statusSetAt" = CASE WHEN "Patron".status = excluded.status THEN "Patron"."statusSetAt" ELSE now() END,
      "categorySetAt" = CASE WHEN "Patron"."categoryId" <> excluded."categoryId" THEN now() ELSE "Patron"."categorySetAt" END,
      "reminderDays" = excluded."reminderDays",
      "lastActivityAt" = GREATEST("Patron"."lastActivityAt", excluded."lastActivityAt"),
      "updatedAt" = now()`, [
    col(rows, "cardNumber"), col(rows, "externalId"), col(rows, "firstName"), col(rows, "lastName"), col(rows, "email"),
    col(rows, "mobile"), col(rows, "preferredLanguage"), col(rows, "addressLine1"), col(rows, "addressLine2"), col(rows, "city"),
    col(rows, "postcode"), refs.branchId, refs.categoryId, refs.levelId,
    col(rows, "registeredOn"), col(rows, "expiresOn"), col(rows, "status"), col(rows, "reminderDays"), col(rows, "lastActivityAt"),
  ]);
  const idOf = await idsBy(tx, "Patron", "cardNumber", col(rows, "cardNumber"));
  const withGroups = rows.map((r, i) => ({ r, id: idOf.get(r.cardNumber)!, groupIds: groupIds[i] })).filter((x) => x.r.groups);
  if (withGroups.length) {
    await tx.query(`DELETE FROM "PatronLibraryGroup" WHERE "patronId" = ANY($1::int[])`, [withGroups.map((x) => x.id)]);
    const pairs = withGroups.flatMap((x) => [...new Set(x.groupIds)].map((g) => [x.id, g]));
    if (pairs.length) {
      await tx.query(`INSERT INTO "PatronLibraryGroup" ("patronId", "groupId") SELECT * FROM unnest($1::int[], $2::int[])`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
    }
  }
  const withContacts = rows.map((r) => ({ r, id: idOf.get(r.cardNumber)! })).filter((x) => x.r.contacts);
  if (withContacts.length) {
    await tx.query(`DELETE FROM "PatronContact" WHERE "patronId" = ANY($1::int[])`, [withContacts.map((x) => x.id)]);
    const contacts = withContacts.flatMap((x) => x.r.contacts!.map((c) => ({ patronId: x.id, ...c })));
    if (contacts.length) {
      await tx.query(`INSERT INTO "PatronContact" ("patronId", kind, name, email, mobile)
        SELECT * FROM unnest($1::int[], $2::"ContactKind"[], $3::text[], $4::text[], $5::text[])`,
        [col(contacts, "patronId"), col(contacts, "kind"), col(contacts, "name"), col(contacts, "email"), col(contacts, "mobile")]);
    }
  }
  return result;
}

async function upsertItems(tx: pg.ClientBase, rows: z.infer<typeof ItemRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "barcode"), "barcode");
  const { branchIds } = await resolveRefs(tx, problems, rows, { branchIds: { ...BRANCH, field: "branch" } });
  problems.throwIfAny();
  return counted(tx, `INSERT INTO "Item" (barcode, title, author, "callNumber", isbn, "replacementCost", "branchId")
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::int[])
    ON CONFLICT (barcode) DO UPDATE SET title = excluded.title, author = excluded.author, "callNumber" = excluded."callNumber",
      isbn = excluded.isbn, "replacementCost" = excluded."replacementCost", "branchId" = excluded."branchId"`, [
    col(rows, "barcode"), col(rows, "title"), col(rows, "author"), col(rows, "callNumber"), col(rows, "isbn"),
    col(rows, "replacementCost"), branchIds,
  ]);
}

async function upsertLoans(tx: pg.ClientBase, rows: z.infer<typeof LoanRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "externalId"), "externalId");
  const refs = await resolveRefs(tx, problems, rows, { patronId: PATRON, itemId: ITEM, branchId: { ...BRANCH, field: "branch" } });
  rows.forEach((r, i) => {
    if (r.dueDate < r.loanedAt.slice(0, 10)) problems.add(i, "dueDate", "before loanedAt");
    if (r.status === "RETURNED" && !r.returnedAt) problems.add(i, "returnedAt", "required when the status is RETURNED");
    if (r.renewalsUsed > r.renewalsAllowed) problems.add(i, "renewalsUsed", "more than renewalsAllowed");
  });
  problems.throwIfAny();
  const result = await counted(tx, `INSERT INTO "Loan" ("externalId", "patronId", "itemId", "branchId", "loanedAt", "dueDate", "returnedAt",
      "renewalsUsed", "renewalsAllowed", status, "statusSetAt")
    SELECT e, p, i, b, lo, du, re, ru, ra, s, now()
    FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::timestamptz[], $6::date[], $7::timestamptz[],
      $8::int[], $9::int[], $10::"LoanStatus"[]) AS t(e, p, i, b, lo, du, re, ru, ra, s)
    ON CONFLICT ("externalId") DO UPDATE SET "patronId" = excluded."patronId", "itemId" = excluded."itemId",
      "branchId" = excluded."branchId", "loanedAt" = excluded."loanedAt", "dueDate" = excluded."dueDate",
      "returnedAt" = excluded."returnedAt", "renewalsUsed" = excluded."renewalsUsed",
      "renewalsAllowed" = excluded."renewalsAllowed", status = excluded.status,
      "statusSetAt" = CASE WHEN "Loan".status = excluded.status THEN "Loan"."statusSetAt" ELSE now() END,
      ${resolutionKeptUnlessNewClaim(`${isClaim("excluded.status")} AND "Loan".status <> excluded.status`)}`, [
    col(rows, "externalId"), refs.patronId, refs.itemId, refs.branchId,
    col(rows, "loanedAt"), col(rows, "dueDate"), col(rows, "returnedAt"), col(rows, "renewalsUsed"), col(rows, "renewalsAllowed"),
    col(rows, "status"),
  ]);
  // The patron's last activity (IB): a loan's checkout and return, the later of the two, once per patron for the batch
  // (UPDATE ... FROM takes one arbitrary match per row, hence max), never moved back, and only rows that change.
  await tx.query(`UPDATE "Patron" p SET "lastActivityAt" = a.at
    FROM (SELECT pid, max(GREATEST(lo, re)) AS at FROM unnest($1::int[], $2::timestamptz[], $3::timestamptz[]) AS t(pid, lo, re)
      GROUP BY pid) a
    WHERE p.id = a.pid AND (p."lastActivityAt" IS NULL OR p."lastActivityAt" < a.at)`,
  [refs.patronId, col(rows, "loanedAt"), col(rows, "returnedAt")]);
  return result;
}

async function upsertReservations(tx: pg.ClientBase, rows: z.infer<typeof ReservationRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "externalId"), "externalId");
  const refs = await resolveRefs(tx, problems, rows, { patronId: PATRON, itemId: ITEM, branchId: { ...BRANCH, field: "pickupBranch" } });
  rows.forEach((r, i) => {
    if (r.status === "READY_FOR_PICKUP" && !r.pickupBy) problems.add(i, "pickupBy", "required when the status is READY_FOR_PICKUP");
  });
  problems.throwIfAny();
  return counted(tx, `INSERT INTO "Reservation" ("externalId", "patronId", "itemId", title, "pickupBranchId", status, "placedAt",
      "readyAt", "pickupBy", "completedAt")
    SELECT e, p, i, ti, b, s, COALESCE(pl, now()), ra, pb, co
    FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::"ReservationStatus"[], $7::timestamptz[],
      $8::timestamptz[], $9::date[], $10::timestamptz[]) AS t(e, p, i, ti, b, s, pl, ra, pb, co)
    ON CONFLICT ("externalId") DO UPDATE SET "patronId" = excluded."patronId", "itemId" = excluded."itemId",
      title = excluded.title, "pickupBranchId" = excluded."pickupBranchId", status = excluded.status,
      "placedAt" = excluded."placedAt", "readyAt" = excluded."readyAt", "pickupBy" = excluded."pickupBy",
      "completedAt" = excluded."completedAt"`, [
    col(rows, "externalId"), refs.patronId, refs.itemId, col(rows, "title"),
    refs.branchId, col(rows, "status"), col(rows, "placedAt"), col(rows, "readyAt"), col(rows, "pickupBy"),
    col(rows, "completedAt"),
  ]);
}

async function upsertCharges(tx: pg.ClientBase, rows: z.infer<typeof ChargeRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "externalId"), "externalId");
  const refs = await resolveRefs(tx, problems, rows, {
    patronId: PATRON,
    loanId: { field: "loanExternalId", table: "Loan", column: "externalId", what: "loan" },
  });
  problems.throwIfAny();
  return counted(tx, `INSERT INTO "Charge" ("externalId", "patronId", "loanId", kind, code, description, amount, balance,
      "createdAt", "paidAt")
    SELECT e, p, l, k, c, d, a, b, COALESCE(cr, now()), pa FROM unnest($1::text[], $2::int[], $3::int[], $4::"ChargeKind"[],
      $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::timestamptz[], $10::timestamptz[]) AS t(e, p, l, k, c, d, a, b, cr, pa)
    ON CONFLICT ("externalId") DO UPDATE SET "patronId" = excluded."patronId", "loanId" = excluded."loanId",
      kind = excluded.kind, code = excluded.code, description = excluded.description, amount = excluded.amount,
      balance = excluded.balance, "createdAt" = excluded."createdAt", "paidAt" = excluded."paidAt"`, [
    col(rows, "externalId"), refs.patronId, refs.loanId, col(rows, "kind"), col(rows, "code"),
    col(rows, "description"), col(rows, "amount"), col(rows, "balance"), col(rows, "createdAt"), col(rows, "paidAt"),
  ]);
}

async function upsertSuppliers(tx: pg.ClientBase, rows: z.infer<typeof SupplierRow>[]) {
  const problems = new Problems();
  checkDuplicates(problems, col(rows, "code"), "code");
  checkDuplicates(problems, col(rows, "externalId"), "externalId");
  problems.throwIfAny();
  const result = await counted(tx, `INSERT INTO "Supplier" (code, "externalId", name, email, phone, address, "accountNumber")
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    ON CONFLICT (code) DO UPDATE SET "externalId" = excluded."externalId", name = excluded.name, email = excluded.email,
      phone = excluded.phone, address = excluded.address, "accountNumber" = excluded."accountNumber"`, [
    col(rows, "code"), col(rows, "externalId"), col(rows, "name"), col(rows, "email"), col(rows, "phone"), col(rows, "address"),
    col(rows, "accountNumber"),
  ]);
  // currency, claim period, isActive: a value left out keeps the supplier's own (a new one has the column defaults).
  await tx.query(`UPDATE "Supplier" s SET currency = COALESCE(t.cur, s.currency), "claimPeriodDays" = COALESCE(t.cl, s."claimPeriodDays"),
      "isActive" = COALESCE(t.act, s."isActive")
    FROM unnest($1::text[], $2::text[], $3::int[], $4::boolean[]) AS t(c, cur, cl, act)
    WHERE s.code = t.c AND (t.cur IS NOT NULL OR t.cl IS NOT NULL OR t.act IS NOT NULL)`,
  [col(rows, "code"), rows.map((r) => r.currency ?? null), rows.map((r) => r.claimPeriodDays ?? null), rows.map((r) => r.isActive ?? null)]);
  // Contacts, when given, replace the supplier's; left out, they stay as they are.
  const withContacts = rows.filter((r) => r.contacts);
  if (withContacts.length) {
    const idOf = await idsBy(tx, "Supplier", "code", col(withContacts, "code"));
    await tx.query(`DELETE FROM "SupplierContact" WHERE "supplierId" = ANY($1::int[])`, [withContacts.map((r) => idOf.get(r.code)!)]);
    const contacts = withContacts.flatMap((r) => r.contacts!.map((c, i) => ({ supplierId: idOf.get(r.code)!, ...c, isPrimary: i === r.contacts!.findIndex((x) => x.receivesOrders) })));
    if (contacts.length) {
      await tx.query(`INSERT INTO "SupplierContact" ("supplierId", name, role, email, phone, "receivesOrders", "receivesClaims", "isPrimary")
        SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[], $8::boolean[])`,
      [col(contacts, "supplierId"), col(contacts, "name"), col(contacts, "role"), col(contacts, "email"), col(contacts, "phone"),
        col(contacts, "receivesOrders"), col(contacts, "receivesClaims"), col(contacts, "isPrimary")]);
    }
  }
  return result;
}

/** Upserts validated rows of one resource in the caller's transaction. */
export async function upsertRows(tx: pg.ClientBase, resource: Resource, rows: unknown[]): Promise<UpsertResult> {
  const run = async () => {
    switch (resource) {
      case "categories": return upsertCodes(tx, "PatronCategory", rows as z.infer<typeof CategoryRow>[]);
      case "groups": return upsertCodes(tx, "LibraryGroup", rows as z.infer<typeof GroupRow>[]);
      case "patrons": return upsertPatrons(tx, rows as z.infer<typeof PatronRow>[]);
      case "items": return upsertItems(tx, rows as z.infer<typeof ItemRow>[]);
      case "loans": return upsertLoans(tx, rows as z.infer<typeof LoanRow>[]);
      case "reservations": return upsertReservations(tx, rows as z.infer<typeof ReservationRow>[]);
      case "charges": return upsertCharges(tx, rows as z.infer<typeof ChargeRow>[]);
      case "suppliers": return upsertSuppliers(tx, rows as z.infer<typeof SupplierRow>[]);
    }
  };
  const { created, updated } = await run();
  return { created, updated };
}
