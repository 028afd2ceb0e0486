// npm run bench [-- --sends 10000 --patrons 200000 --loans 1000000 --reseed]; npm run bench -- --only renders|import
// Prints: planning time for all enabled scenarios for one date (dry run and recorded), end-to-end deliveries per second
// through a real worker process (planned -> rendered -> accepted by a local SMTP server -> recorded), the raw limit
// (the same template rendered and sent in a tight loop, no queue, no database), the worker's memory, and renders/s.
// Uses its own database (noticeboard_bench) and Redis prefix; builds the large library once and reuses it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { createPrismaClient, sqlPool } from "../lib/db/client";
import { DELIVERIES_QUEUE } from "../lib/jobs/notices";
import { startMailCatcher } from "../lib/mail/catcher";
import { SmtpSender } from "../lib/mail/smtp-sender";
import type { ContentRow } from "../lib/notices/claim-delivery";
import { buildSectionSources, composeNoticeEmail } from "../lib/notices/compose-notice-email";
import { loadNoticeSetup, type NoticeSetup } from "../lib/notices/load-notice-setup";
import { renderNotice } from "../lib/templates/compose";
import { enqueueDeliveries } from "../lib/notices/enqueue-deliveries";
import { planRun } from "../lib/notices/plan-run";
import { guessMapping, type ImportType } from "../lib/import/csv-types";
import { importCsv } from "../lib/import/run-import";
import { ensureLibrary, line, ms, quiesce } from "./lib/bench-library";
import { deployMigrations, dropDatabase } from "./lib/migrate";

const { values } = parseArgs({
  options: {
    sends: { type: "string", default: "10000" },
    patrons: { type: "string", default: "200000" },
    loans: { type: "string", default: "1000000" },
    concurrency: { type: "string", default: "20" },
    reseed: { type: "boolean", default: false },
    // "renders": only the renders/s figure (no planning, no sends); "import": only the CSV import figures;
    // "screens": the configuration screens' server time (their loaders and the scenario editor's "would send" count);
    // "acquisitions": orders, their emails and the claims pass at 20,000 orders
    only: { type: "string" },
  },
});
const SENDS = Number(values.sends);
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/noticeboard_bench";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `nb-bench-${process.pid}`;
const library = { url, patrons: Number(values.patrons), loans: Number(values.loans), reseed: values.reseed, truncateIfPresent: [
  // Every table a run writes, so every bench starts from an empty ledger. EveryRunNotice was missing since issue 12:
  // a second bench found the overdue reminders of its nights already recorded (night two planned 29,513 deliveries
  // instead of 158,227).
  "EveryRunNotice", "RunCount", "DeliveryDayCount", "NoticeDayCount", "LedgerDayCounted", "LedgerRollup", "HomeFigures",
] };

/** An overdue delivery's content as the claim query returns it: `items` loans of the library's overdue scenario. */
function overdueRows(setup: NoticeSetup, scenarioId: number, items: number): ContentRow[] {
  const levelId = [...setup.levels].find(([, l]) => l.scenarioId === scenarioId && l.level === 1)![0];
  return Array.from({ length: items }, (_, i) => ({
    notice_id: 1, subject_id: i + 1, loan_id: i + 1, run_id: 1, scenario_id: scenarioId, kind: "O", level_id: levelId, level: 1, status: "PLANNED", metric: "9", is_valid: true,
    title: `The Silent Garden, volume ${i + 1}`, author: "Smith, Ava", barcode: `B${String(42 + i).padStart(9, "0")}`,
    due_date: "2026-11-12", replacement_cost: "14.99", pickup_branch: null, pickup_by: null, charge_description: null,
    charge_amount: null, charge_balance: null, expires_on: "2027-11-12", fine: i % 2 ? "1.50" : null, charge_date: null, run_date: "2026-11-27",
    patron_name: "Olivia Taylor", first_name: "Olivia", last_name: "Taylor", card_number: "P00000042",
    patron_email: "olivia.taylor@example.net", preferred_language: "en", registered_on: "2024-11-12", patron_status: "ACTIVE",
    branch_name: "Central Library", branch_address: "1 Library Square", branch_phone: "01632 960000", branch_email: null,
  }));
}

async function rawLoop(port: number, count: number, concurrency: number, setup: NoticeSetup, rows: ContentRow[]) {
  const sender = new SmtpSender({ host: "127.0.0.1", port, secure: false, poolSize: 5 });
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const id = next++;
      const email = await composeNoticeEmail({ deliveryId: 1e9 + id, to: `raw.${id}@example.net`,
        recipient: { name: "Olivia Taylor", isPatron: true }, rows, setup, fallbackFrom: "x@y" });
      const out = await sender.send({ from: email.envelopeFrom, to: `raw.${id}@example.net`, raw: email.raw,
        beforeHandover: async () => ({ commit: () => {}, rollback: () => {} }) });
      if (out.outcome !== "sent") throw new Error(`raw send failed: ${out.response}`);
    }
  }));
  await sender.close();
  return count / ((performance.now() - t) / 1000);
}

function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

async function measureRenders(db: ReturnType<typeof createPrismaClient>) {
  const setup = await loadNoticeSetup(db);
  const overdue = await db.scenario.findUniqueOrThrow({ where: { code: "overdue" } });
  // Renders per second of an overdue notice with 20 items, on this one core: the staff's Liquid wording, the React
  // Email layout, and the text part, exactly as a send does.
  const twenty = overdueRows(setup, overdue.id, 20);
  const t = performance.now();
  let renders = 0;
  while (performance.now() - t < 3000) {
    const { language, sections } = buildSectionSources(twenty, { name: "Olivia Taylor", isPatron: true }, setup);
    await renderNotice({ brand: setup.brand, language, sections });
    renders++;
  }
  line("renders/s, overdue notice with 20 items (one core)", `${(renders / ((performance.now() - t) / 1000)).toFixed(0)}`);
}

/** CSV import of 100,000 patrons, then 100,000 items and 100,000 loans of them, into a database of its own. */
async function measureImport() {
  const importUrl = url.replace(/\/[^/]+$/, "/noticeboard_bench_import");
  await dropDatabase(importUrl);
  await deployMigrations(importUrl);
  const db = createPrismaClient(importUrl);
  await db.branch.create({ data: { code: "CEN", name: "Central" } });
  await db.patronCategory.create({ data: { code: "ADULT", name: "Adult" } });
  await db.libraryGroup.createMany({ data: [{ code: "G1", name: "Group 1" }, { code: "G2", name: "Group 2" }] });
  const staff = await db.staffUser.create({ data: { email: "bench@library.example", name: "Bench", passwordHash: "x", role: "ADMIN" } });
  const N = 100_000;
  const files = {
    patrons: ["cardNumber,firstName,lastName,email,homeBranch,category,registeredOn,expiresOn,groups",
      ...Array.from({ length: N }, (_, i) => `P${i},First${i},Last${i},p${i}@example.net,CEN,ADULT,2025-01-01,2028-01-01,${i % 3 ? "G1" : "G1;G2"}`)],
    items: ["barcode,title,author,branch,replacementCost", ...Array.from({ length: N }, (_, i) => `B${i},Title ${i},"Author, ${i}",CEN,12.99`)],
    loans: ["externalId,cardNumber,barcode,loanedAt,dueDate", ...Array.from({ length: N }, (_, i) => `L${i},P${i},B${i},2026-11-01T10:00:00Z,2026-11-22`)],
  };
  for (const [type, lines] of Object.entries(files) as [ImportType, string[]][]) {
    const csv = lines.join("\n");
    const t = performance.now();
    const result = await importCsv(db, { type, csv, mapping: guessMapping(type, lines[0].split(",")), dryRun: false, actor: staff });
    if (!result.written) throw new Error(`${type} import refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
    line(`CSV import, ${N.toLocaleString("en-GB")} ${type} (${(csv.length / 1e6).toFixed(1)} MB), one transaction`, `${ms(t)} (${Math.round(N / ((performance.now() - t) / 1000)).toLocaleString("en-GB")} rows/s)`);
  }
  await db.$disconnect();
  await dropDatabase(importUrl);
}

/** p50 / p95 of `n` calls, in ms. */
async function percentiles(n: number, call: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(0);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${n} calls)`;
}

/**
 * The delivery log and a delivery page over a filled ledger: `nights` recorded runs (each run empties the ledger
 * first, so the screens plan their own), and a few deliveries given a stored message and two attempts as a send
 * records them (composed by the sender's own code), for the delivery page.
 */
async function measureDeliveryScreens(db: ReturnType<typeof createPrismaClient>, today: string, nights: number) {
  const { loadDeliveryLog } = await import("@/lib/deliveries/load-delivery-log");
  const { getDelivery } = await import("@/lib/deliveries/get-delivery");
  const { claimDelivery } = await import("@/lib/notices/claim-delivery");
  const { letterRows } = await import("@/lib/notices/compose-notice-email");
  const sql = sqlPool(db);
  for (let i = 0; i < nights; i++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const t = performance.now();
    const run = await planRun(db, { runDate: date, trigger: "REPLAY" });
    line(`ledger for the screens: night ${date}`, `${ms(t)} (${run.deliveries} deliveries)`);
  }
  const setup = await loadNoticeSetup(db);
  const { rows: sample } = await sql.query<{ id: number }>(`SELECT id FROM "Delivery" WHERE channel = 'EMAIL' AND status = 'PLANNED' ORDER BY id DESC LIMIT 200`);
  let rawBytes = 0;
  for (const { id } of sample) {
    const claim = await claimDelivery(sql, id, "bench", 60);
    if (!claim) continue;
    const email = await composeNoticeEmail({ deliveryId: id, to: claim.claim.address!, setup, fallbackFrom: "bench@library.example",
      recipient: { name: claim.claim.contactName, isPatron: claim.claim.contactKind === "SELF" }, rows: letterRows(claim.content.filter((r) => r.is_valid), claim.claim.runId) });
    const raw = email.raw.toString("utf8");
    rawBytes += Buffer.byteLength(raw);
    await sql.query(`WITH d AS (UPDATE "Delivery" SET status = 'SENT', "smtpCode" = 250, "messageId" = $2, subject = $3, "sentMessage" = $4, "sentAt" = now()
        WHERE id = $1 RETURNING id, "createdAt")
      INSERT INTO "DeliveryAttempt" ("deliveryId", "deliveryCreatedAt", attempt, outcome, "smtpCode", response, "startedAt")
      SELECT d.id, d."createdAt", a.n, a.o::"AttemptOutcome", a.c, a.r, now() FROM d,
        (VALUES (1, 'TEMPORARY_FAILURE', 451, '451 4.3.0 Try again later'), (2, 'SENT', 250, '250 2.0.0 Ok: queued')) a(n, o, c, r)`,
    [id, email.messageId, email.subject, raw]);
  }
  await sql.query(`ANALYZE "Delivery"`);
  const { rows: [size] } = await sql.query<{ total: number; raw: number; stored: number }>(`SELECT (SELECT count(*) FROM "Delivery")::int AS total,
      avg(octet_length("sentMessage"))::int AS raw, avg(pg_column_size("sentMessage"))::int AS stored FROM "Delivery" WHERE "sentMessage" IS NOT NULL`);
  line("stored message per delivery (MIME, as TOAST keeps it)", `${size.raw} bytes raw, ${size.stored} bytes stored (~${((size.stored * 1e6) / 2 ** 30).toFixed(2)} GiB per million deliveries)`);
  void rawBytes;

  const { rows: [mid] } = await sql.query<{ card: string; address: string; id: number }>(
    `SELECT p."cardNumber" AS card, d.address, d.id FROM "Delivery" d JOIN "Patron" p ON p.id = d."patronId" WHERE d."sentMessage" IS NOT NULL LIMIT 1`);
  const log = (filter: Parameters<typeof loadDeliveryLog>[1]["filter"]) => () => loadDeliveryLog(db, { filter });
  line(`delivery log, first page (${size.total.toLocaleString("en-GB")} deliveries)`, await percentiles(40, log({})));
  const first = await loadDeliveryLog(db, { filter: {} });
  line("delivery log, an older page (keyset)", await percentiles(40, () => loadDeliveryLog(db, { filter: {}, before: first.page.older })));
  line("delivery log, status = failed (none: every index entry of the status)", await percentiles(40, log({ status: "FAILED" })));
  line("delivery log, status = sent", await percentiles(40, log({ status: "SENT" })));
  line("delivery log, by card number", await percentiles(40, log({ card: mid.card })));
  line("delivery log, by recipient address", await percentiles(40, log({ recipient: mid.address })));
  line("delivery log, by channel = print", await percentiles(40, log({ channel: "PRINT" })));
  line("delivery log, by scenario (overdue escalation)", await percentiles(20, async () => {
    const s = await db.scenario.findUniqueOrThrow({ where: { code: "overdue-escalation" } });
    return loadDeliveryLog(db, { filter: { scenario: s.id, level: 2 } });
  }));
  line("delivery log, a day's range", await percentiles(40, log({ from: today, to: today })));
  line("delivery page (notices, items, attempts, stored message parsed)", await percentiles(40, () => getDelivery(db, mid.id)));
  // Issue 14 item 4: what the actions add to the delivery page, and the resend's check of what the letter still says.
  const { getDeliveryHistory } = await import("@/lib/deliveries/get-delivery-history");
  const { loadDeliveryContent } = await import("@/lib/notices/claim-delivery");
  const { rows: [who] } = await sql.query<{ patronId: number; contactKey: string }>(`SELECT "patronId", "contactKey" FROM "Delivery" WHERE id = $1`, [mid.id]);
  line("delivery page: resend chain, staff actions, contact's address now", await percentiles(40, () => getDeliveryHistory(db, { id: mid.id, resendOfId: null, ...who })));
  line("resend: what the letter still says (the claim's re-check, no claim)", await percentiles(40, () => loadDeliveryContent(sql, mid.id)));
}

async function measureScreens(db: ReturnType<typeof createPrismaClient>) {
  const { listScenarios, scenarioFormValues, scenarioOptions } = await import("@/lib/scenarios/queries");
  const { previewScenarioChange } = await import("@/lib/scenarios/preview-change");
  const { ScenarioInput } = await import("@/lib/scenarios/schemas");
  const scenario = await db.scenario.findUniqueOrThrow({ where: { code: "overdue-escalation" } });
  line("scenarios page (every scenario, next and last run)", await percentiles(40, () => listScenarios(db)));
  line("scenario editor page (values and pickers)", await percentiles(40, async () => {
    await scenarioFormValues(db, scenario.id);
    await scenarioOptions(db, scenario.kind);
  }));
  // What the editor asks when it opens (the saved and the edited configuration) and half a second after each change
  // (the edited one): each a dry run of one scenario over every patron. Tomorrow's run on this library's empty ledger
  // is the worst case (every overdue loan newly at a level).
  const form = (await scenarioFormValues(db, scenario.id))!;
  const edited = ScenarioInput.parse({ ...form, levels: form.levels.map((l, i) => (i === 1 ? { ...l, periodDays: 21 } : l)) });
  line("scenario editor: would-send count on opening (overdue escalation)", await percentiles(3, () => previewScenarioChange(db, ScenarioInput.parse(form), { count: "saved" })));
  line("scenario editor: would-send count after an edit", await percentiles(5, () => previewScenarioChange(db, edited, { count: "edited" })));

  // Settings → Branches and → Patron lists: what each page reads.
  const { closedDayGroups, listBranches } = await import("@/lib/settings/branches");
  const { listPatronLists } = await import("@/lib/settings/lists");
  const { listContactKindUses, listEntryUses } = await import("@/lib/settings/list-uses");
  const { ContactKind } = await import("@/lib/generated/prisma/enums");
  const { localDate } = await import("@/lib/time/library-date");
  const today = localDate("Europe/London");
  const yearAhead = new Date(Date.parse(`${today}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10);
  const branch = await db.branch.findFirstOrThrow({ orderBy: { id: "asc" } });
  line("branches page (every branch, a year of closed days)", await percentiles(40, () => Promise.all([listBranches(db, today), closedDayGroups(db, today, yearAhead)])));
  line("branch page (one branch and its closed days)", await percentiles(40, () => Promise.all([db.branch.findUnique({ where: { id: branch.id } }), closedDayGroups(db, today, yearAhead, branch.id)])));
  line("patron lists page (three lists with patron counts, uses, contact kinds)", await percentiles(40, () =>
    Promise.all([listPatronLists(db), listEntryUses(db), listContactKindUses(db, Object.values(ContactKind))])));

  // Orders (issue 15): the orders list, all and one status, and the suppliers list (first pages).
  const { listOrders } = await import("@/lib/orders/list-orders");
  const { listSuppliers } = await import("@/lib/suppliers/list-suppliers");
  line("orders page (newest 50, totals)", await percentiles(40, () => listOrders(db, {})));
  line("orders page, sent only", await percentiles(40, () => listOrders(db, { status: "SENT" })));
  line("suppliers page (first 50 by name)", await percentiles(40, () => listSuppliers(db, {})));
}

// The runs list, a run's page and its progress poll, on the largest run the delivery screens planned (a first night:
// its email still PLANNED, so the page counts every delivery by status, the worst case of a run still sending).
async function measureRunScreens(db: ReturnType<typeof createPrismaClient>) {
  const { getRun } = await import("@/lib/notices/get-run");
  const { getRunProgressView } = await import("@/lib/notices/run-progress");
  const { listRecentRuns } = await import("@/lib/notices/list-recent-runs");
  const { loadDeliveryLog } = await import("@/lib/deliveries/load-delivery-log");
  const run = await db.noticeRun.findFirstOrThrow({ orderBy: { deliveriesPlanned: "desc" } });
  const what = `run #${run.id}: ${run.deliveriesPlanned.toLocaleString("en-GB")} deliveries, ${run.noticesPlanned.toLocaleString("en-GB")} notices`;
  line("runs page (a page of runs, failed and unknown counts)", await percentiles(40, () => listRecentRuns(db)));
  line(`run page loader (${what})`, await percentiles(40, () => getRun(db, run.id)));
  line("run progress poll (the 2 s request)", await percentiles(40, () => getRunProgressView(sqlPool(db), run.id, "Europe/London")));
  line("delivery log, one run's deliveries (first page)", await percentiles(40, () => loadDeliveryLog(db, { filter: { run: run.id } })));
}

/**
 * The home page over the screens' ledger (their nights were all created today, so "today" is the worst case for the
 * live part): the loader with and without the roll-up, the plain 30-day counts it replaces, and the roll-up pass.
 */
async function measureHomeScreen(db: ReturnType<typeof createPrismaClient>) {
  const { getHomeSummary } = await import("@/lib/dashboard/get-home-summary");
  const { countLibraryFigures } = await import("@/lib/dashboard/library-figures");
  const { countLedgerPlainly } = await import("@/lib/dashboard/ledger-counts");
  const { rollUpLedger } = await import("@/lib/dashboard/roll-up-ledger");
  const { getNeedsAttention } = await import("@/lib/dashboard/needs-attention");
  const { NOTICES_QUEUE } = await import("@/lib/jobs/notices");
  const { SYSTEM_QUEUE } = await import("@/lib/jobs/system");
  const { localDate } = await import("@/lib/time/library-date");
  const connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const queues = [NOTICES_QUEUE, DELIVERIES_QUEUE, SYSTEM_QUEUE].map((name) => ({ name, label: name, queue: new Queue(name, { connection, prefix }) }));
  const today = localDate("Europe/London");
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const sql = sqlPool(db);
  const { rows: [size] } = await sql.query<{ d: number; n: number }>(
    `SELECT (SELECT count(*) FROM "Delivery")::int AS d, ((SELECT count(*) FROM "Notice") + (SELECT count(*) FROM "EveryRunNotice"))::int AS n`);
  line(`home: ledger (${size.d.toLocaleString("en-GB")} deliveries, ${size.n.toLocaleString("en-GB")} notices)`, "");
  line("home: library figures (the six counters, counted)", await percentiles(40, () => countLibraryFigures(db, today)));
  line("home: needs attention (four live counts)", await percentiles(40, () => getNeedsAttention(db)));
  line("home: 30 days counted plainly (what the roll-up replaces)", await percentiles(10, () => countLedgerPlainly(db, { timeZone: "Europe/London", from })));
  await sql.query(`TRUNCATE "DeliveryDayCount", "NoticeDayCount", "LedgerDayCounted", "LedgerRollup", "HomeFigures"`);
  line("home: page loader, no roll-up yet (all counted live)", await percentiles(10, () => getHomeSummary(db, { queues })));
  const t = performance.now();
  const first = await rollUpLedger(db);
  line("home: roll-up, first pass (35 days)", `${ms(t)} (${first?.days.length} days)`);
  line("home: roll-up, a minute's pass (today and yesterday)", await percentiles(5, () => rollUpLedger(db)));
  line("home: page loader, the nights still sending (their runs counted live)", await percentiles(40, () => getHomeSummary(db, { queues })));
  // The usual case: the nights sent and marked done before the roll-up's last pass.
  await sql.query(`UPDATE "NoticeRun" SET "sendingFinishedAt" = now() - interval '1 minute' WHERE status = 'PLANNED'`);
  await rollUpLedger(db);
  line("home: page loader, the nights done (roll-up + rows since, queues)", await percentiles(40, () => getHomeSummary(db, { queues })));
  await connection.quit();
}

// After the delivery screens: their planned nights give the patron history a ledger to page through.
async function measurePatronScreens(db: ReturnType<typeof createPrismaClient>, today: string) {
  // Patrons: the search page (surname prefixes, a full card, an email) and the patron page's loaders, on patrons spread
  // over the alphabet and the table (a surname late in the alphabet was the slow case before the sort keys changed).
  const { findPatronByCard, searchPatrons } = await import("@/lib/patrons/search-patrons");
  const { getPatron } = await import("@/lib/patrons/get-patron");
  const { patronHistory } = await import("@/lib/patrons/patron-history");
  const sample = (await sqlPool(db).query<{ id: number; cardNumber: string; lastName: string; email: string | null }>(
    `SELECT id, "cardNumber", "lastName", email FROM "Patron" WHERE email IS NOT NULL AND id % 997 = 0 ORDER BY id LIMIT 40`)).rows;
  let i = 0;
  const nextSample = () => sample[i++ % sample.length];
  line("patron search: surname prefix (4 letters, first page)", await percentiles(40, () => searchPatrons(db, { query: nextSample().lastName.slice(0, 4) })));
  line("patron search: whole surname, first and second page", await percentiles(40, async () => {
    const query = nextSample().lastName;
    const first = await searchPatrons(db, { query });
    if (first.next) await searchPatrons(db, { query, after: first.next });
  }));
  line("patron search: card number typed exactly (straight to the patron)", await percentiles(40, () => findPatronByCard(db, nextSample().cardNumber)));
  line("patron search: email", await percentiles(40, () => searchPatrons(db, { query: nextSample().email! })));
  line("patron search: part of an email (8 characters from its middle)", await percentiles(40, () => searchPatrons(db, { query: nextSample().email!.slice(3, 11) })));
  // The patron most notified, as well as ordinary ones: the history's first page and an older one.
  const busiest = (await sqlPool(db).query<{ patronId: number }>(
    `SELECT "patronId" FROM "Delivery" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0]?.patronId ?? sample[0].id;
  const deliveries = (await sqlPool(db).query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "patronId" = $1`, [busiest])).rows[0].n;
  line("patron page: details, contacts, loans, reservations, charges", await percentiles(40, () => getPatron(db, nextSample().id)));
  // "What would this patron get on date X": the night after the delivery screens' nights (a ledger behind it), for
  // patrons with an overdue loan (the escalation letters) and for the sample (most of whom get nothing).
  const { previewPatron } = await import("@/lib/patrons/preview-patron");
  const { previewDate } = await import("@/lib/notices/preview-date");
  const next = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  const overdue = (await sqlPool(db).query<{ id: number }>(`SELECT DISTINCT "patronId" AS id FROM "Loan" WHERE status = 'ON_LOAN'
    AND "dueDate" < $1::date - 8 AND "patronId" % 499 = 0 ORDER BY 1 LIMIT 40`, [next])).rows;
  let j = 0;
  let sent = 0;
  line(`patron page: what would they get on ${next} (one-patron dry run, rendered), patrons with an overdue loan`, await percentiles(40, async () => {
    sent += (await previewPatron(db, { patronId: overdue[j++ % overdue.length].id, runDate: next })).deliveries.length;
  }));
  line("  (messages the 40 calls rendered)", String(sent));
  line(`patron page: what would they get on ${next}, ordinary patrons`, await percentiles(40, () => previewPatron(db, { patronId: nextSample().id, runDate: next })));
  // Preview a date: a dry run over every patron and every enabled scenario, then 3 messages per scenario and level rendered.
  const whole = await previewDate(db, { runDate: next });
  line(`preview a date (${next}): ${whole.totals.notices.toLocaleString("en-GB")} notices, ${whole.groups.length} scenario levels, ${whole.groups.reduce((n, g) => n + g.samples.length, 0)} messages rendered`,
    await percentiles(5, () => previewDate(db, { runDate: next })));
  line("patron page: notice history, first page", await percentiles(40, () => patronHistory(db, { patronId: nextSample().id })));
  line(`patron page: history of the most notified patron (${deliveries} deliveries), first and second page`, await percentiles(40, async () => {
    const first = await patronHistory(db, { patronId: busiest });
    if (first.next) await patronHistory(db, { patronId: busiest, before: first.next });
  }));
}

// Acquisitions at a large library's scale (issue 15): 20,000 orders (about four years of a busy system) with 100,000
// lines and their emails, made here (the seeded library has 8 orders). The orders list, the "email not delivered"
// filter, the home page's count of them, an order page's emails, and the claims pass: its first run over every order
// (the day claims are switched on) and the daily run once the backlog is claimed.
async function measureAcquisitions(db: ReturnType<typeof createPrismaClient>, today: string) {
  const sql = sqlPool(db);
  const { listOrders } = await import("@/lib/orders/list-orders");
  const { getNeedsAttention } = await import("@/lib/dashboard/needs-attention");
  const { planClaims } = await import("@/lib/orders/email/plan-claims");
  const N = 20_000;
  await sql.query(`DELETE FROM "OrderEmail" WHERE "orderId" IN (SELECT id FROM "PurchaseOrder" WHERE number LIKE 'PB-%')`);
  await sql.query(`DELETE FROM "ClaimRun" WHERE key LIKE 'bench:%'`);
  await sql.query(`DELETE FROM "PurchaseOrderLine" WHERE "orderId" IN (SELECT id FROM "PurchaseOrder" WHERE number LIKE 'PB-%')`);
  await sql.query(`DELETE FROM "PurchaseOrder" WHERE number LIKE 'PB-%'`);
  let t = performance.now();
  // Sent over four years: the older ones received, the last months' partly or not yet; 1 % of their emails failed.
  await sql.query(`INSERT INTO "PurchaseOrder" (number, "supplierId", status, "createdAt", "sentAt")
    SELECT 'PB-' || lpad(i::text, 6, '0'), 1 + i % 2,
      (CASE WHEN i > $1 - 600 THEN 'SENT' WHEN i > $1 - 1500 THEN 'PARTIALLY_RECEIVED' ELSE 'RECEIVED' END)::"PurchaseOrderStatus",
      $2::date - ((($1 - i) * 1461 / $1) || ' days')::interval, $2::date - ((($1 - i) * 1461 / $1) || ' days')::interval + interval '10 hours'
    FROM generate_series(1, $1) AS i`, [N, today]);
  await sql.query(`INSERT INTO "PurchaseOrderLine" ("orderId", "lineNo", title, isbn, quantity, "unitPrice", "receivedQuantity")
    SELECT o.id, n, 'Bench title ' || o.id || '/' || n, '9780306406157', 2, 12.50,
      CASE o.status WHEN 'RECEIVED' THEN 2 WHEN 'PARTIALLY_RECEIVED' THEN (n % 2) * 2 ELSE 0 END
    FROM "PurchaseOrder" o CROSS JOIN generate_series(1, 5) AS n WHERE o.number LIKE 'PB-%'`);
  await sql.query(`INSERT INTO "OrderEmail" ("orderId", kind, recipients, status, "smtpCode", reply, "sentAt", "requestedBy", "createdAt")
    SELECT o.id, 'ORDER', ARRAY['orders@supplier.example'], CASE WHEN o.id % 100 = 0 THEN 'FAILED' ELSE 'SENT' END::"DeliveryStatus",
      CASE WHEN o.id % 100 = 0 THEN 550 ELSE 250 END, '250 ok', o."sentAt", 'bench', o."sentAt"
    FROM "PurchaseOrder" o WHERE o.number LIKE 'PB-%'`);
  await sql.query(`ANALYZE "PurchaseOrder"; ANALYZE "PurchaseOrderLine"; ANALYZE "OrderEmail"`);
  line(`acquisitions: ${N.toLocaleString("en-GB")} orders, ${(N * 5).toLocaleString("en-GB")} lines and their emails made`, ms(t));
  const undelivered = await listOrders(db, { email: "problem" });
  line("orders page (newest 50, totals)", await percentiles(40, () => listOrders(db, {})));
  line("orders page, partly received only", await percentiles(40, () => listOrders(db, { status: "PARTIALLY_RECEIVED" })));
  line(`orders page, email not delivered (${undelivered.rows.length}${undelivered.next ? "+" : ""} on the first page)`, await percentiles(40, () => listOrders(db, { email: "problem" })));
  line("home: needs attention (with supplier emails not delivered)", await percentiles(40, () => getNeedsAttention(db)));
  const order = await db.purchaseOrder.findFirstOrThrow({ where: { number: { startsWith: "PB-" }, status: "SENT" }, select: { id: true } });
  line("order page: the order, its lines and emails", await percentiles(40, () => db.purchaseOrder.findUnique({
    where: { id: order.id }, include: { supplier: true, lines: { orderBy: { lineNo: "asc" } }, emails: { orderBy: { id: "desc" } } } })));
  t = performance.now();
  const first = await planClaims(sql, { runDate: today, key: `bench:first:${Date.now()}`, requestedBy: "bench" });
  line(`claims pass, first (every late order claimed: ${first.claims.length.toLocaleString("en-GB")} claims recorded)`, ms(t));
  let k = 0;
  line("claims pass, the next morning's check (the backlog claimed, nothing new due)", await percentiles(10, () =>
    planClaims(sql, { runDate: today, key: `bench:again:${Date.now()}:${k++}`, requestedBy: "bench" })));
}

async function main() {
  console.log("Noticeboard benchmark (2 cores shared by Postgres, Redis, the worker and this script)\n");
  if (values.only === "import") return measureImport();
  if (values.only === "renders") {
    const db = createPrismaClient(url);
    await measureRenders(db);
    await db.$disconnect();
    return;
  }
  const today = await ensureLibrary(library);
  const db = createPrismaClient(url);
  if (values.only === "acquisitions") {
    await measureAcquisitions(db, today);
    await db.$disconnect();
    return;
  }
  if (values.only === "screens") {
    await measureScreens(db);
    await measureAcquisitions(db, today);
    await measureDeliveryScreens(db, today, 3);
    await measureRunScreens(db);
    await measureHomeScreen(db);
    await measurePatronScreens(db, today);
    await db.$disconnect();
    return;
  }

  let t = performance.now();
  const dry = await planRun(db, { runDate: today, trigger: "REPLAY", dryRun: true });
  line("planning, all enabled scenarios, dry run", `${ms(t)} (${dry.notices} notices, ${dry.deliveries} deliveries)`);
  const emailIds: number[] = [];
  t = performance.now();
  const run = await planRun(db, { runDate: today, trigger: "REPLAY", onBatch: async ({ emailDeliveryIds }) => void emailIds.push(...emailDeliveryIds) });
  line("planning, all enabled scenarios, recorded", `${ms(t)} (${run.notices} notices, ${run.deliveries} deliveries, ${run.emailDeliveries} email)`);
  // The night after: what a library sees every night once the ledger holds the first run (the line above is the
  // worst case, a first run on an empty ledger, when every overdue loan's escalation level is new).
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await quiesce(sqlPool(db)); // a day passes: autovacuum has seen the first night's rows
  t = performance.now();
  const next = await planRun(db, { runDate: tomorrow, trigger: "REPLAY" });
  line("planning, the next night, recorded", `${ms(t)} (${next.notices} notices, ${next.deliveries} deliveries)`);
  // The heaviest ordinary night: the seeded invoice reminders run weekly, on Mondays (every unpaid charge, each week).
  const tomorrowDay = new Date(`${tomorrow}T00:00:00Z`).getUTCDay();
  const monday = new Date(Date.parse(`${tomorrow}T00:00:00Z`) + (((8 - tomorrowDay) % 7 || 7) * 86_400_000)).toISOString().slice(0, 10);
  await quiesce(sqlPool(db));
  t = performance.now();
  const weekly = await planRun(db, { runDate: monday, trigger: "REPLAY" });
  line(`planning, the Monday after (${monday}), recorded`, `${ms(t)} (${weekly.notices} notices, ${weekly.deliveries} deliveries; weekly invoice reminders too)`);

  if (SENDS === 0) {
    await db.$disconnect();
    return;
  }
  await quiesce(sqlPool(db));
  const catcher = await startMailCatcher({ port: 0, keepMessages: false });
  const setup = await loadNoticeSetup(db);
  const overdue = await db.scenario.findUniqueOrThrow({ where: { code: "overdue" } });
  // The raw loop sends what an average overdue delivery of this run lists (~2 loans).
  const raw = await rawLoop(catcher.port, Math.min(SENDS, 5000), Number(values.concurrency), setup, overdueRows(setup, overdue.id, 2));
  line("raw limit: render + send in a tight loop", `${raw.toFixed(0)} messages/s`);

  // End to end: a real worker process sends the first SENDS email deliveries of the recorded run.
  const queue = new Queue(DELIVERIES_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix });
  const batch = emailIds.slice(0, SENDS);
  await enqueueDeliveries(db, queue, batch, { attempts: 3, backoffMs: 1000 });
  const before = catcher.stats.count;
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the worker.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const worker = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "worker/index.ts"], {
    env: { ...process.env, DATABASE_URL: url, QUEUE_PREFIX: prefix, SMTP_HOST: "127.0.0.1", SMTP_PORT: String(catcher.port),
      SEND_CONCURRENCY: values.concurrency, LOG_LEVEL: "warn", HEARTBEAT_CRON: "0 0 1 1 *", EVENTS_CRON: "0 0 1 1 *",
      // Only the deliveries this benchmark enqueues: no sweep of the rest of the run, no catch-up run at start.
      SWEEP_CRON: "0 0 1 1 *", CATCH_UP_ON_START: "false" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const samples: string[] = [];
  let firstAt = 0;
  let nextSample = 0.25;
  for (;;) {
    const done = catcher.stats.count - before;
    if (done > 0 && !firstAt) firstAt = performance.now();
    if (done >= batch.length * nextSample && nextSample <= 1) {
      samples.push(`${Math.round(nextSample * 100)}%: ${memoryOf(worker.pid!).rssMb.toFixed(0)} MB`);
      nextSample += 0.25;
    }
    if (done >= batch.length) break;
    if (worker.exitCode !== null) throw new Error("worker exited");
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 300)); // the last results are recorded
  const sent = await db.delivery.count({ where: { id: { in: batch }, status: "SENT" } });
  const e2e = batch.length / ((performance.now() - firstAt) / 1000);
  const memory = memoryOf(worker.pid!);
  worker.kill("SIGTERM");
  line("end to end: planned -> rendered -> SMTP -> recorded", `${e2e.toFixed(0)} deliveries/s (${sent}/${batch.length} recorded SENT)`);
  line("end to end as a share of the raw limit", `${((e2e / raw) * 100).toFixed(0)}% (target >= 60%)`);
  line("worker memory (RSS as the run progressed)", samples.join(", "));
  line("worker peak memory (VmHWM)", `${memory.peakMb.toFixed(0)} MB`);

  // Measured once the worker has exited: it would otherwise share this core while it shuts down.
  if (worker.exitCode === null) await new Promise((r) => worker.once("exit", r));
  await measureRenders(db);
  await measureImport();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await catcher.close();
  await db.$disconnect();
}

await main();
process.exit(0);
