// Settle an UNKNOWN outcome (the connection was lost after the message was handed over) once staff have checked,
// e.g. with the patron or the mail server's log:
// - as sent: SENT, this run's notices still PLANNED in it become SENT (those the sender found stale were SKIPPED before
//   it sent), and the level's processing charge is posted exactly as the sender's outcome statement posts it
//   (processingCharges: one per message, on the same notice, ON CONFLICT ("noticeId") DO NOTHING, so never twice);
// - as not sent: FAILED with "settled as not sent by …", its notices FAILED, so it can then be retried.
// One conditional UPDATE on status = 'UNKNOWN' in one transaction with the notices, the charge and the audit row.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/load-staff";
import { sqlPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadDeliveryContent } from "@/lib/notices/claim-delivery";
import { loadNoticeSetup } from "@/lib/notices/load-notice-setup";
import { markRunSendingFinished } from "@/lib/notices/mark-run-done";
import { processingCharges } from "@/lib/notices/send-delivery";
import type { TSettleDelivery } from "./action-schemas";
import { assertCanManage, auditDelivery, staleRefusal } from "./delivery-action-common";

export async function settleDelivery(db: PrismaClient, input: TSettleDelivery, staff: Staff | null) {
  const actor = assertCanManage(staff);
  const isSent = input.outcome === "sent";
  // Read before the transaction (what the message carried does not change); posted only if the UPDATE below wins.
  const [content, setup] = isSent ? await Promise.all([loadDeliveryContent(sqlPool(db), input.deliveryId), loadNoticeSetup(db)]) : [[], null];
  const done = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ id: number; runId: number; patronId: number; noticeIds: number[] }[]>(
      `UPDATE "Delivery" SET status = $2::"DeliveryStatus", "lastError" = $3, "updatedAt" = now(),
          "sentAt" = CASE WHEN $2 = 'SENT' THEN COALESCE("handingOverAt", now()) ELSE "sentAt" END
       WHERE id = $1 AND status = 'UNKNOWN' RETURNING id, "runId", "patronId", "noticeIds"`,
      input.deliveryId, isSent ? "SENT" : "FAILED", isSent ? null : `settled as not sent by ${actor.name}: ${input.reason}`,
    );
    if (!row) return null;
    const [to, from] = isSent ? ["SENT", ["PLANNED", "FAILED"]] : ["FAILED", ["PLANNED"]];
    await tx.$executeRawUnsafe(
      `WITH n AS (UPDATE "Notice" SET status = $3::"NoticeStatus" WHERE id = ANY($1::int[]) AND "runId" = $2 AND status::text = ANY($4::text[]))
       UPDATE "EveryRunNotice" SET status = $3::"NoticeStatus" WHERE id = ANY($1::int[]) AND "runId" = $2 AND status::text = ANY($4::text[])`,
      row.noticeIds, row.runId, to, from,
    );
    const charges = setup ? processingCharges(content, row.runId, setup) : { noticeIds: [], codes: [], amounts: [] };
    const posted = await tx.$queryRawUnsafe<{ code: string; amount: string }[]>(
      `INSERT INTO "Charge" ("patronId", kind, code, description, amount, balance, "noticeId")
       SELECT $1, 'PROCESSING', t.code, 'Notice processing charge', t.amount, t.amount, t.notice
       FROM unnest($2::int[], $3::text[], $4::numeric[]) AS t(notice, code, amount)
       ON CONFLICT ("noticeId") DO NOTHING RETURNING code, amount::text`,
      row.patronId, charges.noticeIds, charges.codes, charges.amounts,
    );
    await auditDelivery(tx, actor, isSent ? "settle-sent" : "settle-not-sent", row.id, {
      reason: input.reason, ...(isSent ? { chargesPosted: posted.map((c) => `${c.code} ${c.amount}`) } : {}),
    });
    return { id: row.id, runId: row.runId, chargesPosted: posted };
  });
  if (done) {
    // The run may have waited only for this one (an UNKNOWN outcome is not open, but a settle can follow the sweep's pass).
    await markRunSendingFinished(sqlPool(db), done.runId);
    return done;
  }
  const now = await db.delivery.findFirst({ where: { id: input.deliveryId }, select: { status: true } });
  if (!now) throw new AppError("NOT_FOUND", `There is no delivery #${input.deliveryId}.`);
  throw await staleRefusal(db, input.deliveryId, now.status, "Only a delivery whose outcome is unknown can be settled.");
}
