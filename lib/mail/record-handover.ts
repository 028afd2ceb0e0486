// "Handing over now", recorded under the sender's claim token just before the final "." (DOMAIN.md "Nothing sent
// twice, nothing lost"; lib/notices/send-delivery.ts and lib/orders/email/send-order-email.ts).
import type pg from "pg";
import { checkOut } from "@/lib/db/check-out";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Writes "handing over" under the claim token in an open transaction; SmtpSender commits it in the same call that
 * writes the final "." to the SMTP server. If the worker dies before both, the row was never marked and the server
 * discards the incomplete message, so sending again is right. For a notice's delivery and an order's email alike.
 */
export async function recordHandover(pool: pg.Pool, table: "Delivery" | "OrderEmail", id: number, token: string, track: (p: Promise<void>) => void) {
  // Held outside the pool until COMMIT (checkOut listens for a connection lost meanwhile; COMMIT then fails and says so).
  const { client, release } = await checkOut(pool);
  try {
    // BEGIN and the UPDATE in one round trip (a simple query may hold several statements but no parameters: the id is
    // an integer and the token a UUID this process made, both checked before they are written into the text).
    // The table is one of two names this code chose.
    if (!Number.isSafeInteger(id) || !UUID.test(token)) throw new Error("bad row id or claim token");
    const results = (await client.query(
      `BEGIN; UPDATE "${table}" SET "handingOverAt" = now() WHERE id = ${id} AND "claimToken" = '${token}' AND status = 'SENDING'`,
    )) as unknown as pg.QueryResult[];
    if (results[1].rowCount !== 1) {
      await client.query("ROLLBACK");
      release();
      return false as const;
    }
  } catch (err) {
    release(err as Error);
    throw err;
  }
  const finish = (sql: "COMMIT" | "ROLLBACK") => {
    const done = client.query(sql).then(() => undefined);
    done.then(() => release(), (err: Error) => release(err));
    track(done);
  };
  return { commit: () => finish("COMMIT"), rollback: () => finish("ROLLBACK") };
}
