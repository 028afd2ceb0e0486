// The home page's per-day counts (docs/ARCHITECTURE.md "Home page"). Counting a month of ledger on every visit takes
// seconds once a library has a year of it, so the worker's minute sweep keeps per-day counts, and the page adds only
// the rows created since (ids above the high-water mark, read by primary key).
//
// Which days are counted again on a pass (the staleness rule):
// - today and yesterday, on every pass (deliveries are still being sent, retried, settled);
// - a day never counted, or last counted before it had ended;
// - a day counted less than a week after it ended, when that count is over an hour old (late retries, staff settling
//   or retrying an old delivery): so within an hour for a week, then the count is final.
import { sqlPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addDays } from "@/lib/notices/rules/day-count";
import { localDate } from "@/lib/time/library-date";
import { saveLibraryFigures } from "./library-figures";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const ROLLUP_DAYS = 35; // the charts show 30; counts older than this are dropped
const RECOUNT_FOR_DAYS = 7;
const RECOUNT_EVERY_MS = 3_600_000;

type Options = { now?: Date; isEverything?: boolean };

/** Counts the days that need it (see above; `isEverything`: every day of the window) and moves the high-water mark. */
export async function rollUpLedger(db: PrismaClient, options: Options = {}) {
  const now = options.now ?? new Date();
  const sql = sqlPool(db);
  const tz = await libraryTimeZone(db);
  const today = localDate(tz, now);
  const oldest = addDays(today, -ROLLUP_DAYS);
  // inTransaction checks the client out with the pool's error listener kept (lib/db/check-out.ts): this runs in the
  // worker's sweep, and a Postgres restart mid-pass must not end the worker.
  const counted = await inTransaction(sql, async (client) => {
    // One snapshot: the counts and the ids they cover agree (a row is in the counts or above the mark, never both).
    await client.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    // Two workers' sweeps: one counts, the other finds the lock taken and leaves it.
    const { rows: [lock] } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(72707370) AS ok`);
    if (!lock.ok) return null;
    const { rows: due } = await client.query<{ day: string }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series($1::date, $2::date, interval '1 day') d
       LEFT JOIN "LedgerDayCounted" c ON c.day = d::date
       WHERE $5 OR d::date >= $2::date - 1 OR c.day IS NULL
          OR c."countedAt" < ((d::date + 1)::timestamp AT TIME ZONE $3)
          OR (c."countedAt" < ((d::date + 1 + $6::int)::timestamp AT TIME ZONE $3) AND c."countedAt" < $4::timestamptz - make_interval(secs => $7))
       ORDER BY d`,
      [oldest, today, tz, now, options.isEverything ?? false, RECOUNT_FOR_DAYS, RECOUNT_EVERY_MS / 1000],
    );
    const { rows: [mark] } = await client.query<{ delivery: number; notice: number }>(
      `SELECT COALESCE((SELECT max(id) FROM "Delivery"), 0) AS delivery,
              GREATEST(COALESCE((SELECT max(id) FROM "Notice"), 0), COALESCE((SELECT max(id) FROM "EveryRunNotice"), 0)) AS notice`,
    );
    const days = due.map((d) => d.day);
    // One range of the createdAt indexes from the first day due to the end of the last, grouped by local day; days in
    // between that are not due are left as counted.
    const scan = (table: string, columns: string, extra = "") =>
      `SELECT ("createdAt" AT TIME ZONE $2)::date AS day, ${columns} FROM "${table}"
       WHERE "createdAt" >= $3::date::timestamp AT TIME ZONE $2 AND "createdAt" < ($4::date + 1)::timestamp AT TIME ZONE $2
         AND id <= $5 ${extra}`;
    await client.query(`DELETE FROM "DeliveryDayCount" WHERE day = ANY($1::date[]) OR day < $2::date`, [days, oldest]);
    await client.query(`DELETE FROM "NoticeDayCount" WHERE day = ANY($1::date[]) OR day < $2::date`, [days, oldest]);
    await client.query(`DELETE FROM "LedgerDayCounted" WHERE day < $1::date`, [oldest]);
    if (days.length) {
      const span = [days, tz, days[0], days[days.length - 1]];
      await client.query(
        `INSERT INTO "DeliveryDayCount" (day, "runId", channel, status, count)
         SELECT day, "runId", channel, status, count(*)::int FROM (${scan("Delivery", `"runId", channel, status`)}) x
         WHERE day = ANY($1::date[]) GROUP BY 1, 2, 3, 4`,
        [...span, mark.delivery],
      );
      await client.query(
        `INSERT INTO "NoticeDayCount" (day, kind, count)
         SELECT day, kind, count(*)::int FROM (
           ${scan("Notice", "kind", "AND status <> 'COVERED'")} UNION ALL ${scan("EveryRunNotice", "kind", "AND status <> 'COVERED'")}) x
         WHERE day = ANY($1::date[]) GROUP BY 1, 2`,
        [...span, mark.notice],
      );
    }
    await client.query(
      `INSERT INTO "LedgerDayCounted" (day, "countedAt") SELECT unnest($1::date[]), $2
       ON CONFLICT (day) DO UPDATE SET "countedAt" = EXCLUDED."countedAt"`,
      [days, now],
    );
    await client.query(
      `INSERT INTO "LedgerRollup" (id, "deliveryMaxId", "noticeMaxId", "countedAt") VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET "deliveryMaxId" = $1, "noticeMaxId" = $2, "countedAt" = $3`,
      [mark.delivery, mark.notice, now],
    );
    return { days, mark };
  });
  if (!counted) return null;
  const { days, mark } = counted;
  // The six library figures, from the same pass (outside the snapshot: they are not tied to the ledger's ids).
  await saveLibraryFigures(db, { today, now });
  return { days, deliveryMaxId: mark.delivery, noticeMaxId: mark.notice };
}
