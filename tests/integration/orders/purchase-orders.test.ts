// Purchase orders' use-cases against the real database: lines validated (ISBN check digit, quantities, prices, at
// least one line) with the field named and nothing written; numbers unique under concurrency; edit only while a
// draft; receiving moves the status and refuses over-receipt; cancel once.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { requestOrderEmail } from "@/lib/orders/email/request-order-email";
import { ZRequestOrderEmail } from "@/lib/orders/email/schemas";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { listOrders } from "@/lib/orders/list-orders";
import { receiveOrder } from "@/lib/orders/receive-order";
import { saveOrder } from "@/lib/orders/save-order";
import { ZOrderInput } from "@/lib/orders/schemas";
import { parseOrThrow } from "@/lib/parse-input";
import { saveSupplier } from "@/lib/suppliers/save-supplier";
import { ZSupplierInput } from "@/lib/suppliers/schemas";
import { uid } from "../../factories";
import { db } from "../db";

// A queue under the run's prefix with no worker (removed with the prefix at the end of the run).
let opened: { queue: Queue; connection: Redis } | undefined;
const queue = () => {
  if (!opened) {
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    opened = { connection, queue: new Queue("deliveries", { connection, prefix: `${process.env.QUEUE_PREFIX}-po-${uid()}` }) };
  }
  return opened.queue;
};
afterAll(async () => {
  await opened?.queue.close();
  await opened?.connection.quit();
  await db.$disconnect();
});

const staffUser = () => db.staffUser.create({ data: { email: `o.${uid()}@example.net`, name: "O", passwordHash: "x", role: "ACQUISITIONS" } });
const makeSupplier = async (actor: { id: number }) => (await saveSupplier(db, ZSupplierInput.parse({
  code: `S${uid()}`, name: `Books ${uid()}`, currency: "EUR", claimPeriodDays: 30, contacts: [{ name: "Desk", email: "o@s.example", receivesOrders: true }],
}), actor)).supplier;
const lines = [
  { title: "Middlemarch", author: "George Eliot", isbn: "978-0-306-40615-7", quantity: "3", unitPrice: "12.50", fund: "Fiction" },
  { title: "Dune", isbn: "0-306-40615-2", quantity: 1, unitPrice: "0.99", note: "hardback" },
];
const fields = (input: unknown) => {
  try { parseOrThrow(ZOrderInput, input); return {}; } catch (e) { return (e as { fieldErrors: Record<string, string[]> }).fieldErrors; }
};

describe("purchase orders", () => {
  it("creates a numbered draft with lines (ISBNs stored as ISBN-13), computes totals with tax, and audits", async () => {
    const staff = await staffUser();
    const supplier = await makeSupplier(staff);
    const { order } = await saveOrder(db, ZOrderInput.parse({ supplierId: supplier.id, taxRate: "20", lines }), staff);
    expect(order).toMatchObject({ status: "DRAFT", currency: "EUR" });
    expect(order.number).toMatch(/^PO-\d{4}-\d{5}$/);
    expect(order.lines.map((l) => [l.lineNo, l.isbn, l.quantity, l.unitPrice.toString(), l.fund, l.note]))
      .toEqual([[1, "9780306406157", 3, "12.5", "Fiction", null], [2, "9780306406157", 1, "0.99", null, "hardback"]]);
    const listed = (await listOrders(db, { status: "DRAFT" })).rows.find((r) => r.id === order.id)!;
    expect(listed.totals).toEqual({ subtotal: 3849, tax: 770, total: 4619 });
    expect(await db.auditLog.count({ where: { entity: "purchase-order", entityId: String(order.id), action: "purchase-order.create" } })).toBe(1);
  });

  it("refuses a bad ISBN, a negative quantity or price and an order without lines, naming the field, writing nothing", async () => {
    const base = { supplierId: 1, taxRate: "0" };
    expect(fields({ ...base, lines: [{ ...lines[0], isbn: "978-0-306-40615-8" }] }))
      .toEqual({ "lines[0].isbn": ["not a valid ISBN: check the digits (10 or 13, the last is a check digit)"] });
    expect(fields({ ...base, lines: [lines[0], { ...lines[1], quantity: "-2" }] })).toEqual({ "lines[1].quantity": ["at least 1 copy (a quantity cannot be zero or negative)"] });
    expect(fields({ ...base, lines: [{ ...lines[0], unitPrice: "-1.00" }] })).toEqual({ "lines[0].unitPrice": ["a price cannot be negative"] });
    expect(fields({ ...base, lines: [] })).toEqual({ lines: ["an order needs at least one line"] });
    expect(fields({ ...base, taxRate: "-5", lines })).toEqual({ taxRate: ["a percentage from 0 to 100, e.g. 20 or 5.5"] });
    // A deactivated supplier is refused by the use-case, with the field, and no order or counter is written.
    const staff = await staffUser();
    const supplier = await makeSupplier(staff);
    await db.supplier.update({ where: { id: supplier.id }, data: { isActive: false } });
    const before = await db.purchaseOrder.count();
    await expect(saveOrder(db, ZOrderInput.parse({ supplierId: supplier.id, taxRate: "0", lines }), staff)).rejects.toMatchObject({ fieldErrors: { supplierId: [expect.stringContaining("deactivated")] } });
    expect(await db.purchaseOrder.count({ where: { supplierId: supplier.id } })).toBe(0);
    expect(await db.purchaseOrder.count()).toBeGreaterThanOrEqual(before);
  });

  it("gives twenty orders made at once twenty different numbers", async () => {
    const staff = await staffUser();
    const supplier = await makeSupplier(staff);
    const made = await Promise.all(Array.from({ length: 20 }, () => saveOrder(db, ZOrderInput.parse({ supplierId: supplier.id, taxRate: "0", lines: [lines[0]] }), staff)));
    const numbers = made.map((m) => m.order.number);
    expect(new Set(numbers).size).toBe(20);
    const seq = numbers.map((n) => Number(n.slice(-5))).sort((a, b) => a - b);
    expect(seq.at(-1)! - seq[0]).toBe(19);
  });

  it("edits only a draft, receives from sent to partly received to received, refuses over-receipt, cancels once", async () => {
    const staff = await staffUser();
    const supplier = await makeSupplier(staff);
    const { order } = await saveOrder(db, ZOrderInput.parse({ supplierId: supplier.id, taxRate: "0", lines }), staff);
    const edited = await saveOrder(db, ZOrderInput.parse({ id: order.id, supplierId: supplier.id, taxRate: "5.5", lines: [lines[0]] }), staff);
    expect(edited.order.lines).toHaveLength(1);
    const [l1] = edited.order.lines;
    await expect(receiveOrder(db, { id: order.id, lines: [{ lineId: l1.id, received: 1 }] }, staff)).rejects.toMatchObject({ code: "CONFLICT" });

    // SENT comes from emailing the order: the request places it at once (a queue with no worker: nothing goes out here).
    await requestOrderEmail({ db, queue: queue(), send: { attempts: 1, backoffMs: 10 } }, ZRequestOrderEmail.parse({
      orderId: order.id, what: "order", recipients: ["o@s.example"], requestKey: `k-${uid()}`, expectedEmails: 0,
    }), { ...staff, role: "ACQUISITIONS" });
    expect(await db.purchaseOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "SENT", sentAt: null });
    await expect(saveOrder(db, ZOrderInput.parse({ id: order.id, supplierId: supplier.id, taxRate: "0", lines }), staff)).rejects.toMatchObject({ code: "CONFLICT" });

    await expect(receiveOrder(db, { id: order.id, lines: [{ lineId: l1.id, received: 4 }] }, staff))
      .rejects.toMatchObject({ fieldErrors: { "lines[0].received": ["at most 3 (the quantity ordered)"] } });
    expect((await db.purchaseOrderLine.findUniqueOrThrow({ where: { id: l1.id } })).receivedQuantity).toBe(0);

    expect(await receiveOrder(db, { id: order.id, lines: [{ lineId: l1.id, received: 2 }] }, staff)).toMatchObject({ status: "PARTIALLY_RECEIVED", changed: 1 });
    // The same receipt again (a double click) changes nothing.
    expect(await receiveOrder(db, { id: order.id, lines: [{ lineId: l1.id, received: 2 }] }, staff)).toMatchObject({ status: "PARTIALLY_RECEIVED", changed: 0 });
    expect(await receiveOrder(db, { id: order.id, lines: [{ lineId: l1.id, received: 3 }] }, staff)).toMatchObject({ status: "RECEIVED" });
    expect((await db.purchaseOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("RECEIVED");
    await expect(cancelOrder(db, order.id, staff)).rejects.toMatchObject({ code: "CONFLICT" });

    const other = (await saveOrder(db, ZOrderInput.parse({ supplierId: supplier.id, taxRate: "0", lines }), staff)).order;
    const [a, b] = await Promise.allSettled([cancelOrder(db, other.id, staff), cancelOrder(db, other.id, staff)]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.auditLog.count({ where: { entity: "purchase-order", entityId: String(other.id), action: "purchase-order.cancel" } })).toBe(1);
    expect(await db.auditLog.count({ where: { entity: "purchase-order", entityId: String(order.id), action: "purchase-order.receive" } })).toBe(2);
  });

  it("lists by status, newest first, in keyset pages", async () => {
    const staff = await staffUser();
    const supplier = await makeSupplier(staff);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await saveOrder(db, ZOrderInput.parse({ supplierId: supplier.id, taxRate: "0", lines }), staff)).order.id);
    await db.purchaseOrder.updateMany({ where: { id: { in: ids } }, data: { status: "CANCELLED" } });
    const first = await listOrders(db, { status: "CANCELLED" }, 2);
    expect(first.rows.map((r) => r.status)).toEqual(["CANCELLED", "CANCELLED"]);
    expect(first.rows[0].id).toBeGreaterThan(first.rows[1].id);
    const second = await listOrders(db, { status: "CANCELLED", after: first.next! }, 2);
    expect(second.rows[0].id).toBeLessThan(first.rows[1].id);
  });
});
