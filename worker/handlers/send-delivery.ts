import type { Job } from "bullmq";
import { sendDeliveryJob } from "@/lib/jobs/notices";
import { logRunSummaryOnce, readDeliveryOutcome } from "@/lib/notices/delivery-log";
import { markRunSendingFinished } from "@/lib/notices/mark-run-done";
import { sendDelivery, type SendContext, type SendResult } from "@/lib/notices/send-delivery";

// Outcomes after which the delivery is done with (no retry pending, no other owner): the run may have finished.
const FINAL: SendResult[] = ["sent", "failed", "skipped", "unknown", "gave-up"];

export async function handleSendDelivery(job: Job, ctx: SendContext) {
  const { deliveryId } = sendDeliveryJob.payload.parse(job.data);
  const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const started = performance.now();
  const result = await sendDelivery(ctx, deliveryId, { isLastAttempt });
  await logOutcome(job, ctx, { deliveryId, result, ms: Math.round(performance.now() - started) });
  // Thrown so BullMQ retries with exponential backoff; the row already says QUEUED with the server's reply.
  if (result === "retry") throw new Error(`temporary SMTP failure, delivery ${deliveryId} will be retried`);
  return { result };
}

/** One info line per outcome (ids and codes, never names or addresses), then the run's summary if it just finished. */
async function logOutcome(job: Job, ctx: SendContext, sent: { deliveryId: number; result: SendResult; ms: number }) {
  // Not claimed: another worker holds the delivery or it was done already; that worker logs it.
  if (sent.result === "not-claimed") return ctx.log.debug(sent, "delivery not claimed");
  try {
    const row = await readDeliveryOutcome(ctx.pool, sent.deliveryId);
    if (!row) return;
    ctx.log.info({ deliveryId: sent.deliveryId, runId: row.runId, scenario: row.scenario, noticeLevel: row.level, channel: row.channel,
      status: row.status, smtpCode: row.smtpCode, result: sent.result, attempt: row.attempts, ms: sent.ms }, "delivery outcome");
    if (!FINAL.includes(sent.result)) return;
    // The run is done when its last open email ends (mark-run-done.ts; the sweep catches any this misses).
    if (!row.runHasOpenEmail) await markRunSendingFinished(ctx.pool, row.runId);
    await logRunSummaryOnce({ sql: ctx.pool, log: ctx.log, keyPrefix: job.queueQualifiedName }, row.runId, row);
  } catch (err) {
    // Logging must never fail a send that has been recorded (a retry would only find it done).
    ctx.log.warn({ err, deliveryId: sent.deliveryId }, "could not log the delivery's outcome");
  }
}
