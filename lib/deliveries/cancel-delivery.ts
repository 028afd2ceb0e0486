// Cancel an email delivery that has not been claimed yet (PLANNED or QUEUED). One conditional UPDATE: it and the
// worker's claim (which takes only PLANNED or QUEUED rows, or a dead worker's stale SENDING) lock the same row, so one of
// them wins; a job already in the queue then finds the row CANCELLED, claims nothing and sends nothing. Who and why
// are in the audit row (the page shows it), not in lastError: a cancel is not an error.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/load-staff";
import { sqlPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { markRunSendingFinished } from "@/lib/notices/mark-run-done";
import type { TCancelDelivery } from "./action-schemas";
import { assertCanManage, auditDelivery, staleRefusal } from "./delivery-action-common";

export async function cancelDelivery(db: PrismaClient, input: TCancelDelivery, staff: Staff | null) {
  const actor = assertCanManage(staff);
  const done = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ id: number; was: string; runId: number; noticeIds: number[] }[]>(
      `WITH old AS (SELECT id, "createdAt", status::text AS was FROM "Delivery"
          WHERE id = $1 AND channel = 'EMAIL' AND status IN ('PLANNED', 'QUEUED') FOR UPDATE)
       UPDATE "Delivery" d SET status = 'CANCELLED', "updatedAt" = now()
       FROM old WHERE d.id = old.id AND d."createdAt" = old."createdAt" AND d.status IN ('PLANNED', 'QUEUED')
       RETURNING d.id, old.was, d."runId", d."noticeIds"`,
      input.deliveryId,
    );
    if (!row) return null;
    // This run's notices that no other delivery will still carry (another contact's copy, queued or sent) are
    // cancelled with it, so the patron's history does not show them planned for ever.
    await tx.$executeRawUnsafe(
      `WITH other AS (SELECT unnest("noticeIds") AS id FROM "Delivery"
          WHERE "runId" = $2 AND id <> $3 AND "noticeIds" && $1::int[] AND status NOT IN ('CANCELLED', 'SKIPPED', 'FAILED')),
        n AS (UPDATE "Notice" SET status = 'CANCELLED' WHERE id = ANY($1::int[]) AND "runId" = $2 AND status = 'PLANNED'
          AND id NOT IN (SELECT id FROM other))
       UPDATE "EveryRunNotice" SET status = 'CANCELLED' WHERE id = ANY($1::int[]) AND "runId" = $2 AND status = 'PLANNED'
          AND id NOT IN (SELECT id FROM other)`,
      row.noticeIds, row.runId, row.id,
    );
    await auditDelivery(tx, actor, "cancel", row.id, { reason: input.reason, was: row.was });
    return row;
  });
  if (done) {
    // The run may have waited only for this one: marked done now rather than by the sweep a minute later.
    await markRunSendingFinished(sqlPool(db), done.runId);
    return { id: done.id, was: done.was };
  }
  const now = await db.delivery.findFirst({ where: { id: input.deliveryId }, select: { status: true, channel: true } });
  if (!now) throw new AppError("NOT_FOUND", `There is no delivery #${input.deliveryId}.`);
  if (now.channel !== "EMAIL") throw new AppError("INVALID", "Only email deliveries can be cancelled from here.");
  throw await staleRefusal(db, input.deliveryId, now.status, "Only a planned or queued delivery can be cancelled.");
}
