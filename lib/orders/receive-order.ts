// Records the copies received so far per line and moves the order: SENT → PARTIALLY_RECEIVED → RECEIVED. Only a sent
// or partly received order takes receipts (SENT is set by emailing the order). A line's total never goes above what
// was ordered: the whole receipt is refused, the line named, nothing written.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import type { TReceipt } from "./schemas";

export async function receiveOrder(db: PrismaClient, input: TReceipt, actor: Actor) {
  return db.$transaction(async (tx) => {
    const [order] = await tx.$queryRaw<{ id: number; number: string; status: string }[]>`
      SELECT id, number, status::text FROM "PurchaseOrder" WHERE id = ${input.id} FOR UPDATE`;
    if (!order) throw new AppError("NOT_FOUND", `No order ${input.id}.`);
    if (order.status !== "SENT" && order.status !== "PARTIALLY_RECEIVED") {
      throw new AppError("CONFLICT", `Order ${order.number} takes no receipts: only a sent or partly received order does (it is ${order.status.toLowerCase().replace("_", " ")}).`);
    }
    const lines = await tx.purchaseOrderLine.findMany({ where: { orderId: order.id }, orderBy: { lineNo: "asc" } });
    const byId = new Map(lines.map((l) => [l.id, l]));
    const errors: Record<string, string[]> = {};
    input.lines.forEach((r, i) => {
      const line = byId.get(r.lineId);
      if (!line) errors[`lines[${i}].lineId`] = [`no line ${r.lineId} on order ${order.number}`];
      else if (r.received > line.quantity) errors[`lines[${i}].received`] = [`at most ${line.quantity} (the quantity ordered)`];
    });
    if (Object.keys(errors).length) throw new AppError("INVALID", `Not received: ${Object.keys(errors).length === 1 ? "one line needs" : "some lines need"} correcting.`, errors);

    const changes = [];
    for (const r of input.lines) {
      const line = byId.get(r.lineId)!;
      if (line.receivedQuantity === r.received) continue;
      await tx.purchaseOrderLine.update({ where: { id: line.id }, data: { receivedQuantity: r.received } });
      changes.push({ lineNo: line.lineNo, before: line.receivedQuantity, after: r.received });
      line.receivedQuantity = r.received;
    }
    const all = lines.every((l) => l.receivedQuantity >= l.quantity);
    const any = lines.some((l) => l.receivedQuantity > 0);
    const status = all ? "RECEIVED" : any ? "PARTIALLY_RECEIVED" : "SENT";
    if (status !== order.status) await tx.purchaseOrder.update({ where: { id: order.id }, data: { status } });
    if (changes.length) {
      await tx.auditLog.create({ data: {
        ...actorColumns(actor), action: "purchase-order.receive", entity: "purchase-order", entityId: String(order.id),
        details: { before: { status: order.status }, after: { status }, lines: changes } as Prisma.InputJsonValue,
      } });
    }
    return { number: order.number, status, changed: changes.length };
  });
}
