// Creates or edits a supplier with its contacts in one transaction: contacts are replaced as a set (the form sends
// them all), and one audit row (entity "supplier") records before → after.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import type { TSupplierInput } from "./schemas";

type Tx = Prisma.TransactionClient;
const include = { contacts: { orderBy: { id: "asc" } } } as const;
type Loaded = Prisma.SupplierGetPayload<{ include: typeof include }>;

export const supplierSnapshot = (s: Loaded) => ({
  code: s.code, name: s.name, email: s.email, phone: s.phone, address: s.address, accountNumber: s.accountNumber,
  currency: s.currency, claimPeriodDays: s.claimPeriodDays, isActive: s.isActive,
  contacts: s.contacts.map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone, receivesOrders: c.receivesOrders, receivesClaims: c.receivesClaims })),
});

export async function saveSupplier(db: PrismaClient, input: TSupplierInput, actor: Actor) {
  return db.$transaction(async (tx: Tx) => {
    const { id, contacts, ...fields } = input;
    const clash = await tx.supplier.findUnique({ where: { code: fields.code }, select: { id: true } });
    if (clash && clash.id !== id) throw new AppError("INVALID", "Not saved: another supplier has this code.", { code: ["another supplier has this code"] });
    const before = id ? await tx.supplier.findUnique({ where: { id }, include }) : null;
    if (id && !before) throw new AppError("NOT_FOUND", `No supplier ${id}.`);
    const rows = contacts.map((c, i) => ({ ...c, isPrimary: i === contacts.findIndex((x) => x.receivesOrders) }));
    const supplier = before
      ? await tx.supplier.update({ where: { id: before.id }, data: { ...fields, contacts: { deleteMany: {}, create: rows } }, include })
      : await tx.supplier.create({ data: { ...fields, contacts: { create: rows } }, include });
    const after = supplierSnapshot(supplier);
    const changed = !before || JSON.stringify(supplierSnapshot(before)) !== JSON.stringify(after);
    if (changed) {
      await tx.auditLog.create({ data: {
        ...actorColumns(actor), action: before ? "supplier.update" : "supplier.create", entity: "supplier", entityId: String(supplier.id),
        details: { before: before ? supplierSnapshot(before) : null, after } as Prisma.InputJsonValue,
      } });
    }
    return { supplier, changed };
  });
}
