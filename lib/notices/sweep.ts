import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Deliveries the queue may have lost: planned but never enqueued (a crash between commit and enqueue), queued for a
 * while (Redis lost its data), or claimed by a worker that died before the handover. Re-enqueueing is safe: the
 * send job claims the row first. Claims that died after the handover become UNKNOWN: staff decide.
 */
export async function sweepDeliveries(db: PrismaClient, options: { leaseSeconds: number; queuedForSeconds: number }) {
  const unknown = await db.$executeRawUnsafe(
    `UPDATE "Delivery" SET status = 'UNKNOWN', "lastError" = 'worker stopped after handing the message over', "updatedAt" = now()
     WHERE status = 'SENDING' AND "handingOverAt" IS NOT NULL AND "claimedAt" < now() - make_interval(secs => $1)`,
    options.leaseSeconds,
  );
  const stuck = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT id FROM "Delivery" WHERE channel = 'EMAIL' AND (
        (status = 'PLANNED' AND "createdAt" < now() - interval '1 minute')
        OR (status = 'QUEUED' AND "updatedAt" < now() - make_interval(secs => $2))
        OR (status = 'SENDING' AND "handingOverAt" IS NULL AND "claimedAt" < now() - make_interval(secs => $1)))
     ORDER BY id LIMIT 50000`,
    options.leaseSeconds,
    options.queuedForSeconds,
  );
  return { requeue: stuck.map((r) => r.id), markedUnknown: unknown };
}
