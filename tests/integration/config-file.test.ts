// Configuration as a file (issue 13 item 9): export → import into an empty library gives the same configuration; the
// check reports what would change and writes nothing; a bad file is refused naming the field, nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportConfig } from "@/lib/config-file/export-config";
import { importConfig } from "@/lib/config-file/import-config";
import { createPrismaClient } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deployMigrations, dropDatabase } from "../../scripts/lib/migrate";
import { siblingDatabaseUrl } from "../factories";
import { createEngineLibrary } from "./notices/engine-env";

let source: Awaited<ReturnType<typeof createEngineLibrary>>;
const emptyUrl = siblingDatabaseUrl("config_empty");
let empty: ReturnType<typeof createPrismaClient>;
let staff: { id: number; email: string };

beforeAll(async () => {
  source = await createEngineLibrary("config_source");
  // Beyond the small library's seed: academic levels, a group, a closed day, a translated template, a per-category scenario.
  const { sql } = source;
  await sql.query(`INSERT INTO "AcademicLevel" (code, name) VALUES ('UG', 'Undergraduate'), ('PG', 'Postgraduate')`);
  await sql.query(`INSERT INTO "LibraryGroup" (code, name) VALUES ('CLUB', 'Book club')`);
  await sql.query(`INSERT INTO "BranchClosedDay" ("branchId", date, reason) SELECT id, '2026-12-25', 'Christmas' FROM "Branch" WHERE code = 'MAIN'`);
  await sql.query(`UPDATE "ScenarioLevel" SET "excludeAcademicLevelIds" = ARRAY[(SELECT id FROM "AcademicLevel" WHERE code = 'UG')]
    WHERE level = 2 AND "scenarioId" = (SELECT id FROM "Scenario" WHERE code = 'overdue-escalation')`);
  await sql.query(`UPDATE "Scenario" SET "includeCategoryIds" = ARRAY[(SELECT id FROM "PatronCategory" WHERE code = 'CHILD')],
    "excludeLibraryGroupIds" = ARRAY[(SELECT id FROM "LibraryGroup" WHERE code = 'CLUB')], "isEnabled" = true WHERE code = 'pre-overdue'`);
  await dropDatabase(emptyUrl);
  await deployMigrations(emptyUrl);
  empty = createPrismaClient(emptyUrl);
  staff = await empty.staffUser.create({ data: { email: "admin@test-library.example", name: "Admin", passwordHash: "x", role: "ADMIN" } });
});
afterAll(async () => {
  await empty.$disconnect();
  await dropDatabase(emptyUrl);
  await source.close();
});

const withoutStamp = ({ exportedAt: _at, ...rest }: Awaited<ReturnType<typeof exportConfig>>) => rest;

describe("configuration file", () => {
  it("export → check → import into an empty library gives the same configuration; importing it again changes nothing", async () => {
    const file = JSON.parse(JSON.stringify(await exportConfig(source.db)));
    expect(file.scenarios.find((s: { code: string }) => s.code === "pre-overdue")).toMatchObject({ includeCategories: ["CHILD"], excludeLibraryGroups: ["CLUB"] });

    const check = await importConfig(empty, file, { apply: false }, staff);
    expect(check.applied).toBe(false);
    expect(check.changes.filter((c) => c.area === "Scenarios")).toHaveLength(file.scenarios.length);
    expect(check.changes.every((c) => c.change === "created")).toBe(true);
    expect(await empty.scenario.count()).toBe(0); // the check wrote nothing
    expect(await empty.librarySettings.count()).toBe(0);

    const applied = await importConfig(empty, file, { apply: true }, staff);
    expect(applied.changes.length).toBe(check.changes.length);
    expect(withoutStamp(await exportConfig(empty))).toEqual(withoutStamp(file));

    const again = await importConfig(empty, file, { apply: true }, staff);
    expect(again.changes).toEqual([]);
    expect(again.unchanged).toBe(check.changes.length);
  });

  it("reports what a changed file would change, in the editors' words, and refuses a bad one naming the field, writing nothing", async () => {
    const file = JSON.parse(JSON.stringify(await exportConfig(empty)));
    const escalation = file.scenarios.find((s: { code: string }) => s.code === "overdue-escalation");
    escalation.runAt = "05:30";
    escalation.levels[1].periodDays = 21;
    const report = await importConfig(empty, file, { apply: false }, staff);
    expect(report.changes).toEqual([{ area: "Scenarios", key: "overdue-escalation", change: "updated", lines: ["Run time: 02:00 → 05:30", "Level 2 · Days: 14 → 21"] }]);
    expect((await empty.scenario.findUniqueOrThrow({ where: { code: "overdue-escalation" } })).runAt).toBe("02:00");

    const index = file.scenarios.indexOf(escalation);
    escalation.excludeAcademicLevels = ["NOPE"];
    file.settings.name = "Renamed library";
    const err = await importConfig(empty, file, { apply: true }, staff).then(() => null, (e: AppError) => e);
    expect(err?.fieldErrors).toEqual({ [`scenarios[${index}].excludeAcademicLevels`]: ["no such code: NOPE"] });
    expect((await empty.librarySettings.findUniqueOrThrow({ where: { id: 1 } })).name).not.toBe("Renamed library"); // all or nothing

    escalation.excludeAcademicLevels = [];
    escalation.levels[2].periodDays = 10; // before level 2's 21
    const order = await importConfig(empty, file, { apply: true }, staff).then(() => null, (e: AppError) => e);
    expect(order?.fieldErrors).toEqual({ [`scenarios[${index}].levels[2].periodDays`]: ["must be more than level 2's (21)"] });
    const notAFile = await importConfig(empty, { hello: 1 }, { apply: true }, staff).then(() => null, (e: AppError) => e);
    expect(Object.keys(notAFile?.fieldErrors ?? {})).toContain("format");
  });
});
