// npm run bench:ledger [-- --nights 30 --start YYYY-MM-DD --reseed]
// The ledger over a month: plans N consecutive nights (all enabled scenarios, as replays) on the benchmark library and
// after each night writes in SQL what sending them would have written (email deliveries SENT with their attempt,
// notices SENT, processing charges), so the ledger grows as a library's would, without SMTP. Prints each night's
// planning time, the ledger's rows and size after the first and the last night, and read timings on the grown ledger:
// a patron's history, the newest pages of the delivery log, a run's deliveries.
// Uses its own database (noticeboard_bench_ledger); builds the large library once and reuses it (scripts/lib/bench-library.ts).
import { parseArgs } from "node:util";
import type pg from "pg";
import { createPrismaClient, sqlPool } from "../lib/db/client";
import { patronNotices, runDeliveries } from "../lib/api/read";
import { planRun } from "../lib/notices/plan-run";
import { ensureLibrary, line, ms } from "./lib/bench-library";

const { values } = parseArgs({
  options: {
    nights: { type: "string", default: "30" },
    // Default: the seed's "today" + 16 days, so that 30 nights cross a month boundary.
    start: { type: "string" },
    patrons: { type: "string", default: "200000" },
    loans: { type: "string", default: "1000000" },
    reseed: { type: "boolean", default: false },
  },
});
const NIGHTS = Number(values.nights);
if (!Number.isInteger(NIGHTS) || NIGHTS < 1) throw new Error("--nights: a positive integer");
if (values.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.start)) throw new Error("--start: YYYY-MM-DD");
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard_bench_ledger";
// A later schema adds a partitioned ledger table of this name (the every-run kinds' notices): counted when present.
const EVERY_RUN = "EveryRunNotice";

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", timeZone: "UTC" });
const int = (n: number) => n.toLocaleString("en-GB");
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function present(sql: pg.Pool, table: string): Promise<boolean> {
  return (await sql.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${table}"`])).rows[0].present;
}

/** The highest id in a ledger table before a night (null when it has no id column): that night's notices lie above it,
 * so marking them sent walks the primary key instead of the whole table (the ledger has no index on runId). */
async function idFloor(sql: pg.Pool, table: string): Promise<number | null> {
  const { rowCount } = await sql.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
    AND table_name = $1 AND column_name = 'id'`, [table]);
  if (!rowCount) return null;
  return (await sql.query(`SELECT coalesce(max(id), 0)::int AS n FROM "${table}"`)).rows[0].n;
}

/** What sending a night's run writes, in SQL: the email deliveries SENT (one attempt each), the other deliveries dated
 * that night (the printer has them), the run's planned notices SENT, and the processing charges of what was sent. */
async function simulateSending(sql: pg.Pool, runId: number, at: Date, floors: Map<string, number | null>, partitioned: boolean) {
  const client = await sql.connect();
  try {
    await client.query("BEGIN");
    // Email: what send-delivery.ts leaves on a delivery it sent (the claim token, claim and handover instants stay).
    await client.query(`UPDATE "Delivery" SET "createdAt" = $2,
        status = CASE WHEN channel = 'EMAIL' THEN 'SENT' ELSE status END,
        "sentAt" = CASE WHEN channel = 'EMAIL' THEN $2 ELSE "sentAt" END,
        "messageId" = CASE WHEN channel = 'EMAIL' THEN '<delivery-' || id || '@bench.example>' ELSE "messageId" END,
        subject = CASE WHEN channel = 'EMAIL' THEN 'Your library notices' ELSE subject END,
        attempts = CASE WHEN channel = 'EMAIL' THEN 1 ELSE attempts END,
        "smtpCode" = CASE WHEN channel = 'EMAIL' THEN 250 ELSE "smtpCode" END,
        "claimToken" = CASE WHEN channel = 'EMAIL' THEN gen_random_uuid()::text ELSE "claimToken" END,
        "claimedAt" = CASE WHEN channel = 'EMAIL' THEN $2 ELSE "claimedAt" END,
        "handingOverAt" = CASE WHEN channel = 'EMAIL' THEN $2 ELSE "handingOverAt" END,
        "updatedAt" = CASE WHEN channel = 'EMAIL' THEN $2 ELSE "updatedAt" END
      WHERE "runId" = $1`, [runId, at]);
    // The partitioned schema keys an attempt by its delivery's month too ("deliveryCreatedAt").
    const month = partitioned ? `, "deliveryCreatedAt"` : "";
    await client.query(`INSERT INTO "DeliveryAttempt" ("deliveryId", attempt, outcome, "smtpCode", response, "startedAt", "finishedAt"${month})
      SELECT id, 1, 'SENT', 250, '250 2.0.0 Ok: queued as ' || upper(substr(md5(id::text), 1, 11)), $2, $2${partitioned ? `, "createdAt"` : ""}
      FROM "Delivery" WHERE "runId" = $1 AND channel = 'EMAIL'`, [runId, at]);
    // A level's processing charge, as send-delivery.ts posts it: one per message (a patron's section of a scenario in
    // this run) that went by email, on its top notice (highest level, then lowest id; not COVERED) when that notice's
    // level is charged; once per notice. Read from the run's notices (above the night's floor), then "did a delivery by
    // email carry it", through the patron's deliveries. Both guard against the estimates for a run not yet analysed:
    // joined from the deliveries' side, a nested loop rescanned the run's deliveries per notice (50 s for 5,000
    // deliveries); and with a plain "runId" = $1 each probe ANDed the patron's index with the whole run's (18 minutes on
    // the first night of the large library, cancelled), hence "runId" + 0 (as delivery-log.ts does).
    await client.query(`WITH top AS (SELECT DISTINCT ON (n."patronId", n."scenarioId") n.id, n."patronId", n."levelId"
          FROM "Notice" n WHERE n.id > $3 AND n."runId" = $1 AND n.status <> 'COVERED' AND n."scenarioId" IN
            (SELECT "scenarioId" FROM "ScenarioLevel" WHERE "processingChargeCode" IS NOT NULL AND "processingChargeAmount" > 0)
          ORDER BY n."patronId", n."scenarioId", n.level DESC, n.id)
      INSERT INTO "Charge" ("patronId", kind, code, description, amount, balance, "noticeId", "createdAt")
      SELECT top."patronId", 'PROCESSING', l."processingChargeCode", 'Notice processing charge', l."processingChargeAmount",
        l."processingChargeAmount", top.id, $2
      FROM top JOIN "ScenarioLevel" l ON l.id = top."levelId"
      WHERE l."processingChargeCode" IS NOT NULL AND l."processingChargeAmount" > 0
        AND EXISTS (SELECT 1 FROM "Delivery" d WHERE d."patronId" = top."patronId" AND d."runId" + 0 = $1 AND d.channel = 'EMAIL'
          AND top.id = ANY(d."noticeIds"))
      ON CONFLICT ("noticeId") DO NOTHING`, [runId, at, floors.get("Notice") ?? 0]);
    for (const [table, floor] of floors) {
      await client.query(`UPDATE "${table}" SET status = 'SENT' WHERE "runId" = $1 AND status = 'PLANNED'${floor === null ? "" : " AND id > $2"}`,
        floor === null ? [runId] : [runId, floor]);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

type Size = { table: string; rows: number; bytes: number };

async function ledgerSizes(sql: pg.Pool, tables: string[]): Promise<Size[]> {
  const sizes: Size[] = [];
  for (const table of tables) {
    const rows = Number((await sql.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    // Table, indexes and TOAST, summed over the partitions of a partitioned table. pg_partition_tree() of a plain
    // table is empty on Postgres 15 (no row for the table itself), hence the fallback.
    const bytes = Number((await sql.query(`SELECT coalesce(sum(pg_total_relation_size(relid)), pg_total_relation_size($1::regclass)) AS b
      FROM pg_partition_tree($1::regclass)`, [`"${table}"`])).rows[0].b);
    sizes.push({ table, rows, bytes });
  }
  sizes.push({ table: "total", rows: sizes.reduce((s, x) => s + x.rows, 0), bytes: sizes.reduce((s, x) => s + x.bytes, 0) });
  return sizes;
}

function printSizes(title: string, sizes: Size[], first?: Size[], nights?: number) {
  for (const s of sizes) {
    const f = first?.find((x) => x.table === s.table);
    const growth = f && nights && nights > 1
      ? `; +${int(Math.round((s.rows - f.rows) / (nights - 1)))} rows, +${mb((s.bytes - f.bytes) / (nights - 1))} a night after the first` : "";
    line(`${title}: ${s.table === "total" ? "total" : `"${s.table}"`}`, `${int(s.rows)} rows, ${mb(s.bytes)}${growth}`);
  }
}

async function timed(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  // Nearest rank: the 10th and the 19th of 20.
  const at = (p: number) => samples[Math.ceil(p * samples.length) - 1].toFixed(1);
  line(label, `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (20 runs after 3 warm-ups)`);
}

async function main() {
  const started = performance.now();
  console.log("Noticeboard ledger benchmark: a month of nights (2 cores shared by Postgres and this script)\n");
  const today = await ensureLibrary({ url, patrons: Number(values.patrons), loans: Number(values.loans), reseed: values.reseed,
    truncateIfPresent: [EVERY_RUN], dateLabel: "seed date" });
  const db = createPrismaClient(url);
  const sql = sqlPool(db);
  const hasEveryRun = await present(sql, EVERY_RUN);
  const noticeTables = ["Notice", ...(hasEveryRun ? [EVERY_RUN] : [])];
  const vacuumTables = [...noticeTables, "Delivery", "DeliveryAttempt", "NoticeRun"];
  const sizeTables = [...noticeTables, "Delivery", "DeliveryAttempt", "Charge"];
  await sql.query(`VACUUM ANALYZE ${vacuumTables.map((t) => `"${t}"`).join(", ")}`);

  const start = values.start ?? addDays(today, 16);
  const dates = Array.from({ length: NIGHTS }, (_, i) => addDays(start, i));
  line("schema", hasEveryRun ? `"Notice" and "${EVERY_RUN}" (partitioned ledger)` : `"Notice" only (no "${EVERY_RUN}")`);
  line("nights", `${NIGHTS}: ${dates[0]} (${weekday(dates[0])}) to ${dates[NIGHTS - 1]} (${weekday(dates[NIGHTS - 1])}), sending simulated in SQL`);
  const { tz } = (await sql.query(`SELECT "timeZone" AS tz FROM "LibrarySettings" WHERE id = 1`)).rows[0];

  const seconds: number[] = [];
  let firstSizes: Size[] = [];
  let lastRunId = 0;
  for (const [i, runDate] of dates.entries()) {
    const floors = new Map<string, number | null>();
    for (const table of noticeTables) floors.set(table, await idFloor(sql, table));
    let t = performance.now();
    const run = await planRun(db, { runDate, trigger: "REPLAY" });
    const planned = (performance.now() - t) / 1000;
    seconds.push(planned);
    lastRunId = run.runId!;
    // The night's instant: 02:00 in the library's zone.
    const at: Date = (await sql.query(`SELECT ($1::date + time '02:00') AT TIME ZONE $2 AS at`, [runDate, tz])).rows[0].at;
    t = performance.now();
    await simulateSending(sql, run.runId!, at, floors, hasEveryRun);
    line(`night ${String(i + 1).padStart(2)} ${runDate} (${weekday(runDate)}), planning`,
      `${planned.toFixed(2)} s (${int(run.notices)} notices, ${int(run.deliveries)} deliveries, ${int(run.emailDeliveries)} email; sending simulated in ${ms(t)})`);
    if ((i + 1) % 7 === 0 && i + 1 < NIGHTS) {
      // What autovacuum would have done by now (a plain VACUUM ANALYZE; not timed into any night).
      t = performance.now();
      await sql.query(`VACUUM ANALYZE ${vacuumTables.map((x) => `"${x}"`).join(", ")}`);
      line(`  VACUUM ANALYZE of the ledger after night ${i + 1}`, ms(t));
    }
    if (i === 0) {
      firstSizes = await ledgerSizes(sql, sizeTables);
      printSizes("after night 1", firstSizes);
    }
  }

  const later = seconds.slice(1);
  if (later.length) {
    line(`planning, nights 2..${NIGHTS}: average / max`,
      `${(later.reduce((s, x) => s + x, 0) / later.length).toFixed(2)} s / ${Math.max(...later).toFixed(2)} s (night ${seconds.indexOf(Math.max(...later)) + 1})`);
  }
  line("planning, night 1 (empty ledger)", `${seconds[0].toFixed(2)} s`);
  printSizes(`after night ${NIGHTS}`, await ledgerSizes(sql, sizeTables), firstSizes, NIGHTS);
  const charges = (await sql.query(`SELECT count(*)::int AS n FROM "Charge" WHERE kind = 'PROCESSING'`)).rows[0].n;
  line("  of which processing charges", int(charges));

  // Reads on the grown ledger.
  const top = (await sql.query(`SELECT p."cardNumber" AS card, t.n FROM (SELECT "patronId", count(*)::int AS n FROM "Delivery"
    GROUP BY "patronId" ORDER BY n DESC, "patronId" LIMIT 1) t JOIN "Patron" p ON p.id = t."patronId"`)).rows[0];
  line("patron with the most deliveries", `${top.card} (${int(top.n)} deliveries)`);
  await timed(`patronNotices(${top.card})`, () => patronNotices(db, top.card));
  let lastId = 0;
  await timed("delivery log, newest 50 (ORDER BY id DESC)", async () => {
    const { rows } = await sql.query(`SELECT d.* FROM "Delivery" d ORDER BY d.id DESC LIMIT 50`);
    lastId = rows[rows.length - 1].id;
  });
  await timed("delivery log, second page (id < last of page 1)", () => sql.query(`SELECT d.* FROM "Delivery" d WHERE d.id < $1 ORDER BY d.id DESC LIMIT 50`, [lastId]));
  await timed(`runDeliveries(run ${lastRunId}, limit 50)`, () => runDeliveries(db, String(lastRunId), { limit: 50 }));

  line("whole run", ms(started));
  await db.$disconnect();
}

await main();
process.exit(0);
