// Sends one order email (OrderEmail row) exactly once, by the notices' protocol (lib/notices/send-delivery.ts):
// 1. claim the row with a fresh token (PLANNED or QUEUED, or a SENDING claim older than the lease that never reached the
//    handover: a dead worker's); a second job, a retry after a crash or a double click finds nothing to claim;
// 2. render the order as it is now (a claim lists what is still outstanding now; nothing outstanding: SKIPPED);
// 3. hand over through SmtpSender, recording "handing over" under the token just before the final ".";
// 4. write the outcome under the token: SENT (and the order's sentAt, first time only), QUEUED for a retry (4xx, no
//    connection), FAILED with the server's text (5xx, or temporary on the last attempt), UNKNOWN when the connection was
//    lost after the "." (never sent again automatically: staff decide).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { retryWhileUnreachable } from "@/lib/db/connection-errors";
import { AppError } from "@/lib/errors";
import { recordHandover } from "@/lib/mail/record-handover";
import type { SendContext } from "@/lib/notices/send-delivery";
import { composeOrderEmail, loadOrder, type OrderEmailWhat } from "./compose-order-email";

// The notices' send context: the same pool, SMTP sender, lease and configuration cache.
export type OrderSendContext = SendContext;

export type OrderSendResult = "sent" | "skipped" | "failed" | "unknown" | "retry" | "gave-up" | "not-claimed" | "aborted";

type Claimed = { id: number; orderId: number; kind: "ORDER" | "CLAIM"; claimLevel: number | null; recipients: string[]; attempts: number };

export async function sendOrderEmail(ctx: OrderSendContext, emailId: number, options: { isLastAttempt: boolean }): Promise<OrderSendResult> {
  const token = randomUUID();
  const { rows } = await retryWhileUnreachable(() => ctx.pool.query<Claimed>(
    `UPDATE "OrderEmail" SET status = 'SENDING', attempts = attempts + 1, "claimToken" = $2, "claimedAt" = now(),
        "handingOverAt" = NULL, "updatedAt" = now()
     WHERE id = $1 AND (status IN ('PLANNED', 'QUEUED')
        OR (status = 'SENDING' AND "handingOverAt" IS NULL AND "claimedAt" < now() - make_interval(secs => $3)))
     RETURNING id, "orderId", kind::text AS kind, "claimLevel", recipients, attempts`,
    [emailId, token, ctx.leaseSeconds]), { maxMs: 120_000 });
  const claimed = rows[0];
  if (!claimed) return "not-claimed";

  type Fields = { smtpCode?: number | null; response?: string; messageId?: string; subject?: string; sentMessage?: string };
  // The outcome and its line in the order's history, under the claim token, in one statement. Only from SENDING (or
  // UNKNOWN, set by the sweep on a claim it took for dead: what this worker knows is better). A first accepted order
  // email also sets the order's sentAt, from which claims count.
  const finish = (status: string, fields: Fields) => retryWhileUnreachable(async () => {
    const { rowCount } = await ctx.pool.query(
      `WITH e AS (
         UPDATE "OrderEmail" SET status = $3::"DeliveryStatus", "smtpCode" = $4, reply = $5,
           "messageId" = COALESCE($6, "messageId"), subject = COALESCE($7, subject), "sentMessage" = COALESCE($8, "sentMessage"),
           "sentAt" = CASE WHEN $3 = 'SENT' THEN now() ELSE "sentAt" END, "updatedAt" = now()
         WHERE id = $1 AND "claimToken" = $2 AND status IN ('SENDING', 'UNKNOWN') RETURNING id, "orderId", kind)
       UPDATE "PurchaseOrder" o SET "sentAt" = COALESCE(o."sentAt", now()), "updatedAt" = now()
       FROM e WHERE o.id = e."orderId" AND $3 = 'SENT' AND e.kind = 'ORDER'`,
      [emailId, token, status, fields.smtpCode ?? null, fields.response?.slice(0, 1000) ?? null,
        fields.messageId ?? null, fields.subject ?? null, fields.sentMessage ?? null],
    );
    return rowCount;
  }, { onRetry: (err, attempt, waitMs) => ctx.log.warn({ emailId, attempt, waitMs, err: (err as Error).message }, "database unreachable: the outcome is written once it is back") });

  const order = await loadOrder(ctx.db, claimed.orderId);
  if (!order) {
    await finish("FAILED", { response: "the order no longer exists" });
    return "failed";
  }
  if (order.status === "CANCELLED") {
    await finish("SKIPPED", { response: "not sent: the order was cancelled" });
    return "skipped";
  }
  if (claimed.kind === "CLAIM" && order.status === "RECEIVED") {
    await finish("SKIPPED", { response: "not sent: every copy has been received" });
    return "skipped";
  }
  if (claimed.recipients.length === 0) {
    await finish("FAILED", { response: "no recipient" });
    return "failed";
  }
  const what: OrderEmailWhat = claimed.kind === "CLAIM" ? { kind: "CLAIM", level: claimed.claimLevel ?? 1 } : { kind: "ORDER" };
  let email: Awaited<ReturnType<typeof composeOrderEmail>>;
  try {
    email = await composeOrderEmail({ db: ctx.db, setup: await ctx.loadSetup({ fresh: true }), order, what, recipients: claimed.recipients, emailId, fallbackFrom: ctx.fallbackFrom });
  } catch (err) {
    // "Nothing to claim": every copy arrived between the claim being planned and sent.
    if (!(err instanceof AppError)) throw err;
    await finish("SKIPPED", { response: `not sent: ${err.message}` });
    return "skipped";
  }

  let handover: Promise<void> | undefined;
  let handoverFailure: string | undefined;
  const outcome = await ctx.sender.send({
    from: email.envelopeFrom,
    to: claimed.recipients,
    raw: email.raw,
    beforeHandover: () => recordHandover(ctx.pool, "OrderEmail", emailId, token, (p) => (handover = p)).catch((err: unknown) => {
      handoverFailure = (err as Error).message;
      throw err;
    }),
  });
  await handover?.catch((err) => ctx.log.error({ err, emailId }, "order email handover record failed"));
  const sentMessage = email.raw.toString("utf8");
  switch (outcome.outcome) {
    case "sent":
      await finish("SENT", { ...outcome, messageId: email.messageId, subject: email.subject, sentMessage });
      return "sent";
    case "permanent":
      await finish("FAILED", { ...outcome, subject: email.subject, sentMessage });
      return "failed";
    case "unknown":
      await finish("UNKNOWN", { ...outcome, messageId: email.messageId, subject: email.subject, sentMessage });
      return "unknown";
    case "temporary":
      if (options.isLastAttempt) {
        await finish("FAILED", { ...outcome, response: `gave up after ${claimed.attempts} attempts: ${outcome.response}` });
        return "gave-up";
      }
      await finish("QUEUED", outcome);
      return "retry";
    case "aborted":
      if (handoverFailure) {
        // Not handed over: left SENDING until the lease passes; the sweep then queues it again.
        ctx.log.error({ emailId, err: handoverFailure }, "order email handover could not be recorded: not sent, left to the sweep");
      }
      return "aborted";
  }
}

/**
 * Order emails the queue may have lost, as sweepDeliveries does for notices: PLANNED for over a minute (a crash between
 * commit and enqueue), QUEUED for a while (Redis lost its data), SENDING past the lease without a handover (a dead
 * worker). Handed over and then silent past the lease: UNKNOWN, for staff.
 */
export async function sweepOrderEmails(pool: pg.Pool, options: { leaseSeconds: number; queuedForSeconds: number }) {
  const unknown = await pool.query(
    `UPDATE "OrderEmail" SET status = 'UNKNOWN', reply = 'worker stopped after handing the message over', "updatedAt" = now()
     WHERE status = 'SENDING' AND "handingOverAt" IS NOT NULL AND "claimedAt" < now() - make_interval(secs => $1)`,
    [options.leaseSeconds],
  );
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM "OrderEmail" WHERE (status = 'PLANNED' AND "createdAt" < now() - interval '1 minute')
        OR (status = 'QUEUED' AND "updatedAt" < now() - make_interval(secs => $2))
        OR (status = 'SENDING' AND "handingOverAt" IS NULL AND "claimedAt" < now() - make_interval(secs => $1))
     ORDER BY id LIMIT 1000`,
    [options.leaseSeconds, options.queuedForSeconds],
  );
  return { requeue: rows.map((r) => r.id), markedUnknown: unknown.rowCount ?? 0 };
}
