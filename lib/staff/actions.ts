"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { createStaff, PasswordReset, resetStaffPassword, StaffCreate, StaffUpdate, updateStaff } from "./manage-staff";

const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

export async function createStaffAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const actor = await requireStaff("settings.manage");
    const user = await createStaff(prisma, parseOrThrow(StaffCreate, input), actor);
    revalidatePath("/settings/staff");
    return { ok: true, data: { id: user.id }, message: `Added ${user.name}. They can sign in with ${user.email} and the password you set.` };
  } catch (err) {
    return failure(err, "Adding the staff account");
  }
}

export async function updateStaffAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireStaff("settings.manage");
    const { user, changed } = await updateStaff(prisma, parseOrThrow(StaffUpdate, input), actor);
    revalidatePath("/settings/staff");
    return { ok: true, data: undefined, message: changed ? `Saved ${user.name}.` : "No change." };
  } catch (err) {
    return failure(err, "Saving the staff account");
  }
}

export async function resetStaffPasswordAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireStaff("settings.manage");
    await resetStaffPassword(prisma, parseOrThrow(PasswordReset, input), actor);
    return { ok: true, data: undefined, message: "Password changed. Tell them the new one in person or by phone, not by email." };
  } catch (err) {
    return failure(err, "Resetting the password");
  }
}
