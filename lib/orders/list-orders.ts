// The orders list: newest first, optionally one status (or only those whose email was not delivered), in pages of 50 by id (keyset over the (status, id) index).
import { UNDELIVERED_ORDER_IDS } from "./email/undelivered";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { TOrderListQuery } from "./schemas";
import { orderTotals } from "./totals";

export const ORDER_PAGE = 50;

export async function listOrders(db: PrismaClient, q: TOrderListQuery, limit = ORDER_PAGE) {
  // "Email not delivered" (the home page's link): orders whose latest order or claim email failed or is unknown.
  const undelivered = q.email === "problem" ? (await db.$queryRawUnsafe<{ id: number }[]>(UNDELIVERED_ORDER_IDS)).map((r) => r.id) : null;
  const where: Prisma.PurchaseOrderWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    AND: [...(q.after ? [{ id: { lt: q.after } }] : []), ...(undelivered ? [{ id: { in: undelivered } }] : [])],
  };
  const rows = await db.purchaseOrder.findMany({
    where, orderBy: { id: "desc" }, take: limit + 1,
    select: { id: true, number: true, status: true, currency: true, taxRate: true, createdAt: true, sentAt: true,
      supplier: { select: { id: true, name: true } }, lines: { select: { quantity: true, unitPrice: true, receivedQuantity: true } } },
  });
  const page = rows.slice(0, limit).map(({ lines, ...o }) => ({
    ...o, lineCount: lines.length, ordered: lines.reduce((n, l) => n + l.quantity, 0), received: lines.reduce((n, l) => n + l.receivedQuantity, 0),
    totals: orderTotals(lines, o.taxRate),
  }));
  return { rows: page, next: rows.length > limit ? page.at(-1)!.id : null };
}
