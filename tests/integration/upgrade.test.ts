// Upgrading a library built before instants were timestamptz (migration 20261201031350): the ledger's event-dated
// notices were recorded under the old, wrong date (the stored UTC read as local time). The migration moves them to the
// right date, so the first night after the upgrade does not send them a second time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { previewRun } from "@/lib/notices/preview-run";
import { deployMigrations, dropDatabase } from "../../scripts/lib/migrate";
import { siblingDatabaseUrl } from "../factories";

const url = siblingDatabaseUrl("upgrade");
const UPGRADE = "20261201031350_timestamptz_and_engine_rules";
let sql: pg.Client;

beforeAll(async () => {
  await dropDatabase(url);
  await deployMigrations(url, { before: UPGRADE });
  sql = new pg.Client({ connectionString: url, options: "-c TimeZone=UTC" });
  await sql.connect();
});
afterAll(async () => {
  await sql.end();
  await dropDatabase(url);
});

describe("upgrading to timestamptz", () => {
  it("moves event-dated notices to their right date: nothing recorded before is due again after the upgrade", async () => {
    // An Auckland library, as the old code ran it: a reservation ready at 14:00 NZDT on 3 Feb (01:00 UTC) was dated 2 Feb.
    await sql.query(`INSERT INTO "LibrarySettings" (id, name, "timeZone", "senderAddress", "updatedAt")
      VALUES (1, 'Old Library', 'Pacific/Auckland', 'notices@old.example', now())`);
    await sql.query(`INSERT INTO "Branch" (code, name) VALUES ('MAIN', 'Main')`);
    await sql.query(`INSERT INTO "PatronCategory" (code, name) VALUES ('ADULT', 'Adult')`);
    await sql.query(`INSERT INTO "Template" (name, family, "updatedAt") VALUES ('Ready', 'RESERVATION', now())`);
    await sql.query(`INSERT INTO "TemplateVersion" ("templateId", language, version, subject, body) VALUES (1, 'en', 1, 'Ready', 'Ready')`);
    await sql.query(`INSERT INTO "Scenario" (code, kind, name, "catchUpDays", "updatedAt") VALUES ('reservation-ready', 'V', 'Ready', NULL, now())`);
    await sql.query(`INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", "templateId") VALUES (1, 1, 0, 1)`);
    await sql.query(`INSERT INTO "Patron" ("cardNumber", "firstName", "lastName", email, "homeBranchId", "categoryId", "registeredOn", "expiresOn", "updatedAt")
      VALUES ('P1', 'Pat', 'Ron', 'pat@example.net', 1, 1, '2025-01-01', '2029-01-01', now())`);
    // Stored as the old code stored instants: the UTC wall-clock time in a timestamp without time zone.
    await sql.query(`INSERT INTO "Reservation" ("patronId", title, "pickupBranchId", status, "readyAt", "pickupBy")
      VALUES (1, 'A book', 1, 'READY_FOR_PICKUP', '2026-02-03 01:00:00', '2026-02-10'),
             (1, 'Another', 1, 'READY_FOR_PICKUP', '2026-02-05 01:00:00', '2026-02-12')`);
    // The first was notified by the old code, under its old date; the second not yet.
    await sql.query(`INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", status) VALUES ('old', '2026-02-02', 'SCHEDULED', '{1}', 'PLANNED')`);
    await sql.query(`INSERT INTO "Notice" ("runId", "scenarioId", level, kind, "patronId", "subjectId", "reservationId", occurrence, status)
      VALUES (1, 1, 1, 'V', 1, 1, 1, '2026-02-02', 'SENT')`);

    await deployMigrations(url);

    const { rows } = await sql.query(`SELECT "subjectId", to_char(occurrence, 'YYYY-MM-DD') AS occurrence, "levelId" FROM "Notice"`);
    expect(rows).toEqual([{ subjectId: 1, occurrence: "2026-02-03", levelId: 1 }]);
    const ready = await sql.query(`SELECT to_char("readyAt" AT TIME ZONE 'Pacific/Auckland', 'YYYY-MM-DD HH24:MI') AS local FROM "Reservation" ORDER BY id`);
    expect(ready.rows.map((r) => r.local)).toEqual(["2026-02-03 14:00", "2026-02-05 14:00"]);
    const db = createPrismaClient(url);
    try {
      const preview = await previewRun(db, { runDate: "2026-02-06" });
      const notified = preview.deliveries.flatMap((d) => d.messages.flatMap((m) => m.notices.map((n) => n.id)));
      expect(notified).toEqual([2]); // the second reservation only: the first was told on 3 Feb
    } finally {
      await db.$disconnect();
    }
  });
});
