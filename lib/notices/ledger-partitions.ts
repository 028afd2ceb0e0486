// The ledger's monthly partitions (docs/ARCHITECTURE.md "The ledger over the years"): EveryRunNotice by the run date's
// month, Delivery and DeliveryAttempt by the delivery's month (UTC). Months are created ahead by the worker and on
// demand by the planner (a replay of an old date); months older than the library's retention are detached and dropped
// whole, never deleted row by row. Once-only notices ("Notice") and charges are not partitioned and are kept.
import type pg from "pg";
import { inTransaction } from "@/lib/db/transaction";
import { monthStart } from "@/lib/time/library-date";

export const PARTITIONED_TABLES = ["EveryRunNotice", "Delivery", "DeliveryAttempt"] as const;
// Months created ahead of today, so no insert waits on a partition being created at a month's first minute.
const MONTHS_AHEAD = 2;
// Creating or detaching a partition takes an ACCESS EXCLUSIVE lock on its parent (and, for DeliveryAttempt, a lock on
// Delivery for the foreign key), while sends and the planner lock the same tables in other orders (a send updates its
// Delivery and then its notices; the planner inserts notices and then deliveries). So partition upkeep can deadlock with
// them. A lock wait shorter than Postgres's deadlock_timeout (1 s) makes upkeep always the one to give up, before the
// deadlock check runs in a send: it retries a moment later, one month at a time, and the months ahead leave plenty of
// time. (With 5 s here, sends were the deadlock's victims: tests/integration/notices/restarts.test.ts.)
const LOCK_TIMEOUT = "200ms";
const LOCK_TRIES = 20;
const LOCK_PAUSE_MS = 250;

/** Runs one short DDL transaction, again after a pause while it could not get its locks in time (or was a deadlock's victim). */
async function ddlTransaction<T>(sql: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(sql, async (client) => {
        await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        return work(client);
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= LOCK_TRIES || (code !== "55P03" && code !== "40P01")) throw err;
      await new Promise((resolve) => setTimeout(resolve, LOCK_PAUSE_MS * Math.min(attempt, 4)));
    }
  }
}

export { monthStart };

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
  let created = 0;
  for (const month of months.filter((m) => !known.has(m))) {
    created += await ddlTransaction(sql, async (client) => {
      const { rows } = await client.query<{ created: number }>(`SELECT ledger_ensure_partitions($1::date, $1::date) AS created`, [month]);
      return rows[0].created;
    });
    known.add(month);
  }
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
    await ddlTransaction(sql, async (client) => {
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

export type LedgerMonth = { month: string; notices: number; deliveries: number; bytes: number };

/**
 * What each month of the ledger holds, newest first, for the settings page: its every-run notices and deliveries
 * (Postgres's row estimates from the last ANALYZE or VACUUM: a count(*) over years of ledger would take seconds; -1
 * when a partition has never been analysed) and the size of its three partitions on disk.
 */
export async function ledgerMonths(sql: pg.Pool): Promise<LedgerMonth[]> {
  const partitions = await listLedgerPartitions(sql);
  if (partitions.length === 0) return [];
  const { rows } = await sql.query<{ name: string; estimate: number; bytes: string }>(
    `SELECT c.relname AS name, c.reltuples::float8 AS estimate, pg_total_relation_size(c.oid)::text AS bytes
     FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relnamespace = current_schema()::regnamespace`,
    [partitions.map((p) => p.name)]);
  const stats = new Map(rows.map((r) => [r.name, r]));
  const months = new Map<string, LedgerMonth>();
  for (const p of partitions) {
    const month = months.get(p.month) ?? months.set(p.month, { month: p.month, notices: 0, deliveries: 0, bytes: 0 }).get(p.month)!;
    const s = stats.get(p.name);
    if (!s) continue;
    month.bytes += Number(s.bytes);
    const rowsHeld = s.estimate < 0 ? -1 : Math.round(s.estimate);
    if (p.table === "EveryRunNotice") month.notices = rowsHeld;
    if (p.table === "Delivery") month.deliveries = rowsHeld;
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/**
 * Refreshes the planner's statistics of the months a large run has just written (its date's every-run notices, this
 * month's deliveries): a partition that gained 200,000 rows since its last ANALYZE is estimated at a handful, and
 * Postgres then sorts a whole run to show its first 50 deliveries (346 ms instead of 13 on the benchmark library).
 * Autovacuum would catch up within minutes; staff open the run at once. Best effort: a failure only leaves it to autovacuum.
 */
export async function analyzeLedgerMonths(sql: pg.Pool, months: { notices: string; deliveries: string }) {
  const name = (table: string, date: string) => `"${table}_${monthStart(date).slice(0, 7).replace("-", "_")}"`;
  await sql.query(`ANALYZE ${name("EveryRunNotice", months.notices)}, ${name("Delivery", months.deliveries)}`).catch(() => {});
}
