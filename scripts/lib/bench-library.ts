// The benchmarks' large library (scripts/bench.ts, scripts/bench-ledger.ts): built once in the benchmark's own
// database and reused, with the ledger emptied before every run. And the output helpers both print with.
import pg from "pg";
import { seedScenarios } from "../../lib/notices/seed-scenarios";
import { seedLibrary } from "../../prisma/seed-library";
import { deployMigrations } from "./migrate";

export const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);
export const ms = (t: number) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

/** VACUUM ANALYZE the ledger and CHECKPOINT, so background work from the step before does not land in the next figure. */
export async function quiesce(sql: pg.ClientBase | pg.Pool) {
  await sql.query(`VACUUM ANALYZE "Notice", "Delivery", "NoticeRun", "Charge"`);
  await sql.query("CHECKPOINT");
}

export type LibraryOptions = {
  url: string;
  patrons: number;
  loans: number;
  reseed: boolean;
  // Ledger tables of later schemas, emptied with the others when the database has them ("EveryRunNotice").
  truncateIfPresent?: string[];
  // How the "library" line names the seed's date (bench.ts plans that date).
  dateLabel?: string;
};

/** Migrates the database, seeds the library when it is missing, smaller than asked or `reseed`, empties the ledger
 * and prints the library's size. Returns the seed's "today" (the library's date the data is centred on). */
export async function ensureLibrary(options: LibraryOptions): Promise<string> {
  const { url } = options;
  await deployMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT count(*)::int AS n, (SELECT details->>'today' FROM "AuditLog" WHERE action = 'seed' LIMIT 1) AS today FROM "Patron"`);
  let today: string = rows[0].today;
  if (options.reseed || rows[0].n < options.patrons) {
    today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const t = performance.now();
    await seedLibrary(client, { seed: 42, today, patrons: options.patrons, loans: options.loans, adminEmail: "admin@library.example", adminPassword: "bench" });
    line("seeded the large library", ms(t));
  }
  if ((await client.query(`SELECT count(*)::int AS n FROM "Scenario"`)).rows[0].n === 0) await seedScenarios(client);
  // Every run starts from an empty ledger. No CASCADE: it once emptied the library's Charge table with the ledger
  // (a foreign key from Charge to Notice), so the benchmark had no fines or invoices to plan.
  await client.query(`DELETE FROM "Charge" WHERE kind = 'PROCESSING'`);
  const extra: string[] = [];
  for (const table of options.truncateIfPresent ?? []) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    if ((await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [quoted])).rows[0].present) extra.push(quoted);
  }
  await client.query(`TRUNCATE "DeliveryAttempt", "Delivery", "Notice", "NoticeRun"${extra.map((t) => `, ${t}`).join("")} RESTART IDENTITY`);
  // Start from a quiet database: no checkpoint or autovacuum of the previous run's writes during the measurements.
  await quiesce(client);
  const counts = (await client.query(`SELECT (SELECT count(*) FROM "Patron")::int AS patrons, (SELECT count(*) FROM "Loan")::int AS loans,
    (SELECT count(*) FROM "Loan" WHERE status IN ('ON_LOAN','RECALLED','LONG_OVERDUE') AND "dueDate" < $1::date)::int AS overdue,
    (SELECT count(*) FROM "Charge" WHERE balance > 0)::int AS unpaid`, [today])).rows[0];
  line("library", `${counts.patrons} patrons, ${counts.loans} loans, ${counts.overdue} overdue, ${counts.unpaid} unpaid charges, ${options.dateLabel ?? "run date"} ${today}`);
  await client.end();
  return today;
}
