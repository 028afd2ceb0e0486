// Adds a contact to a patron or changes one (Patrons → a patron → Who receives notices), in one transaction with its
// audit row. The patron's row is locked first, so two saves (or an API replace) cannot pass the limit together.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { auditContact, auditedContact, lockPatron } from "./contact-audit";
import { MAX_CONTACTS, type ContactInput } from "./contact-schemas";

export async function saveContact(db: PrismaClient, input: ContactInput, actor: Actor) {
  return db.$transaction(async (tx) => {
    const patron = await lockPatron(tx, input.patronId);
    const data = { kind: input.kind, name: input.name, email: input.email, mobile: input.mobile };
    if (input.id === undefined) {
      const count = await tx.patronContact.count({ where: { patronId: patron.id } });
      if (count >= MAX_CONTACTS) throw new AppError("INVALID", `A patron has at most ${MAX_CONTACTS} contacts: remove one first.`);
      const contact = await tx.patronContact.create({ data: { ...data, patronId: patron.id } });
      await auditContact(tx, actor, { action: "added", patron, contact: contact.name, before: {}, after: auditedContact(contact) });
      return { contact, changed: true };
    }
    const before = await tx.patronContact.findFirst({ where: { id: input.id, patronId: patron.id } });
    if (!before) throw new AppError("NOT_FOUND", "This contact has been removed meanwhile: reload the page.");
    const contact = await tx.patronContact.update({ where: { id: before.id }, data });
    const changed = (["kind", "name", "email", "mobile"] as const).some((k) => before[k] !== contact[k]);
    if (changed) await auditContact(tx, actor, { action: "changed", patron, contact: contact.name, before: auditedContact(before), after: auditedContact(contact) });
    return { contact, changed };
  });
}
