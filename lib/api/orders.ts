// /api/v1/orders: an ILS's acquisitions module hands purchase orders over by its own order number (a draft is
// created or replaced; a sent one is refused), reports copies received, and lists orders by status in keyset pages.
// The dashboard's schemas and use-cases do the work, so both refuse the same input the same way.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { receiveOrder } from "@/lib/orders/receive-order";
import { saveOrder } from "@/lib/orders/save-order";
import { ORDER_STATUSES, ZOrderLine, ZTaxRate } from "@/lib/orders/schemas";
import { orderTotals } from "@/lib/orders/totals";
import type { Actor } from "@/lib/audit/actor";
import { ID_RANGE, isDbId } from "./params";
import { safeString } from "./safe-text";

export const ApiOrder = z.object({
  supplierCode: safeString("text").min(1, "the supplier's code").max(100),
  taxRate: ZTaxRate.optional(),
  notes: z.string().max(2000).nullish(),
  lines: z.array(ZOrderLine).min(1, "an order needs at least one line").max(500, "at most 500 lines"),
}).strict().meta({ id: "PurchaseOrder" });

export const ApiReceipt = z.object({
  lines: z.array(z.object({
    lineNo: z.number().int().min(1).max(500),
    received: z.number().int("a whole number of copies").min(0, "cannot be negative").max(100_000),
  }).strict()).min(1, "the lines received").max(500),
}).strict().meta({ id: "Receipt" });

export const ApiOrderQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1, "at least 1").max(100, "at most 100").default(50),
  after: z.string().refine(isDbId, ID_RANGE).transform(Number).optional().describe("the last order id of the previous page (keyset pagination)"),
}).strict();

const ZNumber = z.object({ number: safeString("text").regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, "letters, digits, / _ . - (up to 40)") });
export const orderNumberParam = (number: unknown) => parseOrThrow(ZNumber, { number }).number;

const include = {
  supplier: { select: { code: true } }, lines: { orderBy: { lineNo: "asc" } },
  emails: { orderBy: { id: "asc" }, select: { id: true, kind: true, claimLevel: true, resendOfId: true, recipients: true, status: true, smtpCode: true, reply: true, sentAt: true, createdAt: true } },
} as const;

function orderJson(o: NonNullable<Awaited<ReturnType<typeof findOrder>>>) {
  const totals = orderTotals(o.lines, o.taxRate);
  return {
    number: o.number, status: o.status, supplierCode: o.supplier.code, currency: o.currency, taxRate: o.taxRate.toString(), notes: o.notes,
    createdAt: o.createdAt, sentAt: o.sentAt, subtotal: (totals.subtotal / 100).toFixed(2), tax: (totals.tax / 100).toFixed(2), total: (totals.total / 100).toFixed(2),
    lines: o.lines.map((l) => ({ lineNo: l.lineNo, title: l.title, author: l.author, isbn: l.isbn, quantity: l.quantity, unitPrice: l.unitPrice.toFixed(2), fund: l.fund, note: l.note, received: l.receivedQuantity })),
    // The emails sent to the supplier about it: the order, claims (level 1-3), and either sent again by staff.
    emails: o.emails.map((e) => ({ id: e.id, kind: e.kind, claimLevel: e.claimLevel, sentAgainOf: e.resendOfId, recipients: e.recipients,
      status: e.status, smtpCode: e.smtpCode, reply: e.reply, requestedAt: e.createdAt, sentAt: e.sentAt })),
  };
}

const findOrder = (db: PrismaClient, number: string) => db.purchaseOrder.findUnique({ where: { number }, include });

export async function getOrderJson(db: PrismaClient, number: string) {
  const order = await findOrder(db, number);
  if (!order) throw new AppError("NOT_FOUND", `No order ${number}.`);
  return orderJson(order);
}

export async function listOrdersJson(db: PrismaClient, q: z.output<typeof ApiOrderQuery>) {
  const rows = await db.purchaseOrder.findMany({
    where: { ...(q.status ? { status: q.status } : {}), ...(q.after ? { id: { lt: q.after } } : {}) }, orderBy: { id: "desc" }, take: q.limit + 1, include,
  });
  const page = rows.slice(0, q.limit);
  return { items: page.map(orderJson), next: rows.length > q.limit ? String(page.at(-1)!.id) : null };
}

export async function putOrder(db: PrismaClient, number: string, body: z.output<typeof ApiOrder>, actor: Actor) {
  // Noticeboard's own numbers are given out by its counter: an ILS may update such an order, not invent one.
  if (/^PO-\d{4}-\d{5}$/.test(number) && !(await db.purchaseOrder.findUnique({ where: { number }, select: { id: true } }))) {
    throw new AppError("INVALID", `number: ${number} is in the form Noticeboard gives its own orders; use the library system's number`, { number: ["in the form Noticeboard gives its own orders (PO-<year>-<nnnnn>)"] });
  }
  const supplier = await db.supplier.findUnique({ where: { code: body.supplierCode }, select: { id: true } });
  if (!supplier) throw new AppError("INVALID", `supplierCode: no supplier ${body.supplierCode}`, { supplierCode: [`no supplier ${body.supplierCode}`] });
  const { created } = await saveOrder(db, { number, supplierId: supplier.id, taxRate: body.taxRate ?? "0", notes: body.notes ?? null, lines: body.lines }, actor);
  return { created, order: await getOrderJson(db, number) };
}

export async function receiveOrderByNumber(db: PrismaClient, number: string, body: z.output<typeof ApiReceipt>, actor: Actor) {
  const order = await db.purchaseOrder.findUnique({ where: { number }, select: { id: true, lines: { select: { id: true, lineNo: true } } } });
  if (!order) throw new AppError("NOT_FOUND", `No order ${number}.`);
  const ids = new Map(order.lines.map((l) => [l.lineNo, l.id]));
  const errors = Object.fromEntries(body.lines.flatMap((l, i) => (ids.has(l.lineNo) ? [] : [[`lines[${i}].lineNo`, [`no line ${l.lineNo} on order ${number}`]]])));
  if (Object.keys(errors).length) throw new AppError("INVALID", "Not received: unknown lines.", errors);
  await receiveOrder(db, { id: order.id, lines: body.lines.map((l) => ({ lineId: ids.get(l.lineNo)!, received: l.received })) }, actor);
  return getOrderJson(db, number);
}
