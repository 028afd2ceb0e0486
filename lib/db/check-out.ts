import type pg from "pg";

/**
 * A client of the pool for statements that must share a session (a transaction). While it is checked out, pg-pool no
 * longer listens for its 'error' event, and a server that goes away between two statements (a restart: 57P01) would
 * emit it with no listener, which ends the process. This one listens until release; the pending or next query fails
 * and says why. `release(err)` with an error drops the connection instead of returning it to the pool.
 */
export async function checkOut(pool: pg.Pool) {
  const client = await pool.connect();
  const ignore = () => {};
  client.on("error", ignore);
  return {
    client,
    release: (err?: Error) => {
      client.off("error", ignore);
      client.release(err);
    },
  };
}
