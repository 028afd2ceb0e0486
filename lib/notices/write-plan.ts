import type pg from "pg";
import { numberArray, textArray } from "@/lib/db/pg-array";
import { KINDS } from "./kinds";
import { uniqueMessages, type DeliveryDraft, type NoticeDraft } from "./plan-types";

/**
 * Records one batch of planned notices and deliveries in the caller's transaction. Notices whose unique key already
 * exists (recorded by an earlier run, or an earlier attempt of this one) are not recorded again, and a delivery left
 * with no new notice is dropped: this is what makes planning safe to repeat. A delivery is always a new row, carrying
 * notices this transaction recorded (and earlier ones it lists again), so a new notice goes out in exactly one
 * document per contact; a run planned again after a crash sends only what is new, in a document of its own.
 * Returns how many notices (an every-run row counts each loan or charge it lists) and deliveries were written, and the
 * email deliveries' ids (to enqueue).
 */
export async function writePlan(tx: pg.ClientBase, runId: number, deliveries: DeliveryDraft[]) {
  const messages = uniqueMessages(deliveries);
  // Once-only kinds: a row per notice. Every-run kinds: a row per message, listing its loans or charges.
  const list = messages.filter((m) => KINDS[m.scenario.kind].repeat === "once").flatMap((m) => m.notices);
  const everyRun = messages.filter((m) => KINDS[m.scenario.kind].repeat === "every-run" && m.notices.length > 0);
  if (list.length + everyRun.length === 0) return NOTHING_WRITTEN;
  // In the unique key's order: each insert then lands next to the previous one in the index (fewer pages touched and
  // written to the WAL than in patron order, where loan ids are scattered).
  list.sort((a, b) => a.scenarioId - b.scenarioId || a.subjectId - b.subjectId || a.levelId - b.levelId);
  everyRun.sort((a, b) => a.scenario.id - b.scenario.id || a.patronId - b.patronId);
  // Ids are taken from the sequence first, so an insert need only say which ids it skipped (a notice already recorded
  // is skipped by its key; its id is left unused). Ids travel as one comma-separated text each way, not a row per
  // notice: a million one-column rows a night were a third of the planner's result parsing. Both tables take ids from
  // Notice's sequence, so a delivery's noticeIds never need to say which table.
  const { rows: [reserved] } = await tx.query<{ ids: string }>(
    `SELECT string_agg(nextval('"Notice_id_seq"')::text, ',') AS ids FROM generate_series(1, $1)`, [list.length + everyRun.length]);
  const allIds = reserved.ids.split(",").map(Number);
  const ids = allIds.slice(0, list.length);
  const recordIds = allIds.slice(list.length);
  const skipped = new Set<number>();
  let inserted: number;
  if (list.length) {
    // Kind and subject are the scenario's: sent once per scenario, not once per notice.
    const scenarios = [...new Map(list.map((n) => [n.scenarioId, n])).values()];
    const { rows: [insert] } = await tx.query<{ skipped: string | null }>(
      `WITH ins AS (INSERT INTO "Notice" (id, "runId", "scenarioId", "levelId", level, kind, "patronId", "subjectId", "loanId",
          "reservationId", "chargeId", occurrence, metric, status)
       SELECT t.id, $1, t.s, t.lid, t.lv, sc.kd::"NoticeKind", t.p, t.sid, CASE WHEN sc.subj = 'loan' THEN t.sid END,
          CASE WHEN sc.subj = 'reservation' THEN t.sid END, CASE WHEN sc.subj = 'charge' THEN t.sid END, t.occ, t.m,
          (CASE WHEN t.covered THEN 'COVERED' ELSE 'PLANNED' END)::"NoticeStatus"
       FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::date[], $8::numeric[], $9::bool[], $13::int[])
          AS t(id, s, lv, p, sid, occ, m, covered, lid)
       JOIN unnest($10::int[], $11::text[], $12::text[]) AS sc(id, kd, subj) ON sc.id = t.s
       ON CONFLICT ("scenarioId", "subjectId", occurrence, "levelId") DO NOTHING
       RETURNING id)
       SELECT (SELECT string_agg(id::text, ',') FROM (SELECT unnest($2::int[]) EXCEPT SELECT id FROM ins) AS s(id)) AS skipped`, [
      runId,
      numberArray(ids),
      numberArray(list.map((n) => n.scenarioId)),
      numberArray(list.map((n) => n.level)),
      numberArray(list.map((n) => n.patronId)),
      numberArray(list.map((n) => n.subjectId)),
      textArray(list.map((n) => n.occurrence)),
      numberArray(list.map((n) => n.metric)),
      `{${list.map((n) => (n.role === "covered" ? "t" : "f")).join(",")}}`,
      scenarios.map((n) => n.scenarioId),
      scenarios.map((n) => n.kind),
      scenarios.map((n) => n.subject),
      numberArray(list.map((n) => n.levelId)),
    ]);
    if (insert.skipped) for (const id of insert.skipped.split(",")) skipped.add(Number(id));
  }
  if (everyRun.length) {
    // One row per message: its key (scenario, patron, run date, level) refuses a second document for the same night,
    // whichever month's partition the run date falls in. The lists travel as array literals cast per row.
    const { rows: [insert] } = await tx.query<{ skipped: string | null }>(
      `WITH ins AS (INSERT INTO "EveryRunNotice" (id, "runId", "scenarioId", "levelId", level, kind, "patronId", occurrence,
          "listedIds", metrics, "droppedIds")
       SELECT t.id, $1, t.s, t.lid, t.lv, t.kd::"NoticeKind", t.p, t.occ, t.listed::int[], t.metrics::numeric[], '{}'
       FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::text[], $7::int[], $8::date[], $9::text[], $10::text[])
          AS t(id, s, lid, lv, kd, p, occ, listed, metrics)
       ON CONFLICT ("scenarioId", "patronId", occurrence, "levelId") DO NOTHING
       RETURNING id)
       SELECT (SELECT string_agg(id::text, ',') FROM (SELECT unnest($2::int[]) EXCEPT SELECT id FROM ins) AS s(id)) AS skipped`, [
      runId,
      numberArray(recordIds),
      numberArray(everyRun.map((m) => m.scenario.id)),
      numberArray(everyRun.map((m) => m.level.id)),
      numberArray(everyRun.map((m) => m.level.level)),
      textArray(everyRun.map((m) => m.scenario.kind)),
      numberArray(everyRun.map((m) => m.patronId)),
      textArray(everyRun.map((m) => m.notices[0].occurrence)),
      textArray(everyRun.map((m) => numberArray(m.notices.map((n) => n.subjectId)))),
      textArray(everyRun.map((m) => numberArray(m.notices.map((n) => n.metric)))),
    ]);
    if (insert.skipped) for (const id of insert.skipped.split(",")) skipped.add(Number(id));
  }
  // The id each newly recorded draft got (an every-run message's drafts share their row's); drafts already in the
  // ledger get none.
  const idOf = new Map<NoticeDraft, number>();
  list.forEach((n, i) => {
    if (!skipped.has(ids[i])) idOf.set(n, ids[i]);
  });
  // Counted as notices, as before every-run notices shared a row: a message listing three loans is three notices.
  inserted = list.filter((n, i) => !skipped.has(ids[i])).length;
  everyRun.forEach((m, i) => {
    if (skipped.has(recordIds[i])) return;
    inserted += m.notices.length;
    for (const n of m.notices) idOf.set(n, recordIds[i]);
  });

  await countNotices(tx, runId, list.filter((_, i) => !skipped.has(ids[i])).map((n) => ({ scenarioId: n.scenarioId, level: n.level, n: 1 }))
    .concat(everyRun.filter((_, i) => !skipped.has(recordIds[i])).map((m) => ({ scenarioId: m.scenario.id, level: m.level.level, n: m.notices.length }))));

  // Only deliveries that still carry a newly recorded notice, each with its notice ids as an array literal ("{4,7,9}"):
  // SQL arrays must be rectangular, so a list of lists travels as text and is cast per row.
  const written: { d: DeliveryDraft; ids: string }[] = [];
  for (const d of deliveries) {
    const ids: number[] = [];
    let fresh = false;
    for (const m of d.messages) {
      for (const n of m.notices) {
        const id = idOf.get(n);
        if (id === undefined) continue;
        fresh = true;
        ids.push(id);
      }
      ids.push(...m.listedNoticeIds);
    }
    if (fresh) written.push({ d, ids: `{${sortedUnique(ids).join(",")}}` });
  }
  if (written.length === 0) return { ...NOTHING_WRITTEN, notices: inserted };

  const { rows: [delivered] } = await tx.query<{ deliveries: number; email: string | null }>(
    `WITH ins AS (INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address,
        "separationGroup", "printMedia", "noticeIds", "updatedAt")
     SELECT $1, p, ck::"ContactKind", key, name, ch::"Channel", addr, sg, media, ids::int[], now()
     FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
        AS t(p, ck, key, name, ch, addr, sg, media, ids)
     RETURNING id, channel)
     SELECT count(*)::int AS deliveries, string_agg(id::text, ',') FILTER (WHERE channel = 'EMAIL') AS email FROM ins`, [
    runId,
    numberArray(written.map((x) => x.d.patronId)),
    textArray(written.map((x) => x.d.contactKind)),
    textArray(written.map((x) => x.d.contactKey)),
    textArray(written.map((x) => x.d.contactName)),
    textArray(written.map((x) => x.d.channel)),
    textArray(written.map((x) => x.d.address)),
    textArray(written.map((x) => x.d.separationGroup)),
    textArray(written.map((x) => x.d.printMedia)),
    textArray(written.map((x) => x.ids)),
  ]);

  // A level's processing charge is posted when its notice goes out (send-delivery.ts), not here: DOMAIN.md charges only
  // for notices sent or printed.
  return {
    notices: inserted,
    deliveries: delivered.deliveries,
    emailDeliveryIds: delivered.email ? delivered.email.split(",").map(Number) : [],
  };
}

/**
 * Adds this batch's new notices to the run's counts by scenario and level (RunCount), in the batch's transaction, so
 * the counts always match the ledger. Batches written side by side update the same rows: keys go in one order, so
 * they wait for each other rather than deadlock.
 */
async function countNotices(tx: pg.ClientBase, runId: number, notices: { scenarioId: number; level: number; n: number }[]) {
  const sums = new Map<string, { scenarioId: number; level: number; n: number }>();
  for (const x of notices) {
    const key = `${x.scenarioId}:${x.level}`;
    const sum = sums.get(key);
    if (sum) sum.n += x.n;
    else sums.set(key, { ...x });
  }
  if (sums.size === 0) return;
  const rows = [...sums.values()].sort((a, b) => a.scenarioId - b.scenarioId || a.level - b.level);
  await tx.query(
    `INSERT INTO "RunCount" ("runId", "scenarioId", level, notices)
     SELECT $1, s, l, n FROM unnest($2::int[], $3::int[], $4::int[]) WITH ORDINALITY AS t(s, l, n, i) ORDER BY i
     ON CONFLICT ("runId", "scenarioId", level) DO UPDATE SET notices = "RunCount".notices + excluded.notices`,
    [runId, numberArray(rows.map((r) => r.scenarioId)), numberArray(rows.map((r) => r.level)), numberArray(rows.map((r) => r.n))],
  );
}

const NOTHING_WRITTEN = { notices: 0, deliveries: 0, emailDeliveryIds: [] as number[] };

/** Ascending, without repeats (a delivery lists a few ids; a notice may also be listed again by another message). */
function sortedUnique(ids: number[]): number[] {
  ids.sort((a, b) => a - b);
  return ids.filter((id, i) => i === 0 || id !== ids[i - 1]);
}
