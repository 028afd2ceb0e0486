"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { ContactInput, ContactRemoval, OwnContactInput } from "./contact-schemas";
import { removeContact } from "./remove-contact";
import { saveContact } from "./save-contact";
import { saveOwnContact } from "./save-own-contact";

const log = (what: string) => (err: unknown) => logger.error({ err }, `${what} failed`);

/** Adds a contact to a patron, or changes one (circulation staff and administrators). */
export async function saveContactAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const staff = await requireStaff("patrons.manage");
    const parsed = parseOrThrow(ContactInput, input);
    const { contact, changed } = await saveContact(prisma, parsed, staff);
    revalidatePath(`/patrons/${parsed.patronId}`);
    const message = !changed ? "No change." : parsed.id ? `Saved ${contact.name}.` : `Added ${contact.name}.`;
    return { ok: true, data: { id: contact.id }, message };
  } catch (err) {
    return actionFailure(err, "Saving the contact", log("saving a patron contact"));
  }
}

/** Removes one of a patron's contacts (after the page asked to confirm). */
export async function removeContactAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const staff = await requireStaff("patrons.manage");
    const parsed = parseOrThrow(ContactRemoval, input);
    const contact = await removeContact(prisma, parsed, staff);
    revalidatePath(`/patrons/${parsed.patronId}`);
    return { ok: true, data: { id: contact.id }, message: `Removed ${contact.name}.` };
  } catch (err) {
    return actionFailure(err, "Removing the contact", log("removing a patron contact"));
  }
}

/** Changes the patron's own email and mobile. */
export async function saveOwnContactAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const staff = await requireStaff("patrons.manage");
    const parsed = parseOrThrow(OwnContactInput, input);
    const { changed } = await saveOwnContact(prisma, parsed, staff);
    revalidatePath(`/patrons/${parsed.patronId}`);
    return { ok: true, data: { changed }, message: changed ? "Saved the patron's own email and mobile." : "No change." };
  } catch (err) {
    return actionFailure(err, "Saving the patron's details", log("saving a patron's own contact details"));
  }
}
