// What the contact use-cases share: the patron's row lock (one writer of a patron's contacts at a time, the API's
// replace included) and the audit row, before → after in the words Settings → Audit log shows.
import type { Prisma } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";

type Tx = Prisma.TransactionClient;
export type ContactFields = { kind: string; name: string; email: string | null; mobile: string | null };
export type AuditedPatron = { id: number; cardNumber: string; firstName: string; lastName: string };

/** The patron, locked for this transaction; NOT_FOUND when there is none. */
export async function lockPatron(tx: Tx, patronId: number): Promise<AuditedPatron> {
  const [patron] = await tx.$queryRaw<AuditedPatron[]>`SELECT id, "cardNumber", "firstName", "lastName" FROM "Patron" WHERE id = ${patronId} FOR UPDATE`;
  if (!patron) throw new AppError("NOT_FOUND", `No patron ${patronId}: reload the page.`);
  return patron;
}

/** The contact as the audit shows it: kind in lower case, absent values as none. */
export const auditedContact = (c: ContactFields) => ({ kind: c.kind.toLowerCase(), name: c.name, email: c.email, mobile: c.mobile });

export async function auditContact(tx: Tx, actor: Actor, options: {
  action: "added" | "changed" | "removed"; patron: AuditedPatron; contact: string; before: object; after: object;
}) {
  const { patron } = options;
  await tx.auditLog.create({
    data: {
      ...actorColumns(actor), action: `patron-contact.${options.action}`, entity: "patron-contact", entityId: String(patron.id),
      details: {
        patron: `${patron.firstName} ${patron.lastName} (card ${patron.cardNumber})`, contact: options.contact, before: options.before, after: options.after,
      } as Prisma.InputJsonValue,
    },
  });
}
