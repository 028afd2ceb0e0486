// Cancels an order that is not yet fully received: a draft, or a sent order the supplier will not deliver (the
// copies already received stay recorded). Claimed by status, so two cancels at once cancel once.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";

export async function cancelOrder(db: PrismaClient, id: number, actor: Actor) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ number: string; status: string }[]>`
      UPDATE "PurchaseOrder" o SET status = 'CANCELLED', "updatedAt" = now()
      FROM (SELECT id, status FROM "PurchaseOrder" WHERE id = ${id} FOR UPDATE) old
      WHERE o.id = old.id AND old.status IN ('DRAFT', 'SENT', 'PARTIALLY_RECEIVED')
      RETURNING o.number, old.status::text AS status`;
    if (!row) {
      const order = await tx.purchaseOrder.findUnique({ where: { id }, select: { number: true, status: true } });
      if (!order) throw new AppError("NOT_FOUND", `No order ${id}.`);
      throw new AppError("CONFLICT", `Order ${order.number} is ${order.status === "CANCELLED" ? "already cancelled" : "fully received"}; it cannot be cancelled.`);
    }
    await tx.auditLog.create({ data: {
      ...actorColumns(actor), action: "purchase-order.cancel", entity: "purchase-order", entityId: String(id),
      details: { before: { status: row.status }, after: { status: "CANCELLED" } },
    } });
    return { number: row.number };
  });
}
