import { createHash } from "node:crypto";
import { readFile, readdir, writeFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "../../scripts/lib/migrate";
import { MIGRATIONS_DIR, SCHEMA_PATH } from "../../scripts/lib/schema-engine";
import { db } from "./db";

const url = process.env.DATABASE_URL!;
afterAll(() => db.$disconnect());

describe("migrations", () => {
  it("agree with schema.prisma (run npm run db:migrate:create <name> when this fails)", async () => {
    expect(await diffMigrationsToSchema(url)).toBe("");
  });

  it("would notice a schema change that has no migration", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const changed = schema.replace("model Branch {", "model Branch {\n  motto String?");
    const dir = await mkdtemp(path.join(os.tmpdir(), "nb-schema-"));
    const file = path.join(dir, "schema.prisma");
    await writeFile(file, changed);
    const sql = await diffMigrationsToSchema(url, file);
    expect(sql).toMatch(/ALTER TABLE "Branch" ADD COLUMN\s+"motto" TEXT/);
  });

  it("are recorded with the checksum prisma migrate deploy expects (sha256 of migration.sql)", async () => {
    const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const rows = await db.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(names.sort());
    for (const row of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }
  });
});
