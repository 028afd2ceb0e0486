// A delivery's resend chain (this is a resend of #…, resent as #…) and the staff actions taken on it, for its page.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";

export type ChainLink = { id: number; status: string; createdAt: Date; address: string | null };

export async function getDeliveryHistory(db: PrismaClient, delivery: { id: number; resendOfId: number | null; patronId: number; contactKey: string }) {
  const sql = sqlPool(db);
  const [resends, original, actions, current] = await Promise.all([
    // Through the partial index "Delivery_resendOfId_idx" (only resends are in it).
    sql.query<ChainLink>(`SELECT id, status::text AS status, "createdAt", address FROM "Delivery" WHERE "resendOfId" = $1 ORDER BY id`, [delivery.id]),
    delivery.resendOfId === null ? null
      : sql.query<ChainLink>(`SELECT id, status::text AS status, "createdAt", address FROM "Delivery" WHERE id = $1`, [delivery.resendOfId]),
    db.auditLog.findMany({
      where: { entity: "delivery", entityId: String(delivery.id) }, orderBy: { id: "asc" }, take: 100,
      select: { id: true, at: true, action: true, details: true, actorKind: true, actor: { select: { name: true } } },
    }),
    // The contact's address now: where a resend or a retry would go (the dialogs name it).
    sql.query<{ address: string | null }>(
      `SELECT CASE WHEN $2 = 'self' THEN p.email ELSE c.email END AS address
       FROM "Patron" p LEFT JOIN "PatronContact" c ON c."patronId" = p.id AND 'contact:' || c.id = $2 WHERE p.id = $1`,
      [delivery.patronId, delivery.contactKey]),
  ]);
  return { resends: resends.rows, original: original?.rows[0] ?? null, actions, currentAddress: current.rows[0]?.address ?? null };
}
