// A small library for the notice tests and the fault run (scripts/chaos.ts): settings, the default scenarios (all
// off: a test or run enables, or replays, what it sends), one branch and three patron categories; and patrons who
// each have one loan due the day after a date (one pre-overdue reminder each on that date).
import type pg from "pg";
import { seedScenarios } from "@/lib/notices/seed-scenarios";

export async function seedSmallLibrary(sql: pg.ClientBase, options: { name?: string; senderAddress?: string; timeZone?: string } = {}) {
  const name = options.name ?? "Test Library";
  await sql.query(`INSERT INTO "LibrarySettings" (id, name, "timeZone", "senderAddress", "senderName", "defaultLanguage", "updatedAt")
    VALUES (1, $1, $2, $3, $1, 'en-GB', now())`,
  [name, options.timeZone ?? "Europe/London", options.senderAddress ?? "notices@test-library.example"]);
  await seedScenarios(sql);
  await sql.query(`UPDATE "Scenario" SET "isEnabled" = false`);
  await sql.query(`INSERT INTO "Branch" (code, name) VALUES ('MAIN', 'Main Library')`);
  await sql.query(`INSERT INTO "PatronCategory" (code, name) VALUES ('ADULT', 'Adult'), ('CHILD', 'Child'), ('STAFF', 'Staff')`);
}

/** `count` patrons (cards `<tag><n>`, addresses `<tag>.<n>@example.net`) with a loan due the day after `date`. */
export async function addPatronsDue(sql: pg.ClientBase, tag: string, date: string, count: number) {
  await sql.query(`INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId",
      "registeredOn", "expiresOn", "updatedAt")
    SELECT '${tag}' || i, 'Fault', 'Test ' || i, '${tag}.' || i || '@example.net', (SELECT id FROM "Branch" LIMIT 1),
      (SELECT id FROM "PatronCategory" WHERE code = 'ADULT'), '2025-01-01', '2029-01-01', now()
    FROM generate_series(1, ${count}) i`);
  await sql.query(`INSERT INTO "Item" (barcode, title, "branchId") SELECT '${tag}I' || i, 'Fault book ' || i,
      (SELECT id FROM "Branch" LIMIT 1) FROM generate_series(1, ${count}) i`);
  await sql.query(`INSERT INTO "Loan" ("patronId", "itemId", "loanedAt", "dueDate")
    SELECT p.id, it.id, $1::date - 28, $1::date + 1 FROM "Patron" p
    JOIN "Item" it ON it.barcode = '${tag}I' || substr(p."cardNumber", ${tag.length + 1}) WHERE p."cardNumber" LIKE '${tag}%'`, [date]);
}
