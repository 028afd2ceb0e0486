import type pg from "pg";
import { numberArray, textArray } from "@/lib/db/pg-array";
import { uniqueMessages, type DeliveryDraft, type NoticeDraft } from "./plan-types";

/**
 * Records one batch of planned notices and deliveries in the caller's transaction. Notices whose unique key already
 * exists (recorded by an earlier run, or an earlier attempt of this one) are not recorded again, and a delivery left
 * with no new notice is dropped: this is what makes planning safe to repeat. Returns the new deliveries' ids by channel.
 */
export async function writePlan(tx: pg.ClientBase, runId: number, deliveries: DeliveryDraft[]) {
  const messages = uniqueMessages(deliveries);
  const list = messages.flatMap((m) => m.notices);
  if (list.length === 0) return { notices: 0, deliveries: [] as { id: number; channel: string }[] };
  // In the unique key's order: each insert then lands next to the previous one in the index (fewer pages touched and
  // written to the WAL than in patron order, where loan ids are scattered).
  list.sort((a, b) => a.scenarioId - b.scenarioId || a.subjectId - b.subjectId || a.level - b.level);
  // Ids are taken from the sequence first, so the insert need only return which ids it kept (a notice already
  // recorded is skipped by its key; its id is left unused): cheaper than returning each row's key.
  const { rows: reserved } = await tx.query<{ id: number }>(`SELECT nextval('"Notice_id_seq"')::int AS id FROM generate_series(1, $1)`, [list.length]);
  // Kind and subject are the scenario's: sent once per scenario, not once per notice.
  const scenarios = [...new Map(list.map((n) => [n.scenarioId, n])).values()];
  const { rows: inserted } = await tx.query<{ id: number }>(
    `INSERT INTO "Notice" (id, "runId", "scenarioId", level, kind, "patronId", "subjectId", "loanId", "reservationId",
        "chargeId", occurrence, metric, status)
     SELECT t.id, $1, t.s, t.lv, sc.kd::"NoticeKind", t.p, t.sid, CASE WHEN sc.subj = 'loan' THEN t.sid END,
        CASE WHEN sc.subj = 'reservation' THEN t.sid END, CASE WHEN sc.subj = 'charge' THEN t.sid END, t.occ, t.m,
        (CASE WHEN t.covered THEN 'COVERED' ELSE 'PLANNED' END)::"NoticeStatus"
     FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::date[], $8::numeric[], $9::bool[])
        AS t(id, s, lv, p, sid, occ, m, covered)
     JOIN unnest($10::int[], $11::text[], $12::text[]) AS sc(id, kd, subj) ON sc.id = t.s
     ON CONFLICT ("scenarioId", level, "subjectId", occurrence) DO NOTHING
     RETURNING id`, [
    runId,
    numberArray(reserved.map((r) => r.id)),
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
  ]);
  // The id each newly recorded draft got; drafts already in the ledger get none.
  const kept = new Set(inserted.map((r) => r.id));
  const idOf = new Map<NoticeDraft, number>();
  list.forEach((n, i) => {
    if (kept.has(reserved[i].id)) idOf.set(n, reserved[i].id);
  });

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
  if (written.length === 0) return { notices: inserted.length, deliveries: [] };

  const { rows } = await tx.query<{ id: number; channel: string }>(
    `INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address,
        "separationGroup", "printMedia", "noticeIds", "updatedAt")
     SELECT $1, p, ck::"ContactKind", key, name, ch::"Channel", addr, sg, media, ids::int[], now()
     FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
        AS t(p, ck, key, name, ch, addr, sg, media, ids)
     ON CONFLICT ("runId", "patronId", "contactKey", channel, "separationGroup")
        DO UPDATE SET "noticeIds" = (SELECT array_agg(DISTINCT n) FROM unnest("Delivery"."noticeIds" || excluded."noticeIds") n),
          "updatedAt" = now()
     RETURNING id, channel::text`, [
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

  // A level's processing charge: once per message (patron, scenario, level), on its first new notice.
  const charges: { patronId: number; loanId: number | null; code: string; amount: number; noticeId: number }[] = [];
  for (const m of messages) {
    const { processingChargeCode: code, processingChargeAmount: amount } = m.level;
    if (!code || !amount) continue;
    const first = m.notices.find((n) => n.role === "trigger" && idOf.has(n)) ?? m.notices.find((n) => idOf.has(n));
    if (!first) continue;
    charges.push({ patronId: m.patronId, loanId: first.subject === "loan" ? first.subjectId : null, code, amount, noticeId: idOf.get(first)! });
  }
  if (charges.length) {
    await tx.query(
      `INSERT INTO "Charge" ("patronId", "loanId", kind, code, description, amount, balance, "noticeId")
       SELECT p, l, 'PROCESSING', c, 'Notice processing charge', a, a, n
       FROM unnest($1::int[], $2::int[], $3::text[], $4::numeric[], $5::int[]) AS t(p, l, c, a, n)
       ON CONFLICT ("noticeId") DO NOTHING`, [
      numberArray(charges.map((c) => c.patronId)),
      numberArray(charges.map((c) => c.loanId)),
      textArray(charges.map((c) => c.code)),
      numberArray(charges.map((c) => c.amount)),
      numberArray(charges.map((c) => c.noticeId)),
    ]);
  }
  return { notices: inserted.length, deliveries: rows.map(({ id, channel }) => ({ id, channel })) };
}

/** Ascending, without repeats (a delivery lists a few ids; a notice may also be listed again by another message). */
function sortedUnique(ids: number[]): number[] {
  ids.sort((a, b) => a - b);
  return ids.filter((id, i) => i === 0 || id !== ids[i - 1]);
}
