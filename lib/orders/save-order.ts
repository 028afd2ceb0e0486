// Creates a purchase order (DRAFT, numbered) or edits one while it is still a draft, its lines replaced as a set, in
// one transaction with one audit row (entity "purchase-order"). The API passes its own order number (upsert by it).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { localDate } from "@/lib/time/library-date";
import { nextOrderNumber } from "./order-number";
import type { TOrderInput } from "./schemas";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

type Tx = Prisma.TransactionClient;
const lineInclude = { lines: { orderBy: { lineNo: "asc" } } } as const;

export const orderSnapshot = (o: Prisma.PurchaseOrderGetPayload<{ include: typeof lineInclude }>) => ({
  number: o.number, supplierId: o.supplierId, status: o.status, taxRate: o.taxRate.toString(), notes: o.notes, currency: o.currency,
  lines: o.lines.map((l) => ({ title: l.title, author: l.author, isbn: l.isbn, quantity: l.quantity, unitPrice: l.unitPrice.toString(), fund: l.fund, note: l.note })),
});

export async function saveOrder(db: PrismaClient, input: TOrderInput & { number?: string }, actor: Actor) {
  return db.$transaction((tx) => saveOrderTx(tx, input, actor));
}

export async function saveOrderTx(tx: Tx, input: TOrderInput & { number?: string }, actor: Actor) {
  const { id, lines, number, ...fields } = input;
  const [existing] = id
    ? await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "PurchaseOrder" WHERE id = ${id} FOR UPDATE`
    : number ? await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "PurchaseOrder" WHERE number = ${number} FOR UPDATE` : [];
  if (id && !existing) throw new AppError("NOT_FOUND", `No order ${id}.`);
  const before = existing ? await tx.purchaseOrder.findUniqueOrThrow({ where: { id: existing.id }, include: lineInclude }) : null;
  if (before && before.status !== "DRAFT") {
    throw new AppError("CONFLICT", `Order ${before.number} is not changed: only a draft can be edited (it is ${before.status.toLowerCase().replace("_", " ")}).`);
  }
  const supplier = await tx.supplier.findUnique({ where: { id: fields.supplierId }, select: { isActive: true, currency: true, name: true } });
  if (!supplier) throw new AppError("INVALID", "Not saved: choose a supplier.", { supplierId: ["no such supplier"] });
  if (!supplier.isActive && before?.supplierId !== fields.supplierId) {
    throw new AppError("INVALID", `Not saved: ${supplier.name} is deactivated.`, { supplierId: [`${supplier.name} is deactivated; reactivate it or choose another`] });
  }
  const rows = lines.map((l, i) => ({ ...l, lineNo: i + 1 }));
  let order;
  if (before) {
    order = await tx.purchaseOrder.update({
      where: { id: before.id }, include: lineInclude,
      data: { ...fields, currency: before.supplierId === fields.supplierId ? before.currency : supplier.currency, lines: { deleteMany: {}, create: rows } },
    });
  } else {
    const year = Number(localDate(await libraryTimeZone(tx)).slice(0, 4));
    order = await tx.purchaseOrder.create({
      data: { ...fields, number: number ?? (await nextOrderNumber(tx, year)), currency: supplier.currency, lines: { create: rows } }, include: lineInclude,
    });
  }
  const after = orderSnapshot(order);
  const changed = !before || JSON.stringify(orderSnapshot(before)) !== JSON.stringify(after);
  if (changed) {
    await tx.auditLog.create({ data: {
      ...actorColumns(actor), action: before ? "purchase-order.update" : "purchase-order.create", entity: "purchase-order", entityId: String(order.id),
      details: { before: before ? orderSnapshot(before) : null, after } as Prisma.InputJsonValue,
    } });
  }
  return { order, changed, created: !before };
}
