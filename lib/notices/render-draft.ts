// A planned-but-unrecorded delivery (a DeliveryDraft from a dry run) rendered as the patron would receive it, through
// the sender's own path: the same content columns and joins as the claim (claim-delivery.ts), the same re-check and
// sections (letterRows, buildSectionSources), the same layouts (renderDeliveryLetter for email, the print form's page
// for print). Only the notices' source differs: the draft's notices stand in for ledger rows, with run id 0, beside the
// recorded notices an escalation lists again.
import type pg from "pg";
import { numberArray, textArray } from "@/lib/db/pg-array";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { contentColumns, NOTICE_JOINS, type PrintRow } from "./claim-delivery";
import { letterRows, renderDeliveryLetter } from "./compose-notice-email";
import { KINDS } from "./kinds";
import { ConfigurationGoneError, type NoticeSetup } from "./load-notice-setup";
import { noticeRows } from "./notice-rows";
import type { DeliveryDraft, NoticeDraft } from "./plan-types";
import { draftOrder } from "./draft-order";
import { printedNotice, renderPrintForm } from "./print-run";

/** The run id draft notices carry (no run has it): letterRows keeps a section only while it has one of them. */
export const DRAFT_RUN_ID = 0;

export type RenderedDraft =
  | { ok: true; channel: DeliveryDraft["channel"]; subject: string; html: string; text: string; language: string }
  | { ok: false; reason: string };

async function draftContent(sql: pg.Pool, draft: DeliveryDraft, runDate: string): Promise<PrintRow[]> {
  const drafts = draftOrder(draft);
  const listed = [...new Set(draft.messages.flatMap((m) => m.listedNoticeIds))];
  const subject = (n: NoticeDraft, of: string) => (KINDS[n.kind].subject === of ? n.subjectId : null);
  const { rows } = await sql.query<PrintRow>({
    // Named (prepared once per connection), as the claim is: planning this many-join statement costs more than running it.
    name: "draft-content",
    text: `SELECT ${contentColumns("$14::text")},
        0 AS delivery_id, $15::text AS contact_name, $16::text AS contact_kind,
        p."addressLine1" AS address_line1, p."addressLine2" AS address_line2, p.city, p.postcode
     FROM (
       SELECT ${DRAFT_RUN_ID} AS id, ${DRAFT_RUN_ID} AS "runId", t.s AS "scenarioId", t.lid AS "levelId", t.lv AS level,
         t.kd::"NoticeKind" AS kind, t.p AS "patronId", t.sid AS "subjectId", t.loan AS "loanId", t.res AS "reservationId",
         t.chg AS "chargeId", t.occ AS occurrence, t.m::numeric(12, 2) AS metric,
         (CASE WHEN t.covered THEN 'COVERED' ELSE 'PLANNED' END)::"NoticeStatus" AS status, NULL::text AS "skipReason",
         now() AS "createdAt", t.ord::bigint AS ord, true AS is_draft
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[],
         $10::date[], $11::numeric[], $12::bool[], $13::int[]) AS t(s, lid, lv, kd, p, sid, loan, res, chg, occ, m, covered, ord)
       UNION ALL
       SELECT x.*, false FROM (${noticeRows("$17::int[]")}) x
     ) n
     ${NOTICE_JOINS}
     ORDER BY n."scenarioId", n.level DESC, n.is_draft, n.id, n.ord`,
    values: [
      numberArray(drafts.map((d) => d.notice.scenarioId)),
      numberArray(drafts.map((d) => d.notice.levelId)),
      numberArray(drafts.map((d) => d.notice.level)),
      textArray(drafts.map((d) => d.notice.kind)),
      numberArray(drafts.map((d) => d.notice.patronId)),
      numberArray(drafts.map((d) => d.notice.subjectId)),
      numberArray(drafts.map((d) => subject(d.notice, "loan"))),
      numberArray(drafts.map((d) => subject(d.notice, "reservation"))),
      numberArray(drafts.map((d) => subject(d.notice, "charge"))),
      textArray(drafts.map((d) => d.notice.occurrence)),
      numberArray(drafts.map((d) => d.notice.metric)),
      `{${drafts.map((d) => (d.notice.role === "covered" ? "t" : "f")).join(",")}}`,
      numberArray(drafts.map((d) => d.ord)),
      runDate,
      draft.contactName,
      draft.contactKind,
      numberArray(listed),
    ],
  });
  return rows;
}

/**
 * What this draft delivery would send, rendered now: email as the HTML and text parts the sender builds, print as its
 * page of the print form, SMS as the letter's text (SMS sending itself is not built yet). `ok: false` when the send
 * path would not send it (every notice's reason gone) or cannot word it (a level with no template text).
 */
export async function renderDraftDelivery(
  db: PrismaClient, draft: DeliveryDraft, options: { runDate: string; setup: NoticeSetup },
): Promise<RenderedDraft> {
  const rows = await draftContent(sqlPool(db), draft, options.runDate);
  const valid = letterRows(rows.filter((r) => r.is_valid), DRAFT_RUN_ID);
  if (!valid.some((r) => r.run_id === DRAFT_RUN_ID)) return { ok: false, reason: "nothing left to tell: every notice's reason has gone" };
  try {
    const recipient = { name: draft.contactName, isPatron: draft.contactKind === "SELF" };
    const letter = await renderDeliveryLetter(valid, recipient, options.setup);
    if (draft.channel !== "PRINT") return { ok: true, channel: draft.channel, ...letter };
    const page = printedNotice(valid, options.setup);
    const { html } = await renderPrintForm(options.setup, page.subject, [page]);
    return { ok: true, channel: draft.channel, subject: letter.subject, html, text: letter.text, language: letter.language };
  } catch (err) {
    if (err instanceof ConfigurationGoneError) return { ok: false, reason: `cannot be worded: ${err.message}` };
    throw err;
  }
}
