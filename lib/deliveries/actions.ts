"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { getDeliveriesQueue, sendJobOptions } from "@/lib/jobs/producer";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { ZCancelDelivery, ZResendDelivery, ZRetryDelivery, ZSettleDelivery } from "./action-schemas";
import { cancelDelivery } from "./cancel-delivery";
import { resendDelivery } from "./resend-delivery";
import { retryDelivery } from "./retry-delivery";
import { settleDelivery } from "./settle-delivery";

// Thin: parse, authorise (deliveries.manage; the use-cases check it again), one use-case, refresh the page.
const refresh = (id: number) => revalidatePath(`/notices/deliveries/${id}`);
const enqueueFailed = (id: number) => (err: unknown) =>
  logger.warn({ err, deliveryId: id }, "could not enqueue the delivery now: the sweep will");

export async function resendDeliveryAction(input: unknown): Promise<ActionResult<{ resendId: number }>> {
  try {
    const staff = await requireStaff("deliveries.manage");
    const parsed = parseOrThrow(ZResendDelivery, input);
    const queue = getDeliveriesQueue();
    const done = await resendDelivery({ db: prisma, queue, send: sendJobOptions(), onEnqueueFailed: enqueueFailed(parsed.deliveryId) }, parsed, staff);
    refresh(parsed.deliveryId);
    return { ok: true, data: { resendId: done.id }, message: `Resent as delivery #${done.id} to ${done.address}.` };
  } catch (err) {
    return actionFailure(err, "Resending", (e) => logger.error({ err: e }, "resending a delivery failed"));
  }
}

export async function cancelDeliveryAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("deliveries.manage");
    const parsed = parseOrThrow(ZCancelDelivery, input);
    await cancelDelivery(prisma, parsed, staff);
    refresh(parsed.deliveryId);
    return { ok: true, data: undefined, message: "Cancelled: it will not be sent." };
  } catch (err) {
    return actionFailure(err, "Cancelling", (e) => logger.error({ err: e }, "cancelling a delivery failed"));
  }
}

export async function settleDeliveryAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("deliveries.manage");
    const parsed = parseOrThrow(ZSettleDelivery, input);
    const done = await settleDelivery(prisma, parsed, staff);
    refresh(parsed.deliveryId);
    const charges = done.chargesPosted.map((c) => `${c.code} ${c.amount}`).join(", ");
    return { ok: true, data: undefined, message: parsed.outcome === "sent"
      ? `Settled as sent.${charges ? ` Processing charge posted: ${charges}.` : ""}`
      : "Settled as not sent: it can now be retried." };
  } catch (err) {
    return actionFailure(err, "Settling", (e) => logger.error({ err: e }, "settling a delivery failed"));
  }
}

export async function retryDeliveryAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("deliveries.manage");
    const parsed = parseOrThrow(ZRetryDelivery, input);
    const queue = getDeliveriesQueue();
    const done = await retryDelivery({ db: prisma, queue, send: sendJobOptions(), onEnqueueFailed: enqueueFailed(parsed.deliveryId) }, parsed, staff);
    refresh(parsed.deliveryId);
    return { ok: true, data: undefined, message: `Queued again for ${done.address}.` };
  } catch (err) {
    return actionFailure(err, "Retrying", (e) => logger.error({ err: e }, "retrying a delivery failed"));
  }
}
