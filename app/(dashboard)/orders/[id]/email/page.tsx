import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SendOrderEmailForm } from "@/components/orders/send-order-email-form";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { mailFrom } from "@/lib/mail/mail-from";
import { loadNoticeSetup } from "@/lib/notices/load-notice-setup";
import { previewOrderEmail } from "@/lib/orders/email/preview-order-email";
import { MAX_CLAIM_LEVEL } from "@/lib/orders/email/request-order-email";

export const metadata: Metadata = { title: "Email the supplier" };

// Email an order to its supplier, claim it, or send either again: recipients, the reason (when again), and the email
// exactly as it will go (the worker composes it with the same function), then Send. Acquisitions staff only.
export default async function OrderEmailPage(props: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await props.params;
  const staff = await staffForPage("dashboard.view");
  if (!can(staff.role, "orders.manage")) notFound();
  if (!/^\d{1,9}$/.test(id)) notFound();
  const query = await props.searchParams;
  const what = query.what === "claim" ? "claim" : "order";
  const again = query.again === "1";
  const order = await prisma.purchaseOrder.findUnique({ where: { id: Number(id) }, include: { supplier: true, lines: { select: { quantity: true, receivedQuantity: true } } } });
  if (!order) notFound();
  const originals = await prisma.orderEmail.findMany({ where: { orderId: order.id, resendOfId: null }, select: { kind: true, claimLevel: true } });
  const orderEmailed = originals.some((e) => e.kind === "ORDER");
  const topClaim = originals.reduce((max, e) => (e.kind === "CLAIM" ? Math.max(max, e.claimLevel ?? 0) : max), 0);
  const level = again ? topClaim : topClaim + 1;
  const title = what === "order" ? (again ? `Send order ${order.number} again` : `Email order ${order.number}`)
    : again ? `Send claim ${level} for order ${order.number} again` : `Claim order ${order.number} (claim ${level})`;

  // The request would be refused as things are: say why here rather than after a Send.
  let refused: string | null = null;
  if (order.status === "CANCELLED") refused = `Order ${order.number} is cancelled: nothing is sent for it.`;
  else if (what === "order" && !again && (orderEmailed || order.status !== "DRAFT")) refused = `Order ${order.number} has been emailed already. To email it again, use “Send the order again” on the order page and say why.`;
  else if (what === "order" && !again && !order.supplier.isActive) refused = `${order.supplier.name} is deactivated: reactivate the supplier, or choose another one for this draft.`;
  else if (what === "order" && again && !orderEmailed) refused = `Order ${order.number} has not been emailed yet: use “Email order” on the order page.`;
  else if (what === "claim" && order.status !== "SENT" && order.status !== "PARTIALLY_RECEIVED") refused = `Only a sent or partly received order can be claimed; order ${order.number} is ${order.status === "DRAFT" ? "a draft" : "received"}.`;
  else if (what === "claim" && !order.sentAt) refused = `Order ${order.number} has not reached the supplier yet (its email is waiting to send, or failed): a claim can follow once it has.`;
  else if (what === "claim" && !order.lines.some((l) => l.receivedQuantity < l.quantity)) refused = `Nothing to claim: every copy on order ${order.number} has been received.`;
  else if (what === "claim" && !again && topClaim >= MAX_CLAIM_LEVEL) refused = `Order ${order.number} has had all ${MAX_CLAIM_LEVEL} claims. Send the last one again if it is needed.`;
  else if (what === "claim" && again && topClaim === 0) refused = `Order ${order.number} has not been claimed yet: use “Claim now” on the order page.`;

  let preview: Awaited<ReturnType<typeof previewOrderEmail>> | null = null;
  if (!refused) {
    try {
      preview = await previewOrderEmail(prisma, { orderId: order.id, what, again });
    } catch (err) {
      if (!(err instanceof AppError) || err.code === "NOT_FOUND") throw err;
      refused = err.message;
    }
  }
  const setup = preview ? await loadNoticeSetup(prisma) : null;
  const from = setup ? mailFrom(setup.library, env.MAIL_FROM) : null;
  const contactEmails = preview?.contacts.map((c) => c.email) ?? [];

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/orders" className="text-blue-800 underline underline-offset-2">Orders</Link> <span aria-hidden="true">›</span>{" "}
        <Link href={`/orders/${order.id}`} className="text-blue-800 underline underline-offset-2">{order.number}</Link> <span aria-hidden="true">›</span> {what === "claim" ? "Claim" : "Email"}
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">{title}</h1>
        <p className="text-sm text-zinc-600">
          To {order.supplier.name}.{" "}
          {what === "order" && !again && "Once sent, the order is placed: its lines can no longer be changed. "}
          {what === "claim" && "A claim lists only the lines with copies still to come, with how many were ordered and received. "}
          {again && "A new email, with the same content as of today, goes to the addresses below. "}
          The email is shown below exactly as it will go, with the lines attached as a spreadsheet file (CSV).
        </p>
      </div>
      {refused || !preview ? (
        <div className="space-y-3">
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="email-refused">{refused}</p>
          <Link href={`/orders/${order.id}`} className={buttonClass("outline")}>Back to the order</Link>
        </div>
      ) : (
        <SendOrderEmailForm orderId={order.id} what={what} again={again} requestKey={randomUUID()} expectedEmails={preview.emailCount}
          contacts={preview.contacts} suggested={preview.recipients.filter((r) => contactEmails.includes(r))}
          otherSuggested={preview.recipients.filter((r) => !contactEmails.includes(r))}
          sendLabel={what === "claim" ? "Send claim" : "Send order"}>
          <dl className="grid gap-1 text-sm">
            <div><dt className="inline text-zinc-600">From: </dt><dd className="inline">{typeof from === "string" ? from : `${from!.name} <${from!.address}>`}</dd></div>
            <div><dt className="inline text-zinc-600">Subject: </dt><dd className="inline font-medium" data-testid="preview-subject">{preview.email.subject}</dd></div>
          </dl>
          <iframe title={`The ${what === "claim" ? "claim" : "order"} email as the supplier will see it`} srcDoc={preview.email.html} sandbox=""
            className="h-[32rem] w-full rounded border border-zinc-200" data-testid="preview-html" />
          <div className="space-y-1 text-sm">
            <p>
              <span className="text-zinc-600">Attached: </span>
              <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(preview.email.csv)}`} download={preview.email.filename}
                className="font-mono text-blue-800 underline" data-testid="preview-attachment">{preview.email.filename}</a>
            </p>
            <details>
              <summary className="cursor-pointer text-blue-800">Show the attached file&apos;s text</summary>
              <pre className="mt-2 max-h-64 overflow-auto whitespace-pre rounded bg-zinc-50 p-3 text-xs" data-testid="preview-csv">{preview.email.csv}</pre>
            </details>
            <details>
              <summary className="cursor-pointer text-blue-800">Show the plain-text version</summary>
              <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-3 text-xs">{preview.email.text}</pre>
            </details>
          </div>
        </SendOrderEmailForm>
      )}
    </div>
  );
}
