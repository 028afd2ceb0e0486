// Retry a FAILED email delivery, typically after staff corrected the contact's address (a 550 "no such mailbox"), or
// after an UNKNOWN outcome was settled as not sent. The same row goes back to QUEUED with the contact's address as it
// is now, and is enqueued again: the worker claims, hands over and records it as any send (its Message-ID stays
// <delivery-<id>@domain>: the first message never arrived).
//
// "Once": the row is locked and must still be FAILED with the attempt count the staff member saw; a double click or a
// colleague's retry finds it QUEUED (or sending, or failed again after one more attempt) and is refused.
// The job gets an id of its own (sendDeliveryJob.retryJobId): `delivery-<id>` may still be in Redis as a completed or
// failed job, and BullMQ silently ignores an add under an existing id, which would leave the row QUEUED with no job.
import type { Queue } from "bullmq";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/load-staff";
import { AppError } from "@/lib/errors";
import { sendDeliveryJob } from "@/lib/jobs/notices";
import { enqueueDeliveries, type SendJobOptions } from "@/lib/notices/enqueue-deliveries";
import type { TRetryDelivery } from "./action-schemas";
import { assertCanManage, auditDelivery, currentAddress, lockDelivery, staleRefusal } from "./delivery-action-common";

export type RetryDeps = { db: PrismaClient; queue: Queue; send: SendJobOptions; onEnqueueFailed?: (err: unknown) => void };

export async function retryDelivery(deps: RetryDeps, input: TRetryDelivery, staff: Staff | null) {
  const actor = assertCanManage(staff);
  const { db } = deps;
  const done = await db.$transaction(async (tx) => {
    const d = await lockDelivery(tx, input.deliveryId);
    if (d.channel !== "EMAIL") throw new AppError("INVALID", "Only email deliveries can be retried from here.");
    if (d.status !== "FAILED" || d.attempts !== input.expectedAttempts) {
      throw await staleRefusal(tx, d.id, d.status, "Only a failed delivery can be retried.");
    }
    const address = await currentAddress(tx, d);
    await tx.$executeRawUnsafe(
      `UPDATE "Delivery" SET status = 'QUEUED', address = $3, "lastError" = NULL, "smtpCode" = NULL, "claimToken" = NULL,
          "claimedAt" = NULL, "handingOverAt" = NULL, "updatedAt" = now()
       WHERE id = $1 AND "createdAt" = $2`,
      d.id, d.createdAt, address,
    );
    // Its notices planned again, so the history does not show them failed while they are on their way.
    await tx.$executeRawUnsafe(
      `WITH n AS (UPDATE "Notice" SET status = 'PLANNED' WHERE id = ANY($1::int[]) AND "runId" = $2 AND status = 'FAILED')
       UPDATE "EveryRunNotice" SET status = 'PLANNED' WHERE id = ANY($1::int[]) AND "runId" = $2 AND status = 'FAILED'`,
      d.noticeIds, d.runId,
    );
    await auditDelivery(tx, actor, "retry", d.id, { address, previousAddress: d.address });
    return { id: d.id, address, previousAddress: d.address, attempts: d.attempts };
  });
  const jobId = () => sendDeliveryJob.retryJobId(done.id, done.attempts);
  // If Redis is down the sweep re-queues a QUEUED row after a few minutes.
  await enqueueDeliveries(db, deps.queue, [done.id], { ...deps.send, jobId }).catch((err) => deps.onEnqueueFailed?.(err));
  return { ...done, jobId: jobId() };
}
