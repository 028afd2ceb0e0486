import { deployMigrations, dropDatabase } from "../../scripts/lib/migrate";
import { DEFAULT_REDIS, deleteRedisKeys, dropDatabases, integrationRunNames } from "../../scripts/lib/test-run";

// A fresh test database per run, built by the same migrations production applies. Names this run made up
// (vitest.config.ts) are removed again at the end, pass or fail: the database, its siblings and the Redis keys.
export default async function setup() {
  const names = integrationRunNames(process.env);
  await dropDatabase(names.databaseUrl);
  await deployMigrations(names.databaseUrl);
  return async function teardown() {
    if (names.generated.database) await dropDatabases(names.databaseUrl);
    if (names.generated.queuePrefix) await deleteRedisKeys(process.env.TEST_REDIS_URL ?? DEFAULT_REDIS, names.queuePrefix);
  };
}
