// /api/v1/orders round trip: a draft handed over by the library system's number, replaced while a draft, refused
// with the field named (bad ISBN, no lines) writing nothing, listed by status in keyset pages, received by line
// number (over-receipt refused), a sent order not replaced, a read token refused a write.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOneRoute } from "@/app/api/v1/[resource]/[key]/route";
import { POST as batchRoute } from "@/app/api/v1/[resource]/batch/route";
import { POST as receipts } from "@/app/api/v1/orders/[number]/receipts/route";
import { GET as getOrder, PUT as putOrder } from "@/app/api/v1/orders/[number]/route";
import { GET as listOrders } from "@/app/api/v1/orders/route";
import { prisma } from "@/lib/db/client";
import { ensureSettings, uid } from "../../factories";
import { apiFixture, call, type Fixture } from "./api-env";

let f: Fixture;
let supplierCode: string;
beforeAll(async () => {
  f = await apiFixture();
  await ensureSettings(prisma);
  supplierCode = `API${uid()}`.toUpperCase();
  await prisma.supplier.create({ data: { code: supplierCode, name: "API supplier", currency: "USD", contacts: { create: [{ name: "Desk", email: "d@s.example", receivesOrders: true }] } } });
});

const lines = [
  { title: "Emma", author: "Jane Austen", isbn: "9780306406157", quantity: 2, unitPrice: "9.99", fund: "Classics" },
  { title: "Persuasion", quantity: 1, unitPrice: 5 },
];

describe("/api/v1/orders", () => {
  it("creates and replaces a draft by number, refuses bad input writing nothing, lists, receives and refuses a sent order's replacement", async () => {
    const number = `ILS-${uid()}`;
    const put = (body: unknown, token = f.write) => call(putOrder, { token, method: "PUT", body, params: { number }, path: `/api/v1/orders/${number}` });

    const bad = await put({ supplierCode, lines: [{ ...lines[0], isbn: "9780306406158" }] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.fields)).toEqual(["lines[0].isbn"]);
    expect((await put({ supplierCode, lines: [] })).json.fields).toEqual({ lines: ["an order needs at least one line"] });
    expect((await put({ supplierCode, lines: [{ ...lines[1], quantity: -1 }] })).json.fields).toHaveProperty(["lines[0].quantity"]);
    expect((await put({ supplierCode, lines }, f.read)).status).toBe(403);
    expect(await prisma.purchaseOrder.count({ where: { number } })).toBe(0);

    const created = await put({ supplierCode, taxRate: "10", lines });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ created: true, order: { number, status: "DRAFT", currency: "USD", subtotal: "24.98", tax: "2.50", total: "27.48" } });
    const replaced = await put({ supplierCode, lines: [lines[0]] });
    expect(replaced.json).toMatchObject({ created: false, order: { lines: [{ lineNo: 1, isbn: "9780306406157", received: 0 }] } });
    expect(replaced.json.order.lines).toHaveLength(1);

    const other = `ILS-${uid()}`;
    expect((await call(putOrder, { token: f.write, method: "PUT", body: { supplierCode, lines }, params: { number: other } })).status).toBe(200);
    const drafts = await call(listOrders, { token: f.read, path: "/api/v1/orders?status=DRAFT&limit=1" });
    expect(drafts).toMatchObject({ status: 200 });
    expect(drafts.json.items).toHaveLength(1);
    expect(drafts.json.items[0].status).toBe("DRAFT");
    const more = await call(listOrders, { token: f.read, path: `/api/v1/orders?status=DRAFT&limit=1&after=${drafts.json.next}` });
    expect(drafts.json.items[0].number).toBe(other);
    expect(more.json.items[0].number).toBe(number);
    expect((await call(listOrders, { token: f.read, path: "/api/v1/orders?status=LOST" })).status).toBe(422);

    // Receipts need a sent order (sending is the dashboard's "Email order"; set here as it will).
    const receive = (body: unknown) => call(receipts, { token: f.write, body, params: { number }, path: `/api/v1/orders/${number}/receipts` });
    expect((await receive({ lines: [{ lineNo: 1, received: 1 }] })).status).toBe(409);
    await prisma.purchaseOrder.update({ where: { number }, data: { status: "SENT", sentAt: new Date() } });
    const over = await receive({ lines: [{ lineNo: 1, received: 3 }] });
    expect(over).toMatchObject({ status: 422, json: { fields: { "lines[0].received": ["at most 2 (the quantity ordered)"] } } });
    expect((await receive({ lines: [{ lineNo: 1, received: 1 }] })).json).toMatchObject({ status: "PARTIALLY_RECEIVED", lines: [{ received: 1 }] });
    expect((await receive({ lines: [{ lineNo: 1, received: 2 }] })).json).toMatchObject({ status: "RECEIVED" });
    expect((await call(getOrder, { token: f.read, params: { number }, path: `/api/v1/orders/${number}` })).json.status).toBe("RECEIVED");

    expect((await put({ supplierCode, lines })).status).toBe(409);
    expect((await call(putOrder, { token: f.write, method: "PUT", body: { supplierCode, lines }, params: { number: "PO-2026-99999" } })).status).toBe(422);
  });
});

describe("/api/v1/suppliers with contacts", () => {
  it("upserts contacts marked for orders and claims, keeps them when left out, refuses an active supplier without an order contact", async () => {
    const code = `SUP${uid()}`.toUpperCase();
    const batch = (items: unknown[]) => call(batchRoute, { token: f.write, body: { items }, params: { resource: "suppliers" }, path: "/api/v1/suppliers/batch" });
    const refused = await batch([{ code, name: "No order contact", contacts: [{ name: "Claims", email: "c@s.example", receivesClaims: true }] }]);
    expect(refused).toMatchObject({ status: 422, json: { fields: { "items[0].contacts": ["an active supplier needs at least one contact who receives orders"] } } });
    expect(await prisma.supplier.count({ where: { code } })).toBe(0);
    expect((await batch([{ code, name: "Bad currency", currency: "EURO" }])).json.fields).toHaveProperty(["items[0].currency"]);

    expect((await batch([{ code, name: "With contacts", currency: "eur", claimPeriodDays: 21, contacts: [
      { name: "Orders", email: "o@s.example", receivesOrders: true }, { name: "Claims", email: "c@s.example", receivesClaims: true },
    ] }])).json).toMatchObject({ created: 1 });
    expect((await batch([{ code, name: "Renamed" }])).json).toMatchObject({ updated: 1 });
    const one = await call(getOneRoute, { token: f.read, params: { resource: "suppliers", key: code }, path: `/api/v1/suppliers/${code}` });
    expect(one.json).toMatchObject({ name: "Renamed", currency: "EUR", claimPeriodDays: 21, isActive: true, contacts: [
      { name: "Orders", receivesOrders: true, receivesClaims: false }, { name: "Claims", receivesOrders: false, receivesClaims: true },
    ] });
  });
});
