"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { deleteListEntry, ListEntryDeletion, ListEntryInput, saveListEntry } from "./lists";

type Entry = { id: number; code: string; name: string };

/** Adds or edits a patron category, academic level or library group (administrators). */
export async function saveListEntryAction(input: unknown): Promise<ActionResult<Entry>> {
  try {
    const staff = await requireStaff("settings.manage");
    const parsed = parseOrThrow(ListEntryInput, input);
    const { entry, changed } = await saveListEntry(prisma, parsed, staff);
    revalidatePath("/settings/lists");
    const message = !changed ? "No change." : parsed.id ? `Saved ${entry.name} (${entry.code}).` : `Added ${entry.name} (${entry.code}).`;
    return { ok: true, data: { id: entry.id, code: entry.code, name: entry.name }, message };
  } catch (err) {
    return actionFailure(err, "Saving the list entry", (e) => logger.error({ err: e }, "saving a patron list entry failed"));
  }
}

/** Deletes an entry no patron or scenario names; otherwise the refusal says who names it (administrators). */
export async function deleteListEntryAction(input: unknown): Promise<ActionResult<Entry>> {
  try {
    const staff = await requireStaff("settings.manage");
    const entry = await deleteListEntry(prisma, parseOrThrow(ListEntryDeletion, input), staff);
    revalidatePath("/settings/lists");
    return { ok: true, data: entry, message: `Deleted ${entry.name} (${entry.code}).` };
  } catch (err) {
    return actionFailure(err, "Deleting the list entry", (e) => logger.error({ err: e }, "deleting a patron list entry failed"));
  }
}
