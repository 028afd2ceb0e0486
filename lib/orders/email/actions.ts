"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma, sqlPool } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { getDeliveriesQueue, sendJobOptions } from "@/lib/jobs/producer";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { saveClaimSettings } from "./claim-settings";
import { enqueueOrderEmails } from "./enqueue-order-emails";
import { planClaims } from "./plan-claims";
import { requestOrderEmail } from "./request-order-email";
import { ZClaimSettings, ZRequestOrderEmail, ZRunClaims } from "./schemas";

// Thin: parse, authorise (orders.manage; the use-cases check it again where they are also called from elsewhere),
// one use-case, refresh the pages that show it.
const failure = (what: string) => (err: unknown) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

export async function requestOrderEmailAction(input: unknown): Promise<ActionResult<{ emailId: number }>> {
  try {
    const staff = await requireStaff("orders.manage");
    const parsed = parseOrThrow(ZRequestOrderEmail, input);
    const done = await requestOrderEmail({
      db: prisma, queue: getDeliveriesQueue(), send: sendJobOptions(),
      onEnqueueFailed: (err) => logger.warn({ err, orderId: parsed.orderId }, "could not enqueue the order email now: the sweep will"),
    }, parsed, staff);
    revalidatePath("/orders", "layout");
    const what = done.kind === "CLAIM" ? `Claim ${done.claimLevel} for order ${done.number}` : `Order ${done.number}`;
    return { ok: true, data: { emailId: done.id }, message: `${what} is on its way to ${parsed.recipients.join(", ")}.` };
  } catch (err) {
    return failure("Sending the email")(err);
  }
}

export async function runClaimsAction(input: unknown): Promise<ActionResult<{ claims: number }>> {
  try {
    const staff = await requireStaff("orders.manage");
    const parsed = parseOrThrow(ZRunClaims, input);
    const pool = sqlPool(prisma);
    const pass = await planClaims(pool, { runDate: parsed.runDate, key: `staff:${parsed.requestKey}`, requestedBy: staff.email, staffId: staff.id });
    if (pass.claims.length) {
      await enqueueOrderEmails(pool, getDeliveriesQueue(), pass.claims.map((c) => c.id), sendJobOptions())
        .catch((err) => logger.warn({ err }, "could not enqueue the claims now: the sweep will"));
    }
    revalidatePath("/orders", "layout");
    const n = pass.claims.length;
    return { ok: true, data: { claims: n }, message: pass.runId === null ? "This form was already used: reload the page." : n ? `${n} claim${n === 1 ? "" : "s"} on ${parsed.runDate}: on their way.` : `No order is due a claim on ${parsed.runDate}.` };
  } catch (err) {
    return failure("Running claims")(err);
  }
}

export async function saveClaimSettingsAction(input: unknown): Promise<ActionResult> {
  try {
    const staff = await requireStaff("orders.manage");
    const { changed } = await saveClaimSettings(prisma, parseOrThrow(ZClaimSettings, input), staff);
    revalidatePath("/orders", "layout");
    return { ok: true, data: undefined, message: changed ? "Claim settings saved." : "No change." };
  } catch (err) {
    return failure("Saving the claim settings")(err);
  }
}

/** A fresh one-off key for a form (made on the server when the page renders). */
export async function newRequestKey(): Promise<string> {
  return randomUUID();
}
