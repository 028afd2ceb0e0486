// What the email page shows before sending: the recipients it suggests (the supplier's order contacts, or for a claim its
// claim contacts, else its order contacts) and the email exactly as the worker will compose it (same function).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { loadNoticeSetup } from "@/lib/notices/load-notice-setup";
import { loadOrder, renderOrderEmail, type OrderEmailWhat } from "./compose-order-email";
import { MAX_CLAIM_LEVEL } from "./request-order-email";

export async function previewOrderEmail(db: PrismaClient, input: { orderId: number; what: "order" | "claim"; again: boolean }) {
  const order = await loadOrder(db, input.orderId);
  if (!order) throw new AppError("NOT_FOUND", `No order ${input.orderId}.`);
  const emails = await db.orderEmail.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" },
    select: { id: true, kind: true, claimLevel: true, resendOfId: true, recipients: true, status: true } });
  const originals = emails.filter((e) => e.resendOfId === null);
  const topClaim = originals.filter((e) => e.kind === "CLAIM").reduce((max, e) => Math.max(max, e.claimLevel ?? 0), 0);
  if (input.what === "claim" && !input.again && topClaim >= MAX_CLAIM_LEVEL) {
    throw new AppError("CONFLICT", `Order ${order.number} has had all ${MAX_CLAIM_LEVEL} claims: send the last one again if it is needed.`);
  }
  if (input.what === "claim" && !order.sentAt) {
    throw new AppError("CONFLICT", `Order ${order.number} has not reached the supplier yet: send the order (again) before claiming it.`);
  }
  const what: OrderEmailWhat = input.what === "claim"
    ? { kind: "CLAIM", level: input.again ? Math.max(topClaim, 1) : Math.min(topClaim + 1, MAX_CLAIM_LEVEL) }
    : { kind: "ORDER" };
  const contacts = order.supplier.contacts.filter((c) => c.email);
  const forOrders = contacts.filter((c) => c.receivesOrders);
  const forClaims = contacts.filter((c) => c.receivesClaims);
  const suggested = (what.kind === "CLAIM" && forClaims.length ? forClaims : forOrders).map((c) => c.email!.toLowerCase());
  const recipients = suggested.length ? suggested : order.supplier.email ? [order.supplier.email.toLowerCase()] : [];
  const setup = await loadNoticeSetup(db);
  const email = await renderOrderEmail(db, setup, order, what, recipients);
  return {
    order, what, emailCount: emails.length, claimLevelsSent: topClaim,
    // Every contact with an address, marked with what they receive: the page's checkboxes, the suggested ones ticked.
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, role: c.role, email: c.email!.toLowerCase(), receivesOrders: c.receivesOrders, receivesClaims: c.receivesClaims })),
    recipients,
    email,
  };
}
