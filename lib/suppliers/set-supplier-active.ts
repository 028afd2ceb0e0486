// Deactivates (or reactivates) a supplier. Never deleted: its orders keep naming it. Reactivating asks for a contact
// who receives orders, as saving an active supplier does.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";

export async function setSupplierActive(db: PrismaClient, input: { id: number; isActive: boolean }, actor: Actor) {
  return db.$transaction(async (tx: Prisma.TransactionClient) => {
    const [row] = await tx.$queryRaw<{ id: number; name: string; isActive: boolean }[]>`SELECT id, name, "isActive" FROM "Supplier" WHERE id = ${input.id} FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", `No supplier ${input.id}.`);
    if (row.isActive === input.isActive) return { name: row.name, changed: false };
    if (input.isActive) {
      const orderContacts = await tx.supplierContact.count({ where: { supplierId: row.id, receivesOrders: true, email: { not: null } } });
      if (!orderContacts) throw new AppError("INVALID", `${row.name} is not reactivated: add a contact who receives orders first.`, { contacts: ["a contact who receives orders, with an email address"] });
    }
    await tx.supplier.update({ where: { id: row.id }, data: { isActive: input.isActive } });
    await tx.auditLog.create({ data: {
      ...actorColumns(actor), action: input.isActive ? "supplier.reactivate" : "supplier.deactivate", entity: "supplier", entityId: String(row.id),
      details: { before: { isActive: row.isActive }, after: { isActive: input.isActive } },
    } });
    return { name: row.name, changed: true };
  });
}
