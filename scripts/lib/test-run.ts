// The names one test run uses on the shared PostgreSQL and Redis: databases (the suite's, and `<name>_<suffix>`
// beside it for tests that need one of their own) and Redis key prefixes. Unless set, each run gets names of its
// own (a random run id), so two checkouts, or two runs in one checkout, can run `npm test` at once on one
// PostgreSQL and Redis. Names given explicitly (TEST_DATABASE_URL, TEST_QUEUE_PREFIX) are used as they are, and are
// not dropped at the end, so a developer can look at them after a run.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";

export const DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432";
export const DEFAULT_REDIS = "redis://127.0.0.1:6379";

export const newRunId = () => randomBytes(4).toString("hex");

/**
 * The integration suite's names: TEST_DATABASE_URL and TEST_QUEUE_PREFIX when set, otherwise names made from the run
 * id (TEST_RUN_ID, written into `env` when unset so that the config, the global setup and scripts/test.sh agree).
 * `generated` says which names are the run's own, to be dropped at its end.
 */
export function integrationRunNames(env: NodeJS.ProcessEnv = process.env) {
  const runId = (env.TEST_RUN_ID ||= newRunId());
  return {
    runId,
    databaseUrl: env.TEST_DATABASE_URL || `${DEFAULT_POSTGRES}/noticeboard_test_${runId}`,
    queuePrefix: env.TEST_QUEUE_PREFIX || `nb-test-${runId}`,
    generated: { database: !env.TEST_DATABASE_URL, queuePrefix: !env.TEST_QUEUE_PREFIX },
  };
}

/** The browser tests' names (scripts/e2e-server.sh, playwright.config.ts): E2E_* when set, else the run's own. */
export function e2eRunNames(env: NodeJS.ProcessEnv = process.env) {
  const runId = (env.TEST_RUN_ID ||= newRunId());
  return {
    databaseUrl: env.E2E_DATABASE_URL || `${DEFAULT_POSTGRES}/noticeboard_e2e_${runId}`,
    queuePrefix: env.E2E_QUEUE_PREFIX || `nb-e2e-${runId}`,
    generated: { database: !env.E2E_DATABASE_URL, queuePrefix: !env.E2E_QUEUE_PREFIX },
  };
}

/** Drops a database and every `<name>_<suffix>` beside it (the tests' own libraries), whoever is connected. */
export async function dropDatabases(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const like = `${name.replace(/[\\_%]/g, (c) => `\\${c}`)}\\_%`;
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2 ORDER BY datname`, [name, like]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** Deletes the Redis keys under a prefix: `<prefix>:...` and the tests' own `<prefix>-<id>:...`. */
export async function deleteRedisKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    for (const match of [`${prefix}:*`, `${prefix}-*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", match, "COUNT", 1000);
        cursor = next;
        if (keys.length) deleted += await redis.del(...keys);
      } while (cursor !== "0");
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}
