// Removes one of a patron's contacts, with its audit row, in one transaction. Deliveries already planned for the
// contact keep their address (the ledger is history); later runs no longer reach them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { auditContact, auditedContact, lockPatron } from "./contact-audit";

export async function removeContact(db: PrismaClient, input: { patronId: number; id: number }, actor: Actor) {
  return db.$transaction(async (tx) => {
    const patron = await lockPatron(tx, input.patronId);
    const contact = await tx.patronContact.findFirst({ where: { id: input.id, patronId: patron.id } });
    if (!contact) throw new AppError("NOT_FOUND", "This contact has already been removed: reload the page.");
    await tx.patronContact.delete({ where: { id: contact.id } });
    await auditContact(tx, actor, { action: "removed", patron, contact: contact.name, before: auditedContact(contact), after: {} });
    return contact;
  });
}
