"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { formatDate } from "@/lib/time/library-date";
import { addClosedDays, BranchInput, ClosedDaysInput, ClosedDaysRemoval, deleteBranch, removeClosedDays, saveBranch } from "./branches";

// Settings → Branches (administrators). Each action is one transaction in lib/settings/branches.ts with its audit row.
const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));
const BranchId = z.object({ id: z.number().int().positive() });

export async function saveBranchAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const staff = await requireStaff("settings.manage");
    const { branch, changed } = await saveBranch(prisma, parseOrThrow(BranchInput, input), staff);
    revalidatePath("/settings/branches", "layout");
    return { ok: true, data: { id: branch.id }, message: changed ? `Saved ${branch.name}.` : "No change." };
  } catch (err) {
    return failure(err, "Saving the branch");
  }
}

export async function deleteBranchAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("settings.manage");
    const branch = await deleteBranch(prisma, parseOrThrow(BranchId, input).id, staff);
    revalidatePath("/settings/branches", "layout");
    return { ok: true, data: undefined, message: `Deleted ${branch.name}.` };
  } catch (err) {
    return failure(err, "Deleting the branch");
  }
}

export async function addClosedDaysAction(input: unknown): Promise<ActionResult<{ added: number }>> {
  try {
    const staff = await requireStaff("settings.manage");
    const days = parseOrThrow(ClosedDaysInput, input);
    const result = await addClosedDays(prisma, days, staff);
    revalidatePath("/settings/branches", "layout");
    const when = days.to && days.to !== days.from ? `${formatDate(days.from)} to ${formatDate(days.to)}` : formatDate(days.from);
    const where = days.branchIds.length ? (result.branches === 1 ? "the branch" : `${result.branches} branches`) : "every branch";
    return { ok: true, data: { added: result.added }, message: `Closed ${when} at ${where}${result.added < result.days * result.branches ? " (days already closed keep one entry, with this reason)" : ""}.` };
  } catch (err) {
    return failure(err, "Adding the closed days");
  }
}

export async function removeClosedDaysAction(input: unknown): Promise<ActionResult<{ removed: number }>> {
  try {
    const staff = await requireStaff("settings.manage");
    const { removed } = await removeClosedDays(prisma, parseOrThrow(ClosedDaysRemoval, input), staff);
    revalidatePath("/settings/branches", "layout");
    return { ok: true, data: { removed }, message: `Reopened: ${removed} closed day${removed === 1 ? "" : "s"} removed from the calendar.` };
  } catch (err) {
    return failure(err, "Reopening the days");
  }
}
