// Staff email an order, claim it, or send either again, from the order screen. The email is recorded here (an
// OrderEmail row with its audit row, in one transaction under the order's row lock) and sent by the worker
// (send-order-email.ts), so it has every guarantee a notice has. Emailing a draft places the order: DRAFT → SENT (its
// lines are fixed from then on); the order's sentAt is set when the supplier's server accepts the email.
import type { Queue } from "bullmq";
import { sqlPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/load-staff";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { SendJobOptions } from "@/lib/notices/enqueue-deliveries";
import { localDate } from "@/lib/time/library-date";
import { enqueueOrderEmails } from "./enqueue-order-emails";
import type { TRequestOrderEmail } from "./schemas";

export const MAX_CLAIM_LEVEL = 3;

export type RequestDeps = { db: PrismaClient; queue: Queue; send: SendJobOptions; onEnqueueFailed?: (err: unknown) => void };

type LockedOrder = { id: number; number: string; status: string; sentAt: Date | null; supplierActive: boolean; outstanding: number };
type EmailRow = { id: number; kind: string; claimLevel: number | null; resendOfId: number | null; requestedBy: string; requestKey: string | null; createdAt: Date };

export async function requestOrderEmail(deps: RequestDeps, input: TRequestOrderEmail, staff: Staff | null) {
  if (!staff || !can(staff.role, "orders.manage")) throw new AppError("FORBIDDEN", "Only acquisitions staff and administrators can email orders to suppliers.");
  const pool = sqlPool(deps.db);
  const created = await inTransaction(pool, async (tx) => {
    const { rows: [order] } = await tx.query<LockedOrder>(
      `SELECT o.id, o.number, o.status::text AS status, o."sentAt", s."isActive" AS "supplierActive",
          (SELECT count(*)::int FROM "PurchaseOrderLine" l WHERE l."orderId" = o.id AND l."receivedQuantity" < l.quantity) AS outstanding
       FROM "PurchaseOrder" o JOIN "Supplier" s ON s.id = o."supplierId" WHERE o.id = $1 FOR UPDATE OF o`, [input.orderId]);
    if (!order) throw new AppError("NOT_FOUND", `No order ${input.orderId}.`);
    const { rows: emails } = await tx.query<EmailRow>(
      `SELECT id, kind::text AS kind, "claimLevel", "resendOfId", "requestedBy", "requestKey", "createdAt"
       FROM "OrderEmail" WHERE "orderId" = $1 ORDER BY id DESC`, [order.id]);
    // The same form again (a double click, a re-posted form): the email it made, not a second one.
    const same = emails.find((e) => e.requestKey === input.requestKey);
    if (same) {
      if (same.requestedBy !== staff.email) throw new AppError("CONFLICT", "This form was already used. Reload the page and try again.");
      return { id: same.id, isNew: false, number: order.number, kind: same.kind, claimLevel: same.claimLevel };
    }
    if (emails.length !== input.expectedEmails) {
      const last = emails[0];
      // No email at all: the page counted emails the order never had (a stale or altered form).
      if (!last) throw new AppError("CONFLICT", `Order ${order.number}'s emails have changed since this page was loaded. Reload the page to see them.`);
      throw new AppError("CONFLICT", `Order ${order.number} has had an email since this page was loaded (${last.kind === "CLAIM" ? `claim ${last.claimLevel}` : "the order"}, by ${last.requestedBy}). Reload the page to see it.`);
    }
    if (order.status === "CANCELLED") throw new AppError("CONFLICT", `Order ${order.number} is cancelled: nothing is sent for it.`);

    let kind: "ORDER" | "CLAIM";
    let claimLevel: number | null = null;
    let resendOfId: number | null = null;
    const originals = emails.filter((e) => e.resendOfId === null);
    if (input.what === "order") {
      kind = "ORDER";
      const first = originals.filter((e) => e.kind === "ORDER").at(-1);
      if (input.again) {
        if (!first) throw new AppError("CONFLICT", `Order ${order.number} has not been emailed yet: use "Email order".`);
        resendOfId = first.id;
      } else {
        if (first || order.status !== "DRAFT") throw new AppError("CONFLICT", `Order ${order.number} has been emailed already: use "Send again" and say why.`);
        if (!order.supplierActive) throw new AppError("INVALID", "The supplier is deactivated: reactivate it, or choose another supplier for this draft.", { supplierId: ["deactivated"] });
        await tx.query(`UPDATE "PurchaseOrder" SET status = 'SENT', "updatedAt" = now() WHERE id = $1`, [order.id]);
      }
    } else {
      kind = "CLAIM";
      if (order.status !== "SENT" && order.status !== "PARTIALLY_RECEIVED") {
        throw new AppError("CONFLICT", `Order ${order.number} cannot be claimed: only a sent or partly received order can (it is ${order.status.toLowerCase().replace("_", " ")}).`);
      }
      if (order.outstanding === 0) throw new AppError("CONFLICT", `Nothing to claim: every copy on order ${order.number} has been received.`);
      // A claim says when the order was sent: not before the supplier's server has accepted it (waiting, or failed).
      if (!order.sentAt) throw new AppError("CONFLICT", `Order ${order.number} has not reached the supplier yet: send the order (again) before claiming it.`);
      const claims = originals.filter((e) => e.kind === "CLAIM");
      const top = claims.reduce((max, e) => Math.max(max, e.claimLevel ?? 0), 0);
      if (input.again) {
        const last = claims.find((e) => e.claimLevel === top);
        if (!last) throw new AppError("CONFLICT", `Order ${order.number} has not been claimed yet: use "Claim now".`);
        resendOfId = last.id;
        claimLevel = top;
      } else {
        if (top >= MAX_CLAIM_LEVEL) throw new AppError("CONFLICT", `Order ${order.number} has had all ${MAX_CLAIM_LEVEL} claims: send the last one again if it is needed.`);
        claimLevel = top + 1;
      }
    }
    const { rows: [settings] } = await tx.query<{ timeZone: string }>(`SELECT "timeZone" FROM "LibrarySettings" WHERE id = 1`);
    const { rows: [row] } = await tx.query<{ id: number }>(
      `INSERT INTO "OrderEmail" ("orderId", kind, "claimLevel", "claimDate", "resendOfId", reason, recipients, "requestedBy", "requestKey")
       VALUES ($1, $2::"OrderEmailKind", $3, $4::date, $5, $6, $7::text[], $8, $9) RETURNING id`,
      [order.id, kind, claimLevel, kind === "CLAIM" ? localDate(settings?.timeZone ?? "UTC") : null, resendOfId, input.reason ?? null,
        input.recipients, staff.email, input.requestKey]);
    const action = `purchase-order.${kind === "CLAIM" ? "claim" : "email"}${input.again ? "-again" : ""}`;
    await tx.query(
      `INSERT INTO "AuditLog" ("actorId", "actorKind", action, entity, "entityId", details) VALUES ($1, 'staff', $2, 'purchase-order', $3, $4)`,
      [staff.id, action, String(order.id), JSON.stringify({ emailId: row.id, recipients: input.recipients, claimLevel, reason: input.reason ?? null,
        ...(kind === "ORDER" && !input.again ? { before: { status: order.status }, after: { status: "SENT" } } : {}) })]);
    return { id: row.id, isNew: true, number: order.number, kind, claimLevel };
  });
  // After the commit: the send job. If Redis is down the sweep finds the PLANNED row within a minute or two.
  if (created.isNew) await enqueueOrderEmails(pool, deps.queue, [created.id], deps.send).catch((err) => deps.onEnqueueFailed?.(err));
  return created;
}
