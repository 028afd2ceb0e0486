// "Once means once" and "preview = run" at the database level (issue 11, item 2), on generated libraries
// (prisma/seed-library.ts, ~300 patrons and every loan and reservation status) with every default scenario enabled.
// The planner's pre-filters (candidates.ts leaves out what the ledger holds) are bypassed on purpose where the claim is
// about the ledger: drafts planned before the ledger changed are written afterwards, and two planners race on an empty
// ledger, so only Notice's unique key stands between them and a second copy.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { planRun, type PlanOptions } from "@/lib/notices/plan-run";
import { noticeKey, uniqueNotices, type DeliveryDraft } from "@/lib/notices/plan-types";
import { previewRun } from "@/lib/notices/preview-run";
import { writePlan } from "@/lib/notices/write-plan";
import { seedLibrary } from "../../../prisma/seed-library";
import { deployMigrations, dropDatabase } from "../../../scripts/lib/migrate";
import { siblingDatabaseUrl } from "../../factories";
import { noticeRows } from "@/lib/notices/notice-rows";
import { countNotices } from "./ledger";

const url = siblingDatabaseUrl("guarantees");
let sql: pg.Client;
let db: ReturnType<typeof createPrismaClient>;

beforeAll(async () => {
  await dropDatabase(url);
  await deployMigrations(url);
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
  db = createPrismaClient(url);
});
afterAll(async () => {
  await db.$disconnect();
  await sql.end();
  await dropDatabase(url);
});

/** A fresh generated library (the seed empties every table first, the ledger too), every scenario enabled. */
async function generatedLibrary(seed: number, today: string) {
  await seedLibrary(sql, { seed, today, patrons: 300, loans: 900, adminEmail: "admin@guarantees.example", adminPassword: "pw" });
  await sql.query(`UPDATE "Scenario" SET "isEnabled" = true`);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const plan = (runDate: string, options: Partial<PlanOptions> = {}) => planRun(db, { runDate, trigger: "REPLAY", ...options });

/** Drafts a run would record now, without writing (the preview's planner). */
const drafts = async (runDate: string) => (await plan(runDate, { dryRun: true })).preview;

/** Records drafts under a new run of their own, in one transaction, as the planner does; returns what writePlan says. */
async function writeDrafts(runDate: string, deliveries: DeliveryDraft[]) {
  const run = await db.noticeRun.create({ data: { key: `test:${crypto.randomUUID()}`, runDate: new Date(runDate), trigger: "REPLAY" } });
  await sql.query("BEGIN");
  try {
    const written = await writePlan(sql, run.id, deliveries);
    await sql.query("COMMIT");
    return { runId: run.id, ...written };
  } catch (err) {
    await sql.query("ROLLBACK");
    throw err;
  }
}

const ledgerKeys = async () =>
  (await sql.query<{ k: string }>(`SELECT concat_ws(':', "scenarioId", "levelId", "subjectId", to_char(occurrence, 'YYYY-MM-DD')) AS k FROM (${noticeRows()}) n`))
    .rows.map((r) => r.k);

/**
 * A document as text, the same for a preview's delivery and a recorded one: patron, contact, channel, address,
 * separation group, the notices new in it (scenario:level:subject:occurrence, sorted) and how many earlier notices it
 * lists again.
 */
type Doc = string;
const doc = (d: { patronId: number; kind: string; name: string; channel: string; address: string | null; group: string | null; keys: string[]; listed: number }) =>
  JSON.stringify([d.patronId, d.kind, d.name, d.channel, d.address, d.group || null, [...d.keys].sort(), d.listed]);

function previewDocs(preview: Awaited<ReturnType<typeof previewRun>>): Doc[] {
  return preview.deliveries.map((d) => doc({
    patronId: d.patronId, kind: d.contact.kind, name: d.contact.name, channel: d.channel, address: d.address, group: d.separationGroup,
    keys: d.messages.flatMap((m) => m.notices.map((n) => `${m.scenario}:${n.level}:${n.id}:${n.occurrence}`)),
    listed: d.messages.reduce((sum, m) => sum + m.alsoListedNotices, 0),
  })).sort();
}

async function recordedDocs(runIds: number[]): Promise<Doc[]> {
  const { rows } = await sql.query<{ patronId: number; kind: string; name: string; channel: string; address: string | null; group: string; keys: string[] | null; listed: number }>(
    `SELECT d."patronId", d."contactKind"::text AS kind, d."contactName" AS name, d.channel::text AS channel, d.address,
        d."separationGroup" AS group,
        array_agg(concat_ws(':', s.code, n.level, n."subjectId", to_char(n.occurrence, 'YYYY-MM-DD'))) FILTER (WHERE n."runId" = d."runId") AS keys,
        (count(*) FILTER (WHERE n."runId" <> d."runId"))::int AS listed
     FROM "Delivery" d CROSS JOIN LATERAL (${noticeRows(`d."noticeIds"`)}) n JOIN "Scenario" s ON s.id = n."scenarioId"
     WHERE d."runId" = ANY($1::int[]) GROUP BY d.id, d."createdAt"`, [runIds]);
  return rows.map((r) => doc({ ...r, keys: r.keys ?? [] })).sort();
}

describe("the ledger's unique key", () => {
  it("refuses a second row for any once-only notice recorded, whatever wrote it (23505)", async () => {
    await generatedLibrary(11, "2026-02-01");
    const run = await plan("2026-02-01");
    const { rows: firsts } = await sql.query<{ id: number; kind: string; everyRun: boolean }>(
      `SELECT DISTINCT ON (kind) id, kind::text, false AS "everyRun" FROM "Notice" WHERE "runId" = $1
       UNION ALL SELECT DISTINCT ON (kind) id, kind::text, true FROM "EveryRunNotice" WHERE "runId" = $1 ORDER BY kind, id`, [run.runId]);
    // Once-only kinds of the demo night, and the every-run ones (O, I) on the same run date: once per patron and run date.
    expect(firsts.map((r) => r.kind)).toEqual(expect.arrayContaining(["LM", "O", "OE", "LL", "V", "RX"]));
    expect(firsts.filter((r) => r.everyRun).map((r) => r.kind)).toEqual(expect.arrayContaining(["O"]));
    const count = async () => Number((await sql.query(`SELECT (SELECT count(*) FROM "Notice") + (SELECT count(*) FROM "EveryRunNotice") AS n`)).rows[0].n);
    const before = await count();
    for (const { id, kind, everyRun } of firsts) {
      const duplicate = everyRun
        ? sql.query(`INSERT INTO "EveryRunNotice" (id, "runId", "scenarioId", "levelId", level, kind, "patronId", occurrence, "listedIds", metrics)
            SELECT nextval('"Notice_id_seq"'), "runId" + 1000, "scenarioId", "levelId", level, kind, "patronId", occurrence, "listedIds", metrics
            FROM "EveryRunNotice" WHERE id = $1`, [id])
        : sql.query(`INSERT INTO "Notice" ("runId", "scenarioId", "levelId", level, kind, "patronId", "subjectId", "loanId",
            "reservationId", "chargeId", occurrence, metric, status)
          SELECT "runId" + 1000, "scenarioId", "levelId", level, kind, "patronId", "subjectId", "loanId", "reservationId", "chargeId",
            occurrence, metric, 'PLANNED' FROM "Notice" WHERE id = $1`, [id]);
      // A partitioned table reports the violated index of the month's partition ("EveryRunNotice_2026_02_scenarioId_...").
      await expect(duplicate, kind).rejects.toMatchObject({ code: "23505",
        constraint: everyRun ? expect.stringMatching(/^EveryRunNotice_\d{4}_\d{2}_scenarioId_patronId_occurrence_level/) : "Notice_scenarioId_subjectId_occurrence_levelId_key" });
    }
    expect(await count()).toBe(before);
  });

  it("writePlan given the same drafts twice records them once: the second write records no notice and no delivery", async () => {
    await generatedLibrary(12, "2026-02-01");
    const planned = await drafts("2026-02-02");
    const notices = uniqueNotices(planned).length;
    expect(notices).toBeGreaterThan(100);
    const first = await writeDrafts("2026-02-02", planned);
    expect([first.notices, first.deliveries, first.emailDeliveryIds.length])
      .toEqual([notices, planned.length, planned.filter((d) => d.channel === "EMAIL").length]);
    const second = await writeDrafts("2026-02-02", planned);
    expect([second.notices, second.deliveries, second.emailDeliveryIds]).toEqual([0, 0, []]);
    expect(await db.delivery.count({ where: { runId: second.runId } })).toBe(0);
    expect(await countNotices(db)).toBe(notices);
  });

  it("a reminder or escalation recorded on one day is not recorded again the next, even from drafts that predate it", async () => {
    await generatedLibrary(13, "2026-02-01");
    // The next day's drafts, planned while the ledger is still empty: they hold the reminders for loans due in 2-3
    // days and the escalation levels reached yesterday, which the planner's pre-filters would leave out tomorrow.
    const tomorrow = await drafts("2026-02-03");
    await plan("2026-02-02");
    const recorded = new Set(await ledgerKeys());
    const stale = uniqueNotices(tomorrow).filter((n) => recorded.has(noticeKey(n)));
    const kinds = [...new Set(stale.map((n) => n.kind))].sort();
    expect(kinds).toEqual(expect.arrayContaining(["LM", "OE"]));
    const fresh = uniqueNotices(tomorrow).length - stale.length;

    const written = await writeDrafts("2026-02-03", tomorrow);
    expect(written.notices).toBe(fresh);
    const keys = await ledgerKeys();
    expect(keys.length).toBe(new Set(keys).size);
    expect(keys.length).toBe(recorded.size + fresh);
    // None of tomorrow's deliveries carries one of today's notices as new.
    const { rows: [{ n }] } = await sql.query(`SELECT count(*)::int AS n FROM "Delivery" d JOIN "Notice" n ON n.id = ANY(d."noticeIds")
      WHERE d."runId" = $1 AND n."runId" <> $1 AND n.kind IN ('LM', 'RX')`, [written.runId]);
    expect(n).toBe(0);
  });
});

describe("two planners on the same date at once", () => {
  it.each([[21, "2026-02-02"], [22, "2026-03-09"]])("record one set of notices, each in one document per contact (seed %i, %s)", async (seed, date) => {
    await generatedLibrary(seed, addDays(date, -1));
    const expected = previewDocs(await previewRun(db, { runDate: date, limit: 100_000 }));
    const expectedEmail = expected.filter((d) => JSON.parse(d)[3] === "EMAIL").length;
    expect(expected.length).toBeGreaterThan(100);

    // As two replays of one slot would: distinct run keys, small batches so several ranges are written side by side.
    const [a, b] = await Promise.all(["a", "b"].map((k) => plan(date, { runKey: `race:${date}:${k}`, batchPatrons: 25 })));
    expect(a.runId).not.toBe(b.runId);
    expect(await recordedDocs([a.runId!, b.runId!])).toEqual(expected);
    expect(a.emailDeliveries + b.emailDeliveries).toBe(expectedEmail);
    expect(a.deliveries + b.deliveries).toBe(expected.length);

    // Every notice travels in exactly one document per contact, and none is left out of a document.
    const { rows: twice } = await sql.query(`SELECT n.id, n."subjectId", d."contactKey" FROM "Delivery" d
      CROSS JOIN LATERAL (${noticeRows(`d."noticeIds"`)}) n
      WHERE d."runId" IN ($1, $2) GROUP BY 1, 2, 3 HAVING count(*) > 1`, [a.runId, b.runId]);
    expect(twice).toEqual([]);
    const { rows: [{ n: orphans }] } = await sql.query(`SELECT count(*)::int AS n FROM (${noticeRows()}) n WHERE n."runId" IN ($1, $2)
      AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE n.id = ANY(d."noticeIds") AND d."runId" = n."runId")`, [a.runId, b.runId]);
    expect(orphans).toBe(0);
    expect(a.notices + b.notices).toBe(await countNotices(db));
  });
});

describe("preview and run agree", () => {
  // Per seed: the days after the seed's date, each previewed and then run on the ledger the earlier days left, so
  // notices already recorded, escalations listing earlier notices and every-run kinds are all compared.
  const cases: [number, string, string[]][] = [
    [31, "2026-02-01", ["2026-02-01", "2026-02-02", "2026-02-09"]], // a 1st (monthly), two Mondays (weekly invoice)
    [32, "2026-03-30", ["2026-03-31", "2026-04-01", "2026-04-13"]], // the 31st = last day, a 1st, a Monday
  ];
  it.each(cases)("the deliveries a preview lists are exactly those the run records (seed %i from %s)", async (seed, today, dates) => {
    await generatedLibrary(seed, today);
    for (const date of dates) {
      const preview = await previewRun(db, { runDate: date, limit: 100_000 });
      expect(preview.deliveriesListed).toBe(preview.totals.deliveries);
      const run = await plan(date);
      expect(await recordedDocs([run.runId!]), date).toEqual(previewDocs(preview));
      expect([run.notices, run.deliveries, run.emailDeliveries], date)
        .toEqual([preview.totals.notices, preview.totals.deliveries, preview.totals.emailDeliveries]);
    }
  });
});
