import type pg from "pg";
import { numberArray, textArray } from "@/lib/db/pg-array";
import { uniqueNotices, type DeliveryDraft } from "./plan-types";

/**
 * Records one batch of planned notices and deliveries in the caller's transaction. Notices whose unique key already
 * exists (recorded by an earlier run, or an earlier attempt of this one) are not recorded again, and a delivery left
 * with no new notice is dropped: this is what makes planning safe to repeat. Returns the new deliveries' ids by channel.
 */
export async function writePlan(tx: pg.ClientBase, runId: number, deliveries: DeliveryDraft[]) {
  const list = uniqueNotices(deliveries);
  if (list.length === 0) return { notices: 0, deliveries: [] as { id: number; channel: string }[] };
  // In the unique key's order: each insert then lands next to the previous one in the index (fewer pages touched and
  // written to the WAL than in patron order, where loan ids are scattered).
  list.sort((a, b) => a.scenarioId - b.scenarioId || a.subjectId - b.subjectId || a.level - b.level);
  // Ids are taken from the sequence first, so the insert need only return which ids it kept (a notice already
  // recorded is skipped by its key; its id is left unused): cheaper than returning each row's key as text.
  const { rows: reserved } = await tx.query<{ id: number }>(`SELECT nextval('"Notice_id_seq"')::int AS id FROM generate_series(1, $1)`, [list.length]);
  const ids = reserved.map((r) => r.id);
  const { rows: inserted } = await tx.query<{ id: number }>(
    `INSERT INTO "Notice" (id, "runId", "scenarioId", level, kind, "patronId", "subjectId", "loanId", "reservationId",
        "chargeId", occurrence, metric, status)
     SELECT id, $1, s, lv, kd::"NoticeKind", p, sid, CASE WHEN subj = 'loan' THEN sid END,
        CASE WHEN subj = 'reservation' THEN sid END, CASE WHEN subj = 'charge' THEN sid END, occ, m,
        (CASE WHEN role = 'covered' THEN 'COVERED' ELSE 'PLANNED' END)::"NoticeStatus"
     FROM unnest($11::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::text[], $7::int[], $8::date[], $9::numeric[],
        $10::text[]) AS t(id, s, lv, kd, p, subj, sid, occ, m, role)
     ON CONFLICT ("scenarioId", level, "subjectId", occurrence) DO NOTHING
     RETURNING id`, [
    runId,
    numberArray(list.map((n) => n.scenarioId)),
    numberArray(list.map((n) => n.level)),
    textArray(list.map((n) => n.kind)),
    numberArray(list.map((n) => n.patronId)),
    textArray(list.map((n) => n.subject)),
    numberArray(list.map((n) => n.subjectId)),
    textArray(list.map((n) => n.occurrence)),
    numberArray(list.map((n) => n.metric)),
    textArray(list.map((n) => n.role)),
    numberArray(ids),
  ]);
  const insertedIds = new Set(inserted.map((r) => r.id));
  const idOf = new Map<string, number>();
  list.forEach((n, i) => {
    if (insertedIds.has(ids[i])) idOf.set(n.dedupeKey, ids[i]);
  });

  // Only deliveries that still carry a newly recorded notice.
  const kept = deliveries
    .map((d) => ({ d, noticeIds: d.messages.flatMap((m) => m.notices.map((n) => idOf.get(n.dedupeKey)).filter((id) => id !== undefined)) }))
    .filter((x) => x.noticeIds.length > 0);
  if (kept.length === 0) return { notices: inserted.length, deliveries: [] };

  // Each delivery's notice ids as an array literal ("{4,7,9}"): SQL arrays must be rectangular, so a list of lists
  // travels as text and is cast per row.
  const noticeIdLists = kept.map((x) =>
    `{${[...new Set([...x.noticeIds, ...x.d.messages.flatMap((m) => m.listedNoticeIds)])].sort((a, b) => a - b).join(",")}}`);
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
    numberArray(kept.map((x) => x.d.patronId)),
    textArray(kept.map((x) => x.d.contactKind)),
    textArray(kept.map((x) => x.d.contactKey)),
    textArray(kept.map((x) => x.d.contactName)),
    textArray(kept.map((x) => x.d.channel)),
    textArray(kept.map((x) => x.d.address)),
    textArray(kept.map((x) => x.d.separationGroup)),
    textArray(kept.map((x) => x.d.printMedia)),
    textArray(noticeIdLists),
  ]);

  // A level's processing charge: once per message (patron, scenario, level), on its first new notice.
  const charges = new Map<number, { patronId: number; loanId: number | null; code: string; amount: number }>();
  for (const d of deliveries) {
    for (const m of d.messages) {
      const { processingChargeCode: code, processingChargeAmount: amount } = m.level;
      const first = m.notices.find((n) => n.role === "trigger" && idOf.has(n.dedupeKey)) ?? m.notices.find((n) => idOf.has(n.dedupeKey));
      if (!code || !amount || !first) continue;
      charges.set(idOf.get(first.dedupeKey)!, { patronId: m.patronId, loanId: first.subject === "loan" ? first.subjectId : null, code, amount });
    }
  }
  if (charges.size) {
    const entries = [...charges.entries()];
    await tx.query(
      `INSERT INTO "Charge" ("patronId", "loanId", kind, code, description, amount, balance, "noticeId")
       SELECT p, l, 'PROCESSING', c, 'Notice processing charge', a, a, n
       FROM unnest($1::int[], $2::int[], $3::text[], $4::numeric[], $5::int[]) AS t(p, l, c, a, n)
       ON CONFLICT ("noticeId") DO NOTHING`, [
      entries.map(([, c]) => c.patronId),
      entries.map(([, c]) => c.loanId),
      entries.map(([, c]) => c.code),
      entries.map(([, c]) => c.amount),
      entries.map(([id]) => id),
    ]);
  }
  return { notices: inserted.length, deliveries: rows.map(({ id, channel }) => ({ id, channel })) };
}
