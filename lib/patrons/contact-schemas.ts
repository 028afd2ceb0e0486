// A patron's contacts as the dashboard edits them, under the API's own rules (lib/api/schemas.ts ContactRow and
// PatronRow's email and mobile), so a contact the dashboard saves is one the API would take, and the same words name
// what is wrong. An empty box means "none" (the API's null).
import { z } from "zod";
import { ContactRow, PatronRow } from "@/lib/api/schemas";

const emptyIsNone = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema);
const id = z.number().int().positive().max(2_147_483_647);

export const ContactInput = z.object({
  patronId: id,
  id: id.optional(), // left out: a new contact
  kind: ContactRow.shape.kind,
  name: ContactRow.shape.name,
  email: emptyIsNone(ContactRow.shape.email),
  mobile: emptyIsNone(ContactRow.shape.mobile),
}).strict();
export type ContactInput = z.output<typeof ContactInput>;

export const ContactRemoval = z.object({ patronId: id, id }).strict();

// The patron's own email and mobile (the "self" contact). Names, address and the rest come from the library system.
export const OwnContactInput = z.object({
  patronId: id,
  email: emptyIsNone(PatronRow.shape.email),
  mobile: emptyIsNone(PatronRow.shape.mobile),
}).strict();
export type OwnContactInput = z.output<typeof OwnContactInput>;

/** The most contacts a patron may have besides themselves: the API's limit. */
export const MAX_CONTACTS = 10;
