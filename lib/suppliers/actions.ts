"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { saveSupplier } from "./save-supplier";
import { ZSupplierActive, ZSupplierInput } from "./schemas";
import { setSupplierActive } from "./set-supplier-active";

// Orders → Suppliers (acquisitions staff and administrators). Each action is one transaction with its audit row.
const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

export async function saveSupplierAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const staff = await requireStaff("orders.manage");
    const { supplier, changed } = await saveSupplier(prisma, parseOrThrow(ZSupplierInput, input), staff);
    revalidatePath("/orders/suppliers", "layout");
    return { ok: true, data: { id: supplier.id }, message: changed ? `Saved ${supplier.name}.` : "No change." };
  } catch (err) {
    return failure(err, "Saving the supplier");
  }
}

export async function setSupplierActiveAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("orders.manage");
    const parsed = parseOrThrow(ZSupplierActive, input);
    const { name } = await setSupplierActive(prisma, parsed, staff);
    revalidatePath("/orders/suppliers", "layout");
    return { ok: true, data: undefined, message: parsed.isActive ? `${name} is active again.` : `${name} is deactivated: no new orders can name it.` };
  } catch (err) {
    return failure(err, "Changing the supplier");
  }
}
