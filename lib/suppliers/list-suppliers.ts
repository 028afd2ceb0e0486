// The suppliers list: by name, in pages of 50 by (name, id) keyset, with a name/code filter. Active ones only unless
// asked. No count: the list could be long and "page 3 of 9" is not worth a scan.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { TSupplierListQuery } from "./schemas";

export const SUPPLIER_PAGE = 50;

export async function listSuppliers(db: PrismaClient, q: TSupplierListQuery, limit = SUPPLIER_PAGE) {
  const from = q.after ? await db.supplier.findUnique({ where: { id: q.after }, select: { id: true, name: true } }) : null;
  const where: Prisma.SupplierWhereInput = {
    ...(q.inactive ? {} : { isActive: true }),
    ...(q.q ? { OR: [{ name: { contains: q.q, mode: "insensitive" } }, { code: { contains: q.q, mode: "insensitive" } }] } : {}),
    ...(from ? { AND: [{ OR: [{ name: { gt: from.name } }, { name: from.name, id: { gt: from.id } }] }] } : {}),
  };
  const rows = await db.supplier.findMany({
    where, orderBy: [{ name: "asc" }, { id: "asc" }], take: limit + 1,
    select: { id: true, code: true, name: true, currency: true, isActive: true, accountNumber: true,
      contacts: { where: { receivesOrders: true }, select: { name: true, email: true }, orderBy: { id: "asc" } } },
  });
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? page.at(-1)!.id : null };
}
