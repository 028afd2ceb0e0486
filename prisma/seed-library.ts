// Builds the demo library with set-based SQL, deterministic from (seed, today, size).
// Every pseudo-random choice is r(row, salt): a hash of the row number, the salt and the seed, so the same inputs
// always give the same library, and 1,000,000 loans insert in one statement instead of a million round-trips.
import bcrypt from "bcryptjs";
import type pg from "pg";
import { seedScenarios } from "../lib/notices/seed-scenarios";
import * as data from "./seed-data";

export type SeedOptions = {
  seed: number;
  today: string; // YYYY-MM-DD, the library's local date the demo is centred on
  patrons: number;
  loans: number;
  adminEmail: string;
  adminPassword: string;
  log?: (message: string) => void;
};

export const SIZES = {
  demo: { patrons: 300, loans: 900 },
  large: { patrons: 200_000, loans: 1_000_000 },
} as const;

const TABLES = [
  "DeliveryAttempt", "Delivery", "EveryRunNotice", "Notice", "NoticeRun", "ScenarioLevel", "Scenario", "TemplateVersion", "Template", "AuditLog", "WorkerHeartbeat", "OrderEmail", "ClaimRun", "AcquisitionsSettings", "PurchaseOrderLine", "PurchaseOrder", "PurchaseOrderCounter", "SupplierContact", "Supplier", "Charge",
  "Reservation", "Loan", "Item", "PatronLibraryGroup", "PatronContact", "Patron", "LibraryGroup", "AcademicLevel",
  "PatronCategory", "BranchClosedDay", "Branch", "StaffUser", "LibrarySettings",
];

export async function seedLibrary(db: pg.ClientBase, options: SeedOptions) {
  const log = options.log ?? (() => {});
  const { patrons: P, loans: L, today } = options;
  if (!Number.isInteger(options.seed) || options.seed < 0) throw new Error("seed: a non-negative integer");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error("today: YYYY-MM-DD");
  const started = Date.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const res = await db.query(sql, params);
    log(`${label}: ${res.rowCount ?? 0} rows in ${Date.now() - t} ms`);
  };
  const passwordHash = await bcrypt.hash(options.adminPassword, 10);

  await db.query("BEGIN");
  try {
    // Dates and intervals become instants as UTC, whatever the server's default zone: the same seed, the same library.
    await db.query("SET LOCAL TimeZone = 'UTC'");
    await db.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
    // r(i, salt): deterministic pseudo-random non-negative bigint. pg_temp keeps it out of the schema.
    await db.query(`CREATE OR REPLACE FUNCTION pg_temp.r(i bigint, salt int) RETURNS bigint LANGUAGE sql IMMUTABLE
      AS $$ SELECT abs(hashint8extended(i, ${options.seed}::bigint * 1000 + salt)) $$`);
    await db.query(`CREATE TEMP TABLE seed_today ON COMMIT DROP AS SELECT $1::date AS d`, [today]);
    const T = "(SELECT d FROM seed_today)";

    await step("settings", `INSERT INTO "LibrarySettings" (id, name, "timeZone", "closingTime", "senderAddress",
      "senderName", "replyToAddress", address, "openingHours", "footerText", "frameTranslations", "defaultLanguage", "updatedAt")
      VALUES (1, 'Riverside Public Library',
      'Europe/London', '17:00', 'notices@riverside-library.example', 'Riverside Public Library',
      'enquiries@riverside-library.example', '1 Library Square, Riverside RV1 1AA', 'Mon-Fri 9:00-19:00, Sat 10:00-16:00',
      'Renew, reserve and pay online at riverside-library.example or call 01632 960000.', $1,
      'en-GB', now())`, [JSON.stringify(data.FRAME_TRANSLATIONS)]);
    for (const b of data.BRANCHES) {
      await db.query(`INSERT INTO "Branch" (code, name, email, phone, address, "openingHours") VALUES ($1,$2,$3,$4,$5,$6)`,
        [b.code, b.name, b.email, b.phone, b.address, JSON.stringify(b.openingHours)]);
    }
    // Bank holidays around the demo date, closed at every branch.
    await step("closed days", `INSERT INTO "BranchClosedDay" ("branchId", date, reason)
      SELECT b.id, d.date, d.reason FROM "Branch" b CROSS JOIN (VALUES
        (make_date(extract(year FROM ${T})::int, 12, 25), 'Christmas Day'),
        (make_date(extract(year FROM ${T})::int, 12, 26), 'Boxing Day'),
        (make_date(extract(year FROM ${T})::int + 1, 1, 1), 'New Year''s Day'),
        (make_date(extract(year FROM ${T})::int, 1, 1), 'New Year''s Day')) AS d(date, reason)`);
    await db.query(`INSERT INTO "PatronCategory" (code, name) SELECT * FROM unnest($1::text[], $2::text[])`,
      [data.CATEGORIES.map((c) => c[0]), data.CATEGORIES.map((c) => c[1])]);
    await db.query(`INSERT INTO "AcademicLevel" (code, name) SELECT * FROM unnest($1::text[], $2::text[])`,
      [data.ACADEMIC_LEVELS.map((c) => c[0]), data.ACADEMIC_LEVELS.map((c) => c[1])]);
    await db.query(`INSERT INTO "LibraryGroup" (code, name) SELECT * FROM unnest($1::text[], $2::text[])`,
      [data.LIBRARY_GROUPS.map((c) => c[0]), data.LIBRARY_GROUPS.map((c) => c[1])]);

    // Patrons. Category: 60% adult, 15% child, 8% YA, 8% senior, 6% student, 2% staff, 1% institution.
    await step("patrons", `INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, mobile,
        "preferredLanguage", "addressLine1", city, postcode, "homeBranchId", "categoryId", "academicLevelId",
        "registeredOn", "expiresOn", "lastActivityAt", status, "statusSetAt", "updatedAt")
      SELECT 'P' || lpad(i::text, 8, '0'), fn, ln,
        CASE WHEN pg_temp.r(i, 3) % 100 < 85 THEN lower(translate(fn, 'éâ''', 'ea')) || '.' ||
          lower(translate(ln, '''', '')) || '.' || i || '@example.net' END,
        CASE WHEN pg_temp.r(i, 4) % 100 < 60 THEN '07700 9' || lpad((i % 100000)::text, 5, '0') END,
        CASE pg_temp.r(i, 5) % 20 WHEN 0 THEN 'cy' WHEN 1 THEN 'pl' ELSE 'en' END,
        (1 + pg_temp.r(i, 6) % 200) || ' ' || ($3::text[])[1 + pg_temp.r(i, 7) % array_length($3::text[], 1)],
        'Riverside', 'RV' || (1 + pg_temp.r(i, 8) % 9) || ' ' || (1 + pg_temp.r(i, 9) % 9) || 'AB',
        1 + pg_temp.r(i, 10) % 3, cat, lvl, reg, reg + interval '3 years',
        ${T} - (pg_temp.r(i, 12) % 400 || ' days')::interval,
        CASE WHEN (reg + interval '3 years')::date < ${T} THEN 'EXPIRED'
             WHEN pg_temp.r(i, 13) % 100 < 2 THEN 'DEBARRED' ELSE 'ACTIVE' END::"PatronStatus",
        ${T} - (pg_temp.r(i, 14) % 200 || ' days')::interval, now()
      FROM (SELECT i,
          ($1::text[])[1 + pg_temp.r(i, 1) % array_length($1::text[], 1)] AS fn,
          ($2::text[])[1 + pg_temp.r(i, 2) % array_length($2::text[], 1)] AS ln,
          (SELECT id FROM "PatronCategory" WHERE code = CASE
            WHEN pg_temp.r(i, 11) % 100 < 60 THEN 'ADULT' WHEN pg_temp.r(i, 11) % 100 < 75 THEN 'CHILD'
            WHEN pg_temp.r(i, 11) % 100 < 83 THEN 'YA' WHEN pg_temp.r(i, 11) % 100 < 91 THEN 'SENIOR'
            WHEN pg_temp.r(i, 11) % 100 < 97 THEN 'STUDENT' WHEN pg_temp.r(i, 11) % 100 < 99 THEN 'STAFF'
            ELSE 'INST' END) AS cat,
          (SELECT id FROM "AcademicLevel" WHERE code = CASE
            WHEN pg_temp.r(i, 11) % 100 BETWEEN 60 AND 74 THEN 'PRIMARY'
            WHEN pg_temp.r(i, 11) % 100 BETWEEN 75 AND 82 THEN 'SECONDARY'
            WHEN pg_temp.r(i, 11) % 100 BETWEEN 91 AND 96 THEN
              CASE WHEN pg_temp.r(i, 15) % 4 = 0 THEN 'POSTGRAD' ELSE 'UNDERGRAD' END END) AS lvl,
          (${T} - ((pg_temp.r(i, 16) % 1200) || ' days')::interval)::date AS reg
        FROM generate_series(1, ${P}) AS i) p`, [data.FIRST_NAMES, data.LAST_NAMES, data.STREETS]);

    // Contacts: every child has a parent; some young adults a guardian; some school pupils a teacher.
    await step("contacts", `INSERT INTO "PatronContact" ("patronId", kind, name, email, mobile)
      SELECT p.id, k.kind::"ContactKind", k.name, k.email, k.mobile FROM "Patron" p
      JOIN "PatronCategory" c ON c.id = p."categoryId"
      CROSS JOIN LATERAL (VALUES
        (CASE WHEN c.code = 'CHILD' THEN 'PARENT' WHEN c.code = 'YA' AND pg_temp.r(p.id, 20) % 3 = 0 THEN 'GUARDIAN' END,
         'Parent/guardian of ' || p."firstName" || ' ' || p."lastName",
         'family.' || p.id || '@example.org', '07700 8' || lpad((p.id % 100000)::text, 5, '0')),
        (CASE WHEN p."academicLevelId" IS NOT NULL AND pg_temp.r(p.id, 21) % 10 = 0 THEN 'TEACHER' END,
         'Class teacher', 'teacher.' || (p.id % 40) || '@school.example', NULL)
      ) AS k(kind, name, email, mobile) WHERE k.kind IS NOT NULL`);
    await step("group members", `INSERT INTO "PatronLibraryGroup" ("patronId", "groupId")
      SELECT p.id, 1 + pg_temp.r(p.id, 22) % 4 FROM "Patron" p WHERE pg_temp.r(p.id, 23) % 10 = 0`);

    // One item per loan, so an item is never on two open loans at once.
    await step("items", `INSERT INTO "Item" (barcode, title, author, "callNumber", isbn, "replacementCost", "branchId")
      SELECT 'B' || lpad(i::text, 9, '0'),
        'The ' || ($1::text[])[1 + pg_temp.r(i, 30) % array_length($1::text[], 1)] || ' ' ||
          ($2::text[])[1 + pg_temp.r(i, 31) % array_length($2::text[], 1)],
        ($4::text[])[1 + pg_temp.r(i, 32) % array_length($4::text[], 1)] || ', ' ||
          ($3::text[])[1 + pg_temp.r(i, 33) % array_length($3::text[], 1)],
        (100 + pg_temp.r(i, 34) % 900) || '.' || (pg_temp.r(i, 35) % 100),
        '978' || lpad((pg_temp.r(i, 36) % 10000000000)::text, 10, '0'),
        (5 + pg_temp.r(i, 37) % 30) + (pg_temp.r(i, 38) % 100) / 100.0, 1 + pg_temp.r(i, 39) % 3
      FROM generate_series(1, ${L + Math.ceil(P / 2)}) AS i`,
      [data.TITLE_ADJECTIVES, data.TITLE_NOUNS, data.FIRST_NAMES, data.LAST_NAMES]);

    // Loans. s = r % 100: 0-56 on loan, 57-79 returned, then lost, long overdue, reported lost, recalled,
    // claimed returned, claimed never borrowed. Open loans (28-day loan period, renewals add 28 days each): 30% overdue by 1-40 days, the rest due in 0-28 days.
    await step("loans", `INSERT INTO "Loan" ("externalId", "patronId", "itemId", "branchId", "loanedAt", "dueDate",
        "returnedAt", "renewalsUsed", "renewalsAllowed", status, "statusSetAt")
      SELECT 'L' || i, 1 + pg_temp.r(i, 40) % ${P}, i, 1 + pg_temp.r(i, 39) % 3,
        (due - 28 * (1 + ren)) + time '11:00', due,
        CASE WHEN st = 'RETURNED' THEN (due - (pg_temp.r(i, 43) % 10)::int) + time '15:30' END,
        ren, allowed, st::"LoanStatus",
        CASE WHEN st IN ('ON_LOAN') THEN (due - 28 * (1 + ren)) + time '11:00'
             WHEN st = 'RETURNED' THEN (due - (pg_temp.r(i, 43) % 10)::int) + time '15:30'
             ELSE LEAST(due + 14 + (pg_temp.r(i, 44) % 40)::int, ${T} - 1) + time '09:00' END
      FROM (SELECT i, st,
          CASE WHEN pg_temp.r(i, 45) % 10 = 0 THEN 0 ELSE 3 END AS allowed,
          LEAST(pg_temp.r(i, 46) % 4, CASE WHEN pg_temp.r(i, 45) % 10 = 0 THEN 0 ELSE 3 END)::int AS ren,
          CASE WHEN st = 'ON_LOAN' AND pg_temp.r(i, 47) % 10 < 3 THEN ${T} - (1 + pg_temp.r(i, 48) % 40)::int
               WHEN st = 'ON_LOAN' THEN ${T} + (pg_temp.r(i, 48) % 29)::int
               WHEN st = 'RETURNED' THEN ${T} - (pg_temp.r(i, 48) % 200)::int
               ELSE ${T} - (40 + pg_temp.r(i, 48) % 120)::int END AS due
        FROM (SELECT i, CASE
            WHEN s < 57 THEN 'ON_LOAN' WHEN s < 80 THEN 'RETURNED' WHEN s < 83 THEN 'LOST'
            WHEN s < 86 THEN 'LONG_OVERDUE' WHEN s < 89 THEN 'REPORTED_LOST' WHEN s < 92 THEN 'RECALLED'
            WHEN s < 96 THEN 'CLAIMED_RETURNED' ELSE 'CLAIMED_NEVER_BORROWED' END AS st
          FROM (SELECT i, pg_temp.r(i, 41) % 100 AS s FROM generate_series(1, ${L}) AS i) s) t) l`);
    // Some claims were resolved by staff (the "resolved" notices).
    await step("resolved claims", `UPDATE "Loan" SET "statusResolvedAt" = "statusSetAt" + interval '5 days',
        "resolvedClaim" = status, "notifyResolution" = true
      WHERE status IN ('CLAIMED_RETURNED', 'CLAIMED_NEVER_BORROWED') AND pg_temp.r(id, 49) % 3 = 0`);

    // Reservations on the items past the loans (not on loan). s: 0-29 waiting, 30-49 ready, 50-69 collected,
    // 70-77 expired uncollected, 78-82 expired unfulfilled, 83-92 cancelled, 93-99 auto-cancelled.
    const R = Math.ceil(P / 2);
    await step("reservations", `INSERT INTO "Reservation" ("externalId", "patronId", "itemId", title, "pickupBranchId",
        status, "placedAt", "readyAt", "pickupBy", "completedAt")
      SELECT 'R' || i, 1 + pg_temp.r(i, 50) % ${P}, it.id, it.title, 1 + pg_temp.r(i, 51) % 3, st::"ReservationStatus",
        placed, ready, (ready + interval '7 days')::date,
        CASE WHEN st NOT IN ('WAITING', 'READY_FOR_PICKUP') THEN COALESCE(ready, placed) + interval '7 days' END
      FROM (SELECT i, ${L} + i AS item_id, placed,
          CASE WHEN st IN ('READY_FOR_PICKUP') THEN ${T} - (pg_temp.r(i, 53) % 8)::int + time '08:30'
               WHEN st IN ('COLLECTED', 'EXPIRED_UNCOLLECTED') THEN placed + interval '3 days' END AS ready, st
        FROM (SELECT i, ${T} - (1 + pg_temp.r(i, 54) % 30)::int + time '12:00' AS placed, CASE
            WHEN s < 30 THEN 'WAITING' WHEN s < 50 THEN 'READY_FOR_PICKUP' WHEN s < 70 THEN 'COLLECTED'
            WHEN s < 78 THEN 'EXPIRED_UNCOLLECTED' WHEN s < 83 THEN 'EXPIRED_UNFULFILLED' WHEN s < 93 THEN 'CANCELLED'
            ELSE 'AUTO_CANCELLED' END AS st
          FROM (SELECT i, pg_temp.r(i, 52) % 100 AS s FROM generate_series(1, ${R}) AS i) a) b) r
      JOIN "Item" it ON it.id = r.item_id`);
    // Completed reservations never complete in the future.
    await db.query(`UPDATE "Reservation" SET "completedAt" = LEAST("completedAt", ${T} - 1 + time '18:00')
      WHERE "completedAt" IS NOT NULL`);

    // Charges: the replacement cost of lost items, fines on a third of returned-late loans, a few fees.
    await step("charges", `INSERT INTO "Charge" ("externalId", "patronId", "loanId", kind, code, description, amount,
        balance, "createdAt", "paidAt")
      SELECT 'C' || l.id, l."patronId", l.id, k.kind::"ChargeKind", k.code, k.descr, k.amount,
        CASE WHEN pg_temp.r(l.id, 60) % 4 = 0 THEN 0 WHEN pg_temp.r(l.id, 60) % 4 = 1 THEN round(k.amount / 2, 2)
             ELSE k.amount END,
        l."statusSetAt", CASE WHEN pg_temp.r(l.id, 60) % 4 = 0 THEN l."statusSetAt" + interval '3 days' END
      FROM "Loan" l JOIN "Item" it ON it.id = l."itemId"
      CROSS JOIN LATERAL (SELECT CASE WHEN l.status IN ('LOST', 'REPORTED_LOST') THEN 'LOST_ITEM' ELSE 'OVERDUE_FINE' END
          AS kind, CASE WHEN l.status IN ('LOST', 'REPORTED_LOST') THEN 'LOST' ELSE 'ODF' END AS code,
          CASE WHEN l.status IN ('LOST', 'REPORTED_LOST') THEN 'Replacement: ' ELSE 'Overdue fine: ' END || it.title AS descr,
          CASE WHEN l.status IN ('LOST', 'REPORTED_LOST') THEN it."replacementCost"
               ELSE 0.25 * (1 + pg_temp.r(l.id, 61) % 20) END AS amount) k
      WHERE l.status IN ('LOST', 'REPORTED_LOST') OR (l.status = 'RETURNED' AND pg_temp.r(l.id, 62) % 3 = 0)`);
    await step("fees", `INSERT INTO "Charge" ("externalId", "patronId", kind, code, description, amount, balance,
        "createdAt") SELECT 'F' || i, 1 + pg_temp.r(i, 63) % ${P},
        CASE WHEN i % 2 = 0 THEN 'RESERVATION_FEE' ELSE 'DAMAGE' END::"ChargeKind",
        CASE WHEN i % 2 = 0 THEN 'RES' ELSE 'DMG' END,
        CASE WHEN i % 2 = 0 THEN 'Reservation fee' ELSE 'Damaged item' END,
        CASE WHEN i % 2 = 0 THEN 1.00 ELSE 4.50 END, CASE WHEN i % 2 = 0 THEN 1.00 ELSE 4.50 END,
        ${T} - (pg_temp.r(i, 64) % 60)::int + time '10:00'
      FROM generate_series(1, ${Math.ceil(P / 20)}) AS i`);

    await seedAcquisitions(db, T);
    await seedScenarios(db);
    await step("staff", `INSERT INTO "StaffUser" (email, name, "passwordHash", role) VALUES
      ($1, 'Ada Admin', $2, 'ADMIN'), ('circulation@library.example', 'Cal Circulation', $2, 'CIRCULATION'),
      ('acquisitions@library.example', 'Aqua Acquisitions', $2, 'ACQUISITIONS'),
      ('readonly@library.example', 'Rita Reader', $2, 'READ_ONLY')`, [options.adminEmail, passwordHash]);
    await db.query(`INSERT INTO "AuditLog" ("actorKind", action, entity, details) VALUES ('seed', 'seed', 'library', $1)`,
      [JSON.stringify({ seed: options.seed, today, patrons: P, loans: L })]);
    await db.query("COMMIT");
  } catch (err) {
    await db.query("ROLLBACK");
    throw err;
  }
  // Fresh statistics, so the first queries on a big data set get good plans; and the visibility map set, as autovacuum
  // would soon after a bulk load, so the planner's index-only scans need not visit the tables (see Loan_planner_idx).
  await db.query("VACUUM ANALYZE");
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function seedAcquisitions(db: pg.ClientBase, T: string) {
  await db.query(`INSERT INTO "Supplier" (code, name, email, phone, address, "accountNumber") VALUES
    ('BKW', 'Bookwise Library Supply', 'orders@bookwise.example', '0113 496 0000', 'Unit 4, Leeds LS1 4AP', 'RPL-0042'),
    ('PGT', 'Page Turner Distribution', 'sales@pageturner.example', '0161 496 0111', '12 Mill St, Manchester M1 2AB', 'RIV77')`);
  await db.query(`INSERT INTO "SupplierContact" ("supplierId", name, role, email, phone, "isPrimary", "receivesOrders", "receivesClaims") VALUES
    (1, 'Priya Shah', 'Account manager', 'priya.shah@bookwise.example', '0113 496 0001', true, true, false),
    (1, 'Tom Reed', 'Accounts', 'accounts@bookwise.example', NULL, false, false, true),
    (2, 'Gareth Owen', 'Library sales', 'gareth.owen@pageturner.example', '0161 496 0112', true, true, true)`);
  await db.query(`INSERT INTO "PurchaseOrder" (number, "supplierId", "branchId", status, notes, "createdAt", "sentAt")
    SELECT 'PO-' || extract(year FROM ${T})::int || '-' || lpad(i::text, 5, '0'), 1 + i % 2, 1 + i % 3,
      (CASE WHEN i <= 3 THEN 'DRAFT' WHEN i <= 5 THEN 'SENT' ELSE 'RECEIVED' END)::"PurchaseOrderStatus",
      CASE WHEN i = 1 THEN 'Please supply shelf-ready with RFID tags.' END,
      ${T} - (i * 6) + time '10:00', CASE WHEN i > 3 THEN ${T} - (i * 6 - 1) + time '10:00' END
    FROM generate_series(1, 8) AS i`);
  await db.query(`INSERT INTO "PurchaseOrderLine" ("orderId", "lineNo", title, author, isbn, quantity, "unitPrice", fund)
    SELECT o.id, n, it.title, it.author, it.isbn, 1 + pg_temp.r(o.id * 10 + n, 70) % 4,
      it."replacementCost", ($1::text[])[1 + pg_temp.r(o.id * 10 + n, 71) % array_length($1::text[], 1)]
    FROM "PurchaseOrder" o CROSS JOIN generate_series(1, 6) AS n
    JOIN "Item" it ON it.id = o.id * 10 + n
    WHERE n <= 2 + o.id % 5`, [data.FUNDS]);
  // Received orders have every copy in.
  await db.query(`UPDATE "PurchaseOrderLine" l SET "receivedQuantity" = quantity FROM "PurchaseOrder" o WHERE o.id = l."orderId" AND o.status = 'RECEIVED'`);
  await db.query(`INSERT INTO "PurchaseOrderCounter" (year, last) VALUES (extract(year FROM ${T})::int, 8)`);
  await db.query(`INSERT INTO "AcquisitionsSettings" (id) VALUES (1)`);
  // Each sent order's email, as the worker records one (the demo's catcher never saw them: no message is kept).
  await db.query(`INSERT INTO "OrderEmail" ("orderId", kind, recipients, status, attempts, "messageId", subject, "smtpCode", reply,
      "sentAt", "requestedBy", "createdAt", "updatedAt")
    SELECT o.id, 'ORDER', ARRAY(SELECT c.email FROM "SupplierContact" c WHERE c."supplierId" = o."supplierId" AND c."receivesOrders" ORDER BY c.id),
      'SENT', 1, '<order-email-' || o.id || '@riverside-library.example>', 'Order ' || o.number || ' from Riverside Public Library', 250,
      '250 2.0.0 Ok: queued', o."sentAt", 'acquisitions@library.example', o."sentAt", o."sentAt"
    FROM "PurchaseOrder" o WHERE o."sentAt" IS NOT NULL ORDER BY o.id`);
}
