// Suppliers' use-cases against the real database: contacts saved with who receives orders and claims, bad input
// refused with the field named and nothing written, deactivation instead of delete, every change audited.
import { afterAll, describe, expect, it } from "vitest";
import { listSuppliers } from "@/lib/suppliers/list-suppliers";
import { saveSupplier } from "@/lib/suppliers/save-supplier";
import { ZSupplierInput } from "@/lib/suppliers/schemas";
import { setSupplierActive } from "@/lib/suppliers/set-supplier-active";
import { parseOrThrow } from "@/lib/parse-input";
import { uid } from "../../factories";
import { db } from "../db";

afterAll(() => db.$disconnect());

const staffUser = () => db.staffUser.create({ data: { email: `s.${uid()}@example.net`, name: "S", passwordHash: "x", role: "ACQUISITIONS" } });
const supplier = (over: Record<string, unknown> = {}) => ({
  code: `S${uid()}`, name: `Books ${uid()}`, currency: "eur", claimPeriodDays: "45", accountNumber: "LIB-0042",
  contacts: [
    { name: "Orders desk", email: "orders@supplier.example", receivesOrders: true },
    { name: "Accounts", email: "claims@supplier.example", receivesClaims: true, role: "Claims" },
  ],
  ...over,
});
const fields = (input: unknown) => {
  try { parseOrThrow(ZSupplierInput, input); return {}; } catch (e) { return (e as { fieldErrors: Record<string, string[]> }).fieldErrors; }
};

describe("suppliers", () => {
  it("saves a supplier with contacts marked for orders and claims, edits it and audits before → after", async () => {
    const staff = await staffUser();
    const input = supplier();
    const { supplier: s } = await saveSupplier(db, ZSupplierInput.parse(input), staff);
    expect(s).toMatchObject({ currency: "EUR", claimPeriodDays: 45, accountNumber: "LIB-0042", isActive: true, code: input.code.toUpperCase() });
    expect(s.contacts.map((c) => [c.name, c.receivesOrders, c.receivesClaims, c.isPrimary])).toEqual([["Orders desk", true, false, true], ["Accounts", false, true, false]]);

    const edited = await saveSupplier(db, ZSupplierInput.parse({ ...input, id: s.id, contacts: [{ name: "New desk", email: "new@supplier.example", receivesOrders: true, receivesClaims: true }] }), staff);
    expect(edited.supplier.contacts.map((c) => c.email)).toEqual(["new@supplier.example"]);
    expect(await db.supplierContact.count({ where: { supplierId: s.id } })).toBe(1);
    const rows = await db.auditLog.findMany({ where: { entity: "supplier", entityId: String(s.id) }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["supplier.create", "supplier.update"]);
    expect(rows[1].details).toMatchObject({ before: { contacts: [{ name: "Orders desk" }, { name: "Accounts" }] }, after: { contacts: [{ name: "New desk" }] } });
    // Saving the same again changes nothing and writes no audit row.
    expect((await saveSupplier(db, ZSupplierInput.parse({ ...input, id: s.id, contacts: [{ name: "New desk", email: "new@supplier.example", receivesOrders: true, receivesClaims: true }] }), staff)).changed).toBe(false);
    expect(await db.auditLog.count({ where: { entity: "supplier", entityId: String(s.id) } })).toBe(2);
  });

  it("refuses an active supplier without an order contact, a bad currency, a bad claim period and a contact without email, naming each field", async () => {
    expect(fields(supplier({ contacts: [{ name: "Claims only", email: "c@supplier.example", receivesClaims: true }] })))
      .toEqual({ contacts: ["an active supplier needs at least one contact who receives orders, with an email address"] });
    expect(fields(supplier({ currency: "EURO" }))).toEqual({ currency: ["a currency code such as EUR, GBP or USD (ISO 4217)"] });
    expect(fields(supplier({ claimPeriodDays: "-3" }))).toEqual({ claimPeriodDays: ["at least 1 day"] });
    expect(Object.keys(fields(supplier({ contacts: [{ name: "Desk", email: "", receivesOrders: true }] })))).toEqual(["contacts[0].email", "contacts"]);
    // Inactive: kept for history without contacts.
    expect(fields(supplier({ isActive: false, contacts: [] }))).toEqual({});
  });

  it("refuses a code another supplier has, writing nothing", async () => {
    const staff = await staffUser();
    const first = supplier();
    await saveSupplier(db, ZSupplierInput.parse(first), staff);
    const second = supplier({ code: first.code });
    await expect(saveSupplier(db, ZSupplierInput.parse(second), staff)).rejects.toMatchObject({ fieldErrors: { code: ["another supplier has this code"] } });
    expect(await db.supplier.count({ where: { name: second.name } })).toBe(0);
  });

  it("deactivates instead of deleting, lists active ones by name in keyset pages, and reactivates only with an order contact", async () => {
    const staff = await staffUser();
    const tag = uid();
    const made = [];
    for (const n of ["C", "A", "B"]) made.push((await saveSupplier(db, ZSupplierInput.parse(supplier({ name: `${tag} ${n}` })), staff)).supplier);
    const first = await listSuppliers(db, { q: tag }, 2);
    expect(first.rows.map((r) => r.name)).toEqual([`${tag} A`, `${tag} B`]);
    const second = await listSuppliers(db, { q: tag, after: first.next! }, 2);
    expect(second).toMatchObject({ rows: [{ name: `${tag} C` }], next: null });

    const b = made[2];
    expect(await setSupplierActive(db, { id: b.id, isActive: false }, staff)).toEqual({ name: b.name, changed: true });
    expect((await listSuppliers(db, { q: tag })).rows.map((r) => r.name)).toEqual([`${tag} A`, `${tag} C`]);
    expect((await listSuppliers(db, { q: tag, inactive: "1" })).rows.map((r) => r.name)).toEqual([`${tag} A`, `${tag} B`, `${tag} C`]);
    expect(await db.auditLog.count({ where: { entity: "supplier", entityId: String(b.id), action: "supplier.deactivate" } })).toBe(1);

    await db.supplierContact.deleteMany({ where: { supplierId: b.id } });
    await expect(setSupplierActive(db, { id: b.id, isActive: true }, staff)).rejects.toMatchObject({ fieldErrors: { contacts: ["a contact who receives orders, with an email address"] } });
    expect((await db.supplier.findUniqueOrThrow({ where: { id: b.id } })).isActive).toBe(false);
  });
});

describe("who may change suppliers and orders", () => {
  it("refuses circulation and read-only staff the orders.manage actions' permission, with FORBIDDEN", async () => {
    const { assertPermission } = await import("@/lib/auth/load-staff");
    for (const role of ["CIRCULATION", "READ_ONLY"] as const) {
      const staff = { id: 1, email: "x@example.net", name: "X", role };
      expect(() => assertPermission(staff, "orders.manage")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
      expect(assertPermission(staff, "dashboard.view")).toBe(staff);
    }
    expect(assertPermission({ id: 1, email: "a@example.net", name: "A", role: "ACQUISITIONS" }, "orders.manage").role).toBe("ACQUISITIONS");
  });
});
