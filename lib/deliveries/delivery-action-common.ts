// What the four staff actions on a delivery (resend, cancel, settle, retry) share: the permission, the row locked for
// the action's transaction, the contact's address as it is now, the audit row, and the words of a refusal that names
// who acted first ("Already resent by Ann Lee at 2 Dec 2026, 14:02").
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns } from "@/lib/audit/actor";
import { assertPermission, type Staff } from "@/lib/auth/load-staff";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/time/library-date";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export type Tx = Prisma.TransactionClient;

export type DeliveryActionName = "resend" | "cancel" | "settle-sent" | "settle-not-sent" | "retry";

/** Refuses anyone without deliveries.manage: checked in the use-case too, so no caller can skip it. */
export function assertCanManage(staff: Staff | null): Staff {
  return assertPermission(staff, "deliveries.manage");
}

export type LockedDelivery = {
  id: number; createdAt: Date; runId: number; patronId: number; contactKind: string; contactKey: string; contactName: string;
  channel: string; address: string | null; separationGroup: string; printMedia: string | null; status: string; attempts: number;
  noticeIds: number[]; handingOverAt: Date | null; updatedAt: Date; resendOfId: number | null;
};

/** The delivery's row, locked until the transaction ends (a second action on it waits, then sees what the first did). */
export async function lockDelivery(tx: Tx, id: number): Promise<LockedDelivery> {
  const [row] = await tx.$queryRawUnsafe<LockedDelivery[]>(
    `SELECT id, "createdAt", "runId", "patronId", "contactKind"::text AS "contactKind", "contactKey", "contactName", channel::text AS channel,
        address, "separationGroup", "printMedia", status::text AS status, attempts, "noticeIds", "handingOverAt", "updatedAt", "resendOfId"
     FROM "Delivery" WHERE id = $1 FOR UPDATE`,
    id,
  );
  if (!row) throw new AppError("NOT_FOUND", `There is no delivery #${id}.`);
  return row;
}

/**
 * The email address the delivery's contact has now (the patron's own, or the named contact's): a resend and a retry go
 * there, not to the address the first message used. Refused with the reason when there is none.
 */
export async function currentAddress(tx: Tx, d: Pick<LockedDelivery, "patronId" | "contactKey">): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<{ address: string | null; hasContact: boolean }[]>(
    `SELECT CASE WHEN $2 = 'self' THEN p.email ELSE c.email END AS address, ($2 = 'self' OR c.id IS NOT NULL) AS "hasContact"
     FROM "Patron" p LEFT JOIN "PatronContact" c ON c."patronId" = p.id AND 'contact:' || c.id = $2
     WHERE p.id = $1`,
    d.patronId, d.contactKey,
  );
  if (!row?.hasContact) throw new AppError("INVALID", "The contact this went to has been removed from the patron: there is no one to send it to.");
  if (!row.address) throw new AppError("INVALID", "The contact has no email address now: add one on the patron's page first.");
  return row.address;
}

export async function auditDelivery(tx: Tx, staff: Staff, action: DeliveryActionName, deliveryId: number, details: Record<string, unknown>) {
  return tx.auditLog.create({
    data: { ...actorColumns(staff), action: `delivery.${action}`, entity: "delivery", entityId: String(deliveryId), details: details as Prisma.InputJsonValue },
    select: { id: true },
  });
}

const DONE: Record<DeliveryActionName, string> = {
  resend: "resent", cancel: "cancelled", "settle-sent": "settled as sent", "settle-not-sent": "settled as not sent", retry: "retried",
};

/** "resent by Ann Lee at 2 Dec 2026, 14:02": the latest staff action on the delivery, for a refusal; null if none. */
export async function lastAction(db: PrismaClient | Tx, deliveryId: number): Promise<string | null> {
  const [row, timeZone] = await Promise.all([
    db.auditLog.findFirst({
      where: { entity: "delivery", entityId: String(deliveryId) }, orderBy: { id: "desc" }, include: { actor: { select: { name: true } } },
    }),
    libraryTimeZone(db),
  ]);
  if (!row) return null;
  const what = DONE[row.action.replace(/^delivery\./, "") as DeliveryActionName] ?? row.action;
  return `${what} by ${row.actor?.name ?? "someone"} at ${formatDateTime(row.at, timeZone)}`;
}

/** A refusal because the delivery is no longer as the staff member saw it: who acted first, else what it is now. */
export async function staleRefusal(db: PrismaClient | Tx, deliveryId: number, status: string, fallback: string): Promise<AppError> {
  const last = await lastAction(db, deliveryId);
  const now = `It is now ${status.toLowerCase()}.`;
  return new AppError("CONFLICT", last ? `Already ${last}. ${now}` : `${fallback} ${now}`);
}
