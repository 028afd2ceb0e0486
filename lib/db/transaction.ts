import type pg from "pg";

/**
 * Runs work in one transaction on a client of the pool: committed whole or rolled back whole. `asyncCommit` skips
 * waiting for the disk at COMMIT, only for work that is safely redone after a database crash (notice planning).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>, options: { asyncCommit?: boolean } = {}): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (options.asyncCommit) await client.query("SET LOCAL synchronous_commit = off");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
