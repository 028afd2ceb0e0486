// The patron's own email and mobile (their "self" contact), with an audit row, in one transaction. The library system
// may send them again through the API or an import, which then replaces what was typed here (it owns the record).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { auditContact, lockPatron } from "./contact-audit";
import type { OwnContactInput } from "./contact-schemas";

export async function saveOwnContact(db: PrismaClient, input: OwnContactInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const patron = await lockPatron(tx, input.patronId);
    const before = await tx.patron.findUniqueOrThrow({ where: { id: patron.id }, select: { email: true, mobile: true } });
    const changed = before.email !== input.email || before.mobile !== input.mobile;
    if (!changed) return { changed };
    await tx.patron.update({ where: { id: patron.id }, data: { email: input.email, mobile: input.mobile } });
    await auditContact(tx, actor, { action: "changed", patron, contact: "the patron themselves", before, after: { email: input.email, mobile: input.mobile } });
    return { changed };
  });
}
