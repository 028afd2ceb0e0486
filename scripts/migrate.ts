// npm run db:migrate            apply pending migrations (creates the database when missing)
// npm run db:migrate:create x   write a new migration named x from schema.prisma's changes
// tsx scripts/migrate.ts check  exit 1 when prisma/migrations and schema.prisma disagree
import { env } from "../lib/env";
import { createMigration, deployMigrations, diffMigrationsToSchema } from "./lib/migrate";

const [command, name] = process.argv.slice(2);
const url = env.DATABASE_URL;

if (command === "deploy") {
  const applied = await deployMigrations(url);
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} else if (command === "create") {
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: give one of a-z, 0-9 and _");
  const created = await createMigration(url, name);
  console.log(created ? `Created prisma/migrations/${created}/migration.sql` : "No schema changes: nothing created.");
} else if (command === "check") {
  const sql = await diffMigrationsToSchema(url);
  if (sql) {
    console.error("schema.prisma and prisma/migrations disagree; run npm run db:migrate:create <name>:\n" + sql);
    process.exit(1);
  }
  console.log("schema.prisma and prisma/migrations agree.");
} else {
  console.error("usage: tsx scripts/migrate.ts deploy | create <name> | check");
  process.exit(2);
}
