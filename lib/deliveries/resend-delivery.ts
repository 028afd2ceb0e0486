// Resend: the patron asked for the letter again. A resend is a NEW delivery row (same patron, contact, channel, run and
// notices; the contact's address as it is now) linked to the one resent by resendOfId, and sent through the worker's
// own claim, handover and outcome. So its Message-ID <delivery-<new id>@domain> is new by construction, and every
// guarantee of the sender holds for it: sent once, UNKNOWN not re-sent, the attempt and message recorded.
//
// What it says: the sender re-checks each notice's reason when it claims the row, exactly as for any send, so a resend
// lists what is still true today (a book returned since is not asked for again), in today's wording. The notices
// are already SENT: the sender leaves their status alone and a processing charge is not posted twice (one per notice).
// When nothing is left to tell, the resend is refused here, with the reason, rather than planned and skipped.
import type { Queue } from "bullmq";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/load-staff";
import { sqlPool } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadDeliveryContent } from "@/lib/notices/claim-delivery";
import { deliveryMessageId, letterRows } from "@/lib/notices/compose-notice-email";
import { enqueueDeliveries, type SendJobOptions } from "@/lib/notices/enqueue-deliveries";
import type { TResendDelivery } from "./action-schemas";
import { assertCanManage, auditDelivery, currentAddress, lastAction, lockDelivery } from "./delivery-action-common";

export type ResendDeps = { db: PrismaClient; queue: Queue; send: SendJobOptions; onEnqueueFailed?: (err: unknown) => void };

export async function resendDelivery(deps: ResendDeps, input: TResendDelivery, staff: Staff | null) {
  const actor = assertCanManage(staff);
  const { db } = deps;
  // Outside the transaction: what a send would still say (the claim's own SQL). The sender re-checks anyway.
  const content = await loadDeliveryContent(sqlPool(db), input.deliveryId);
  const created = await db.$transaction(async (tx) => {
    const d = await lockDelivery(tx, input.deliveryId);
    // Resends are made from the original only, so one lock and one count cover every copy of the letter: two staff
    // resending the original and one of its resends at once would otherwise each pass their own check.
    if (d.resendOfId !== null) {
      throw new AppError("INVALID", `This is a resend of delivery #${d.resendOfId}: resend the letter from that delivery's page.`);
    }
    const resends = await tx.$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM "Delivery" WHERE "resendOfId" = $1 ORDER BY id DESC`, d.id);
    if (resends.length < input.expectedResends) throw new AppError("CONFLICT", "This delivery has changed since the page was loaded: reload it.");
    if (resends.length > input.expectedResends) {
      const last = await lastAction(tx, d.id);
      throw new AppError("CONFLICT", `Already ${last ?? "resent"} (delivery #${resends[0]?.id}). Reload the page to see it.`);
    }
    if (d.channel !== "EMAIL") throw new AppError("INVALID", "Only email deliveries can be resent from here.");
    if (d.status !== "SENT") throw new AppError("CONFLICT", `Only a sent delivery can be resent; this one is ${d.status.toLowerCase()}.`);
    const valid = letterRows(content.filter((r) => r.is_valid), d.runId);
    if (!valid.some((r) => r.run_id === d.runId)) {
      throw new AppError("INVALID", "Nothing left to tell: every loan, reservation or charge in this letter has been returned, renewed, collected or paid since.");
    }
    const address = await currentAddress(tx, d);
    const [row] = await tx.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO "Delivery" ("runId", "patronId", "contactKind", "contactKey", "contactName", channel, address, "separationGroup",
          "printMedia", status, "noticeIds", "resendOfId", "updatedAt")
       SELECT "runId", "patronId", "contactKind", "contactKey", "contactName", channel, $2, "separationGroup", "printMedia",
          'PLANNED', "noticeIds", id, now()
       FROM "Delivery" WHERE id = $1 AND "createdAt" = $3 RETURNING id`,
      d.id, address, d.createdAt,
    );
    const settings = await tx.librarySettings.findUnique({ where: { id: 1 }, select: { senderAddress: true } });
    const messageId = deliveryMessageId(row.id, settings?.senderAddress ?? "");
    await auditDelivery(tx, actor, "resend", d.id, { reason: input.reason, resendId: row.id, address, previousAddress: d.address, messageId });
    return { id: row.id, address, messageId };
  });
  // After the commit: the send job. If Redis is down the sweep finds the PLANNED row within minutes and sends it.
  await enqueueDeliveries(db, deps.queue, [created.id], deps.send).catch((err) => deps.onEnqueueFailed?.(err));
  return created;
}
