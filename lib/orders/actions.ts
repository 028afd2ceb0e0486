"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { cancelOrder } from "./cancel-order";
import { receiveOrder } from "./receive-order";
import { saveOrder } from "./save-order";
import { STATUS_LABELS, ZOrderId, ZOrderInput, ZReceipt } from "./schemas";

// Orders (acquisitions staff and administrators): save a draft, cancel, receive. Emailing an order (DRAFT → SENT)
// is the ledger's job and comes with issue 15's second half.
const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

export async function saveOrderAction(input: unknown): Promise<ActionResult<{ id: number }>> {
  try {
    const staff = await requireStaff("orders.manage");
    const { order, changed, created } = await saveOrder(prisma, parseOrThrow(ZOrderInput, input), staff);
    revalidatePath("/orders", "layout");
    return { ok: true, data: { id: order.id }, message: created ? `Order ${order.number} created as a draft.` : changed ? `Saved order ${order.number}.` : "No change." };
  } catch (err) {
    return failure(err, "Saving the order");
  }
}

export async function cancelOrderAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("orders.manage");
    const { number } = await cancelOrder(prisma, parseOrThrow(ZOrderId, input).id, staff);
    revalidatePath("/orders", "layout");
    return { ok: true, data: undefined, message: `Order ${number} is cancelled.` };
  } catch (err) {
    return failure(err, "Cancelling the order");
  }
}

export async function receiveOrderAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("orders.manage");
    const r = await receiveOrder(prisma, parseOrThrow(ZReceipt, input), staff);
    revalidatePath("/orders", "layout");
    return { ok: true, data: undefined, message: r.changed ? `Received: order ${r.number} is now ${STATUS_LABELS[r.status as keyof typeof STATUS_LABELS].toLowerCase()}.` : "No change." };
  } catch (err) {
    return failure(err, "Receiving the order");
  }
}
