import type pg from "pg";
import { checkOut } from "./check-out";

/**
 * Runs work in one transaction on a client of the pool: committed whole or rolled back whole. `asyncCommit` skips
 * waiting for the disk at COMMIT, only for work that is safely redone after a database crash (notice planning).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: pg.PoolClient) => Promise<T>, options: { asyncCommit?: boolean } = {}): Promise<T> {
  const { client, release } = await checkOut(pool);
  let failure: Error | undefined;
  try {
    await client.query("BEGIN");
    if (options.asyncCommit) await client.query("SET LOCAL synchronous_commit = off");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((rollbackErr: Error) => (failure = rollbackErr));
    throw err;
  } finally {
    release(failure); // a connection that could not even roll back is dropped, not pooled
  }
}
