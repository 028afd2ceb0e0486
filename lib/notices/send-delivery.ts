// Sends one email delivery exactly once (DOMAIN.md "Nothing sent twice, nothing lost"):
// 1. claim the row in Postgres with a fresh token (only one worker can hold it);
// 2. re-check each notice's reason; skip the delivery if none of this run's notices still applies;
// 3. render, and send through SmtpSender, recording "handing over" just before the final "." under the token;
// 4. record the outcome under the token: sent, retry later (4xx / no connection), failed (5xx), or unknown.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AttemptOutcome } from "@/lib/generated/prisma/enums";
import { isConnectionError, retryWhileUnreachable } from "@/lib/db/connection-errors";
import { recordHandover } from "@/lib/mail/record-handover";
import type { SmtpSender } from "@/lib/mail/smtp-sender";
import { composeNoticeEmail } from "./compose-notice-email";
import { ConfigurationGoneError, type NoticeSetup } from "./load-notice-setup";
import { claimDelivery, type ContentRow } from "./claim-delivery";
import { letterRows } from "./compose-notice-email";
import { groupBy } from "@/lib/group-by";
import { numberArray, textArray } from "@/lib/db/pg-array";

export type SendContext = {
  db: PrismaClient;
  // The pg pool under `db`: the send path's queries, and the handover record whose COMMIT goes with the ".".
  pool: pg.Pool;
  sender: SmtpSender;
  log: Logger;
  fallbackFrom: string;
  // A SENDING claim older than this, that never reached the handover, is taken to be a dead worker's.
  leaseSeconds: number;
  loadSetup: (options?: { fresh?: boolean }) => Promise<NoticeSetup>;
};

export type SendResult = "sent" | "skipped" | "failed" | "unknown" | "retry" | "gave-up" | "not-claimed" | "aborted";

export async function sendDelivery(ctx: SendContext, deliveryId: number, options: { isLastAttempt: boolean }): Promise<SendResult> {
  const token = randomUUID();
  const sql = ctx.pool;
  // While Postgres is unreachable (a restart) the claim waits for it rather than spend the job's attempts.
  const claim = await retryWhileUnreachable(() => claimDelivery(sql, deliveryId, token, ctx.leaseSeconds), { maxMs: 120_000 });
  if (!claim) return "not-claimed";
  const { claim: claimed, content } = claim;
  const startedAt = new Date();
  type Fields = { smtpCode?: number | null; response?: string; messageId?: string; subject?: string; sentMessage?: string };
  type NoticeChange = { ids: number[]; from: string[]; to: string };
  // The outcome, its attempt, the notices' new status and (when sent) their processing charges in one statement (one
  // commit), all under the claim token. Only from SENDING (or UNKNOWN, which the sweep sets on a claim it thinks dead: an
  // outcome this worker knows is better), and the attempt is logged only with that change: writing it again after a lost
  // reply to the first COMMIT changes nothing. (A claim taken over leaves no attempt of this worker in the log.)
  const finish = async (status: string, outcome: AttemptOutcome, fields: Fields, notices?: NoticeChange, charges: Charges = NO_CHARGES) => {
    const { rows } = await sql.query<{ n: number }>({
      name: "finish-delivery", // prepared and planned once per connection, as the claim
      text: `WITH d AS (
         UPDATE "Delivery" SET status = $3::"DeliveryStatus", "smtpCode" = $4, "lastError" = $5,
           "messageId" = COALESCE($6, "messageId"), subject = COALESCE($7, subject), "sentMessage" = COALESCE($18, "sentMessage"),
           "sentAt" = CASE WHEN $3 = 'SENT' THEN now() ELSE "sentAt" END, "updatedAt" = now()
         WHERE id = $1 AND "claimToken" = $2 AND status IN ('SENDING', 'UNKNOWN') RETURNING id, "patronId", "createdAt"),
       a AS (INSERT INTO "DeliveryAttempt" ("deliveryId", "deliveryCreatedAt", attempt, outcome, "smtpCode", response, "startedAt")
         SELECT $1, d."createdAt", $8, $9::"AttemptOutcome", $4, $10, $11 FROM d),
       n AS (UPDATE "Notice" SET status = $13::"NoticeStatus"
         WHERE id = ANY($12::int[]) AND status::text = ANY($14::text[]) AND EXISTS (SELECT 1 FROM d)),
       e AS (UPDATE "EveryRunNotice" SET status = $13::"NoticeStatus"
         WHERE id = ANY($12::int[]) AND status::text = ANY($14::text[]) AND EXISTS (SELECT 1 FROM d)),
       c AS (INSERT INTO "Charge" ("patronId", kind, code, description, amount, balance, "noticeId")
         SELECT d."patronId", 'PROCESSING', t.code, 'Notice processing charge', t.amount, t.amount, t.notice
         FROM unnest($15::int[], $16::text[], $17::numeric[]) AS t(notice, code, amount) CROSS JOIN d
         ON CONFLICT ("noticeId") DO NOTHING)
       SELECT count(*)::int AS n FROM d`,
      values: [deliveryId, token, status, fields.smtpCode ?? null, outcome === "SENT" ? null : (fields.response ?? null),
        fields.messageId ?? null, fields.subject ?? null, claimed.attempts, outcome, fields.response?.slice(0, 1000) ?? null,
        startedAt, notices?.ids ?? [], notices?.to ?? "PLANNED", notices?.from ?? [], charges.noticeIds, charges.codes, charges.amounts, fields.sentMessage ?? null],
    });
    return rows[0].n === 1;
  };

  // What the letter can still say: notices whose reason holds, in sections that still have something of this run.
  const valid = letterRows(content.filter((r) => r.is_valid), claimed.runId);
  const stale = content.filter((r) => !valid.includes(r));
  // A resend leaves out what no longer holds but does not rewrite the history of the letter it repeats (its notices
  // went, or were covered, with that letter).
  if (stale.length && !claimed.isResend) await markStale(sql, claimed.runId, stale, valid);
  if (!valid.some((r) => r.run_id === claimed.runId)) {
    await finish("SKIPPED", "SKIPPED", { response: "nothing left to tell: every notice's reason has gone" });
    return "skipped";
  }
  if (!claimed.address) {
    await finish("FAILED", "PERMANENT_FAILURE", { response: "no email address" });
    return "failed";
  }

  let handover: Promise<void> | undefined;
  const compose = async (setup: NoticeSetup) => composeNoticeEmail({
    deliveryId,
    to: claimed.address!,
    recipient: { name: claimed.contactName, isPatron: claimed.contactKind === "SELF" },
    rows: valid,
    setup,
    fallbackFrom: ctx.fallbackFrom,
  });
  let setup = await ctx.loadSetup();
  let email: Awaited<ReturnType<typeof compose>>;
  try {
    email = await compose(setup).catch(async (err) => {
      // The cached configuration may predate a level added since: read it again before calling the level gone.
      if (!(err instanceof ConfigurationGoneError)) throw err;
      setup = await ctx.loadSetup({ fresh: true });
      return compose(setup);
    });
  } catch (err) {
    // A level or template removed while this delivery waited: it can never be worded, so it ends here with the reason
    // (retrying would loop SENDING -> re-queued every lease for ever).
    if (!(err instanceof ConfigurationGoneError)) throw err;
    const ids = valid.filter((r) => r.run_id === claimed.runId).map((r) => r.notice_id);
    await finish("FAILED", "PERMANENT_FAILURE", { response: `not sent: ${err.message}` }, { ids, from: ["PLANNED"], to: "FAILED" });
    ctx.log.warn({ deliveryId, reason: err.message }, "configuration gone: delivery failed");
    return "failed";
  }
  let handoverFailure: { message: string; isUnreachable: boolean } | undefined;
  const outcome = await ctx.sender.send({
    from: email.envelopeFrom,
    to: claimed.address,
    raw: email.raw,
    // Classified here: nodemailer rewrites the error it is handed (its code becomes ESTREAM).
    beforeHandover: () => recordHandover(ctx.pool, "Delivery", deliveryId, token, (p) => (handover = p)).catch((err: unknown) => {
      handoverFailure = { message: (err as Error).message, isUnreachable: isConnectionError(err) };
      throw err;
    }),
  });
  await handover?.catch((err) => ctx.log.error({ err, deliveryId }, "handover record failed"));

  const thisRun = valid.filter((r) => r.run_id === claimed.runId).map((r) => r.notice_id);
  // The server has answered: that answer is known here and nowhere else. If Postgres is unreachable (a restart), it is
  // kept and written once the database is back, so only a crash of this worker leaves the row to the sweep (UNKNOWN
  // when it was handed over). The claim token still guards the write: a row another worker took over is not touched.
  const finishKnown: typeof finish = (...args) => retryWhileUnreachable(() => finish(...args), {
    onRetry: (err, attempt, waitMs) => ctx.log.warn({ deliveryId, outcome: outcome.outcome, attempt, waitMs, err: (err as Error).message },
      "database unreachable: the outcome is written once it is back"),
  });
  // What was handed over (or offered) on this attempt, kept with its outcome for the delivery page. A retry composes
  // again and its outcome overwrites it, so the row keeps the message of the attempt that decided it.
  const sentMessage = email.raw.toString("utf8");
  switch (outcome.outcome) {
    case "sent":
      await finishKnown("SENT", "SENT", { ...outcome, messageId: email.messageId, subject: email.subject, sentMessage },
        { ids: thisRun, from: ["PLANNED", "FAILED"], to: "SENT" }, processingCharges(content, claimed.runId, setup));
      return "sent";
    case "permanent":
      await finishKnown("FAILED", "PERMANENT_FAILURE", { ...outcome, subject: email.subject, sentMessage }, { ids: thisRun, from: ["PLANNED"], to: "FAILED" });
      return "failed";
    case "unknown":
      await finishKnown("UNKNOWN", "UNKNOWN", { ...outcome, messageId: email.messageId, subject: email.subject, sentMessage });
      ctx.log.warn({ deliveryId, response: outcome.response }, "connection lost after handing over: outcome unknown");
      return "unknown";
    case "temporary":
      if (options.isLastAttempt) {
        await finishKnown("FAILED", "TEMPORARY_FAILURE", { ...outcome, response: `gave up after ${claimed.attempts} attempts: ${outcome.response}` },
          { ids: thisRun, from: ["PLANNED"], to: "FAILED" });
        return "gave-up";
      }
      await finishKnown("QUEUED", "TEMPORARY_FAILURE", outcome);
      return "retry";
    case "aborted":
      if (handoverFailure?.isUnreachable) {
        // Postgres went away before the "." (the handover could not be recorded, so it was never sent): try again later.
        await finishKnown("QUEUED", "TEMPORARY_FAILURE", { response: `not sent: the database was unreachable (${handoverFailure.message})` });
        return "retry";
      }
      if (handoverFailure) {
        // Not sent; the row stays SENDING under this claim until its lease passes and the sweep re-queues it.
        ctx.log.error({ deliveryId, err: handoverFailure.message }, "the handover could not be recorded: not sent, left to the sweep");
        return "aborted";
      }
      ctx.log.warn({ deliveryId }, "claim taken over before handover: left to the new owner");
      return "aborted";
  }
}

/**
 * Notices whose reason went before sending: SKIPPED when nothing of them is left in the letter (an every-run notice
 * lists several loans: it is skipped only when all of them went), and an every-run notice that still goes records the
 * loans or charges it no longer lists (droppedIds), so its history says exactly what the letter listed. Only this
 * run's notices, and only while still planned: another contact's delivery of the same notice may have gone already.
 */
async function markStale(sql: pg.Pool, runId: number, stale: ContentRow[], valid: ContentRow[]) {
  const kept = new Set(valid.map((r) => r.notice_id));
  const skipped = [...new Set(stale.filter((r) => !kept.has(r.notice_id)).map((r) => r.notice_id))];
  const dropped = [...groupBy(stale.filter((r) => kept.has(r.notice_id)), (r) => r.notice_id)];
  await sql.query(
    `WITH n AS (UPDATE "Notice" SET status = 'SKIPPED', "skipReason" = $3
       WHERE id = ANY($1::int[]) AND status IN ('PLANNED', 'COVERED') AND "runId" = $2),
     s AS (UPDATE "EveryRunNotice" SET status = 'SKIPPED', "skipReason" = $3
       WHERE id = ANY($1::int[]) AND status = 'PLANNED' AND "runId" = $2)
     UPDATE "EveryRunNotice" e SET "droppedIds" = t.dropped::int[]
     FROM unnest($4::int[], $5::text[]) AS t(id, dropped)
     WHERE e.id = t.id AND e.status = 'PLANNED' AND e."runId" = $2`,
    [numberArray(skipped), runId, "reason gone before sending (returned, renewed, collected or paid)",
      numberArray(dropped.map(([id]) => id)), textArray(dropped.map(([, rows]) => numberArray(rows.map((r) => r.subject_id))))],
  );
}

type Charges = { noticeIds: number[]; codes: string[]; amounts: number[] };
const NO_CHARGES: Charges = { noticeIds: [], codes: [], amounts: [] };

/**
 * The processing charges a sent delivery posts (DOMAIN.md: for a notice that actually went out): one per message (a
 * scenario's section) whose level has a charge, on the lowest-numbered notice at that level this run recorded. Chosen
 * from all of the delivery's rows, valid or not, so every delivery of the message (self, parent...) names the same
 * notice whatever was returned in between, and the Charge's unique noticeId posts it once.
 */
export function processingCharges(rows: ContentRow[], runId: number, setup: NoticeSetup): Charges {
  const charges: Charges = { noticeIds: [], codes: [], amounts: [] };
  const top = new Map<number, ContentRow>();
  for (const r of rows) {
    if (r.run_id !== runId || r.status === "COVERED") continue;
    const best = top.get(r.scenario_id);
    if (!best || r.level > best.level || (r.level === best.level && r.notice_id < best.notice_id)) top.set(r.scenario_id, r);
  }
  for (const r of top.values()) {
    const level = setup.levels.get(r.level_id);
    if (!level?.processingChargeCode || !level.processingChargeAmount) continue;
    charges.noticeIds.push(r.notice_id);
    charges.codes.push(level.processingChargeCode);
    charges.amounts.push(level.processingChargeAmount);
  }
  return charges;
}
