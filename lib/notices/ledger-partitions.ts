// The ledger's monthly partitions (docs/ARCHITECTURE.md "The ledger over the years"): EveryRunNotice by the run date's
// month, Delivery and DeliveryAttempt by the delivery's month (UTC). Months are created ahead by the worker and on
// demand by the planner (a replay of an old date); months older than the library's retention are detached and dropped
// whole, never deleted row by row. Once-only notices ("Notice") and charges are not partitioned and are kept.
import type pg from "pg";
import { inTransaction } from "@/lib/db/transaction";

export const PARTITIONED_TABLES = ["EveryRunNotice", "Delivery", "DeliveryAttempt"] as const;
// Months created ahead of today, so no insert waits on a partition being created at a month's first minute.
const MONTHS_AHEAD = 2;
// Creating or detaching a partition locks its parent table: never wait long behind a night's planning for it (the
// next sweep tries again), and never hold up the planner's inserts for long either.
const LOCK_TIMEOUT = "5s";

/** "YYYY-MM-01" of the month a date is in, moved by `months`. */
export function monthStart(date: string, months = 0): string {
  const [y, m] = date.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

// Months seen to exist, per pool (so per database): one catalog query per month, not one per run.
const knownMonths = new WeakMap<pg.Pool, Set<string>>();
const knownIn = (sql: pg.Pool) => knownMonths.get(sql) ?? knownMonths.set(sql, new Set()).get(sql)!;

/**
 * Every month from `from` to `to` (dates, inclusive) has its partitions, in all three tables. Safe to call from several
 * processes at once (the SQL function takes an advisory lock and creates only what is missing).
 */
export async function ensureLedgerPartitions(sql: pg.Pool, from: string, to: string): Promise<number> {
  const months: string[] = [];
  for (let m = monthStart(from); m <= to; m = monthStart(m, 1)) months.push(m);
  const known = knownIn(sql);
  if (months.every((m) => known.has(m))) return 0;
  const created = await inTransaction(sql, async (client) => {
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const { rows } = await client.query<{ created: number }>(`SELECT ledger_ensure_partitions($1::date, $2::date) AS created`, [months[0], months.at(-1)]);
    return rows[0].created;
  });
  for (const m of months) known.add(m);
  return created;
}


export type Partition = { table: (typeof PARTITIONED_TABLES)[number]; name: string; month: string };

/** The partitions of the three tables, oldest month first. Named <table>_<YYYY>_<MM> by ledger_ensure_partitions. */
export async function listLedgerPartitions(sql: pg.Pool | pg.ClientBase): Promise<Partition[]> {
  const { rows } = await sql.query<{ parent: string; name: string }>(
    `SELECT p.relname AS parent, c.relname AS name FROM pg_inherits i
     JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.oid IN (${PARTITIONED_TABLES.map((t) => `'"${t}"'::regclass`).join(", ")})`,
  );
  return rows
    .map((r) => {
      const match = /_(\d{4})_(\d{2})$/.exec(r.name);
      return match ? { table: r.parent as Partition["table"], name: r.name, month: `${match[1]}-${match[2]}-01` } : null;
    })
    .filter((p): p is Partition => p !== null)
    .sort((a, b) => a.month.localeCompare(b.month) || PARTITIONED_TABLES.indexOf(b.table) - PARTITIONED_TABLES.indexOf(a.table));
}

/**
 * Detaches and drops every partition of a month before the retention window: the months before
 * `today`'s month minus `retentionMonths` (24: on 2026-12-01 the oldest month kept is 2024-12). Attempts go before their
 * deliveries (their foreign key), and each month in its own transaction. Returns the names dropped.
 */
export async function dropExpiredPartitions(sql: pg.Pool, today: string, retentionMonths: number): Promise<string[]> {
  const keepFrom = monthStart(today, -retentionMonths);
  const expired = (await listLedgerPartitions(sql)).filter((p) => p.month < keepFrom);
  const dropped: string[] = [];
  for (const p of expired) {
    await inTransaction(sql, async (client) => {
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query(`ALTER TABLE "${p.table}" DETACH PARTITION "${p.name}"`);
      await client.query(`DROP TABLE "${p.name}"`);
    });
    dropped.push(p.name);
  }
  if (dropped.length) knownIn(sql).clear();
  return dropped;
}

/**
 * The worker's ledger upkeep (from the minute sweep, at most hourly): last month, this month and the next two exist, and
 * months past the library's retention are gone. `today` (tests) defaults to the library's date now.
 */
export async function maintainLedger(sql: pg.Pool, options: { today?: string } = {}) {
  const { rows: [settings] } = await sql.query<{ months: number; today: string }>(
    `SELECT "ledgerRetentionMonths" AS months, to_char((now() AT TIME ZONE "timeZone")::date, 'YYYY-MM-DD') AS today
     FROM "LibrarySettings" WHERE id = 1`);
  const today = options.today ?? settings?.today ?? new Date().toISOString().slice(0, 10);
  const retentionMonths = settings?.months ?? 24;
  const created = await ensureLedgerPartitions(sql, monthStart(today, -1), monthStart(today, MONTHS_AHEAD));
  const dropped = await dropExpiredPartitions(sql, today, retentionMonths);
  return { created, dropped, retentionMonths };
}
