// Per-day counts for the home page: the roll-up (roll-up-ledger.ts) plus the rows created since it was taken, counted
// live by primary key. With no roll-up yet (a new library, or no worker) everything is counted live.
import { sqlPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Channel, DeliveryStatus, NoticeKind } from "@/lib/generated/prisma/enums";

export type DeliveryCount = { day: string; runId: number; channel: Channel; status: DeliveryStatus; count: number };
export type NoticeCount = { day: string; kind: NoticeKind; count: number };

export async function readLedgerCounts(db: PrismaClient, options: { timeZone: string; from: string }) {
  // One snapshot (REPEATABLE READ) for the mark and the counts it goes with: read apart, a roll-up committing in between
  // made the page add the old mark's live rows to counts that already held them. The mark is passed as a value, not
  // read in a subquery: Postgres then plans "id > mark" as the few rows it is (a subquery's value is unknown when
  // planning, and it scanned whole tables: the home page went from 57 to 129 ms on the bench).
  return inTransaction(sqlPool(db), async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows: [mark] } = await tx.query<{ d: number; n: number }>(
      `SELECT COALESCE(max("deliveryMaxId"), 0) AS d, COALESCE(max("noticeMaxId"), 0) AS n FROM "LedgerRollup"`,
    );
    const args = [options.from, options.timeZone];
    const deliveries = await tx.query<DeliveryCount>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, "runId", channel, status, sum(count)::int AS count FROM (
         SELECT day, "runId", channel, status, count FROM "DeliveryDayCount" WHERE day >= $1::date
         UNION ALL
         SELECT ("createdAt" AT TIME ZONE $2)::date, "runId", channel, status, count(*)::int FROM "Delivery" WHERE id > $3
         GROUP BY 1, 2, 3, 4) x
       WHERE day >= $1::date GROUP BY 1, 2, 3, 4`,
      [...args, mark.d],
    );
    const notices = await tx.query<NoticeCount>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, sum(count)::int AS count FROM (
         SELECT day, kind, count FROM "NoticeDayCount" WHERE day >= $1::date
         UNION ALL
         SELECT ("createdAt" AT TIME ZONE $2)::date, kind, count(*)::int FROM (
           SELECT "createdAt", kind FROM "Notice" WHERE id > $3 AND status <> 'COVERED'
           UNION ALL
           SELECT "createdAt", kind FROM "EveryRunNotice" WHERE id > $3 AND status <> 'COVERED') n
         GROUP BY 1, 2) x
       WHERE day >= $1::date GROUP BY 1, 2`,
      [...args, mark.n],
    );
    return { deliveries: deliveries.rows, notices: notices.rows };
  });
}

/** The same figures counted straight from the ledger (the tests' reference, and the benchmark's "plain" line). */
export async function countLedgerPlainly(db: PrismaClient, options: { timeZone: string; from: string }) {
  const sql = sqlPool(db);
  const inRange = `"createdAt" >= $1::date::timestamp AT TIME ZONE $2`;
  const [deliveries, notices] = await Promise.all([
    sql.query<DeliveryCount>(
      `SELECT to_char(("createdAt" AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day, "runId", channel, status, count(*)::int AS count
       FROM "Delivery" WHERE ${inRange} GROUP BY 1, 2, 3, 4`,
      [options.from, options.timeZone],
    ),
    sql.query<NoticeCount>(
      `SELECT to_char(("createdAt" AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day, kind, count(*)::int AS count FROM (
         SELECT "createdAt", kind FROM "Notice" WHERE ${inRange} AND status <> 'COVERED'
         UNION ALL
         SELECT "createdAt", kind FROM "EveryRunNotice" WHERE ${inRange} AND status <> 'COVERED') n
       GROUP BY 1, 2`,
      [options.from, options.timeZone],
    ),
  ]);
  return { deliveries: deliveries.rows, notices: notices.rows };
}
