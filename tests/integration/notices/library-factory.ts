import type pg from "pg";
import { uid } from "../../factories";

// Rows for notice tests, written with plain SQL into a test library (engine-env.ts).
export async function addPatron(sql: pg.Client, options: { category?: string; email?: string | null; parentEmail?: string } = {}) {
  const id = uid();
  const email = options.email === undefined ? `patron.${id}@example.net` : options.email;
  const { rows } = await sql.query(
    `INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId", "registeredOn",
       "expiresOn", "updatedAt")
     SELECT $1, 'Pat', 'Ron ' || $2, $3, (SELECT id FROM "Branch" WHERE code = 'MAIN'),
       (SELECT id FROM "PatronCategory" WHERE code = $4), '2025-01-01', '2029-01-01', now() RETURNING id`,
    [`T${id}`, id, email, options.category ?? "ADULT"],
  );
  const patronId: number = rows[0].id;
  if (options.parentEmail) {
    await sql.query(`INSERT INTO "PatronContact" ("patronId", kind, name, email) VALUES ($1, 'PARENT', 'Parent Ron', $2)`,
      [patronId, options.parentEmail]);
  }
  return { id: patronId, email, cardNumber: `T${id}` };
}

export async function addLoan(sql: pg.Client, patronId: number, dueDate: string, options: { status?: string; title?: string } = {}) {
  const title = options.title ?? `Book ${uid()}`;
  const { rows } = await sql.query(
    `WITH item AS (INSERT INTO "Item" (barcode, title, "branchId", "replacementCost")
        VALUES ($1, $2, (SELECT id FROM "Branch" WHERE code = 'MAIN'), 12.99) RETURNING id)
     INSERT INTO "Loan" ("patronId", "itemId", "loanedAt", "dueDate", status, "statusSetAt")
     SELECT $3, item.id, $4::date - 28, $4::date, $5::"LoanStatus", $4::date - 28 FROM item RETURNING id`,
    [`I${uid()}`, title, patronId, dueDate, options.status ?? "ON_LOAN"],
  );
  return { id: rows[0].id as number, title };
}

export async function scenarioId(sql: pg.Client, code: string): Promise<number> {
  return (await sql.query(`SELECT id FROM "Scenario" WHERE code = $1`, [code])).rows[0].id;
}
