import { deployMigrations, dropDatabase } from "../../scripts/lib/migrate";

// A fresh test database per run, built by the same migrations production applies.
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard_test";
  await dropDatabase(url);
  await deployMigrations(url);
}
