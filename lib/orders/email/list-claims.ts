// The claims page's list: claim emails (first sends and sent again), newest first, in keyset pages by id.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const CLAIMS_PAGE_SIZE = 25;

export async function listClaims(db: PrismaClient, input: { after?: number; take?: number }) {
  const take = input.take ?? CLAIMS_PAGE_SIZE;
  const rows = await db.orderEmail.findMany({
    where: { kind: "CLAIM", ...(input.after ? { id: { lt: input.after } } : {}) },
    orderBy: { id: "desc" },
    take: take + 1,
    select: {
      id: true, claimLevel: true, claimDate: true, resendOfId: true, reason: true, recipients: true, status: true, sentAt: true, createdAt: true, requestedBy: true,
      order: { select: { id: true, number: true, supplier: { select: { id: true, name: true } } } },
    },
  });
  return { rows: rows.slice(0, take), next: rows.length > take ? rows[take - 1].id : null };
}
