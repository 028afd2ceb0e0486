import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CancelOrderButton } from "@/components/orders/cancel-order-button";
import { OrderForm, type OrderFormValues } from "@/components/orders/order-form";
import { EMPTY_LINE } from "@/components/orders/order-line-fields";
import { OrderEmailList } from "@/components/orders/order-email-list";
import { ReceiveForm } from "@/components/orders/receive-form";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { MAX_CLAIM_LEVEL } from "@/lib/orders/email/request-order-email";
import { hyphenateIsbn } from "@/lib/orders/isbn";
import { STATUS_LABELS } from "@/lib/orders/schemas";
import { formatMoney, orderTotals, toCents } from "@/lib/orders/totals";
import { formatDateTime } from "@/lib/time/library-date";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const metadata: Metadata = { title: "Order" };

// One purchase order (or "new"). A draft is edited here by acquisitions staff; a sent order is received here.
// Everyone else reads it.
export default async function OrderPage(props: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await props.params;
  const { emailed } = await props.searchParams;
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "orders.manage");
  if (id === "new" && !canChange) notFound();
  const orderId = id === "new" ? null : /^\d{1,9}$/.test(id) ? Number(id) : notFound();
  const order = orderId ? await prisma.purchaseOrder.findUnique({ where: { id: orderId }, include: { supplier: true, lines: { orderBy: { lineNo: "asc" } } } }) : null;
  if (orderId && !order) notFound();
  const editing = canChange && (!order || order.status === "DRAFT");
  const suppliers = editing
    ? await prisma.supplier.findMany({ where: { OR: [{ isActive: true }, ...(order ? [{ id: order.supplierId }] : [])] }, orderBy: { name: "asc" }, select: { id: true, name: true, currency: true } })
    : [];
  const tz = await libraryTimeZone(prisma);
  const title = order ? `Order ${order.number}` : "New order";
  const values: OrderFormValues = order
    ? { id: order.id, supplierId: String(order.supplierId), taxRate: order.taxRate.toString(), notes: order.notes ?? "",
        lines: order.lines.map((l) => ({ title: l.title, author: l.author ?? "", isbn: l.isbn ?? "", quantity: String(l.quantity), unitPrice: l.unitPrice.toFixed(2), fund: l.fund ?? "", note: l.note ?? "" })) }
    : { supplierId: "", taxRate: "0", notes: "", lines: [EMPTY_LINE] };
  const totals = order ? orderTotals(order.lines, order.taxRate) : null;
  const mail = order ? await orderMail(order, canChange, typeof emailed === "string" ? emailed : undefined) : null;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/orders" className="text-blue-800 underline underline-offset-2">Orders</Link> <span aria-hidden="true">›</span> {order?.number ?? "New order"}</nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {order && <p className="text-sm text-zinc-600" data-testid="order-summary">
            <span className="font-medium text-zinc-800">{STATUS_LABELS[order.status]}</span> · {order.supplier.name} · created {formatDateTime(order.createdAt, tz)}
            {order.sentAt ? ` · sent ${formatDateTime(order.sentAt, tz)}` : ""}</p>}
        </div>
        {order && canChange && ["DRAFT", "SENT", "PARTIALLY_RECEIVED"].includes(order.status) && <CancelOrderButton orderId={order.id} number={order.number} wasSent={order.status !== "DRAFT"} />}
      </div>
      {mail?.justSent && <p role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900" data-testid="order-email-requested">{mail.justSent}</p>}
      {mail?.orderFailed && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="order-email-failed">
          <p className="font-medium">The supplier has not received this order: its email could not be delivered.</p>
          <p>The reply was: <code className="text-xs">{mail.orderFailed.reply}</code>. Check the addresses on <Link href={`/orders/suppliers/${order!.supplierId}`} className="underline">the supplier&apos;s page</Link>{canChange ? ", then use “Send the order again”" : " and tell acquisitions staff"}. Until it is sent, no claim goes out for it.</p>
        </div>
      )}
      {mail && mail.actions.length > 0 && (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Email the supplier">
          {mail.actions.map((a) => <Link key={a.href} href={a.href} className={buttonClass(a.primary ? "primary" : "outline")}>{a.label}</Link>)}
        </div>
      )}
      {!canChange && <p className="text-sm text-zinc-600">Only acquisitions staff and administrators can change or receive orders.</p>}
      {editing ? (
        suppliers.length ? <OrderForm key={order?.id ?? "new"} values={values} suppliers={suppliers} />
          : <p className="rounded-md border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600">No active supplier yet: <Link href="/orders/suppliers/new" className="text-blue-800 underline">add a supplier</Link> first.</p>
      ) : order && (
        <>
          <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="order-lines">
            <caption className="sr-only">Lines of order {order.number}</caption>
            <thead className="bg-zinc-50 text-left text-zinc-600">
              <tr><th scope="col" className="px-3 py-2">#</th><th scope="col" className="px-3 py-2">Title</th><th scope="col" className="px-3 py-2">ISBN</th><th scope="col" className="px-3 py-2">Fund</th>
                <th scope="col" className="px-3 py-2 text-right">Ordered</th><th scope="col" className="px-3 py-2 text-right">Received</th><th scope="col" className="px-3 py-2 text-right">Unit price</th><th scope="col" className="px-3 py-2 text-right">Line total</th></tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.id} className="border-t border-zinc-100 align-top">
                  <td className="px-3 py-2 tabular-nums">{l.lineNo}</td>
                  <td className="px-3 py-2">{l.title}{l.author && <div className="text-xs text-zinc-600">{l.author}</div>}{l.note && <div className="text-xs text-zinc-600">Note: {l.note}</div>}</td>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{l.isbn ? hyphenateIsbn(l.isbn) : ""}</td>
                  <td className="px-3 py-2">{l.fund}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.quantity}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.receivedQuantity}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(toCents(l.unitPrice), order.currency)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(l.quantity * toCents(l.unitPrice), order.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {totals && (
            <dl className="ml-auto grid max-w-xs grid-cols-2 gap-x-4 text-sm" data-testid="order-totals">
              <dt>Subtotal</dt><dd className="text-right tabular-nums">{formatMoney(totals.subtotal, order.currency)}</dd>
              <dt>Tax ({order.taxRate.toString()} %)</dt><dd className="text-right tabular-nums">{formatMoney(totals.tax, order.currency)}</dd>
              <dt className="font-medium">Total</dt><dd className="text-right font-medium tabular-nums">{formatMoney(totals.total, order.currency)}</dd>
            </dl>
          )}
          {canChange && (order.status === "SENT" || order.status === "PARTIALLY_RECEIVED") && <ReceiveForm orderId={order.id} lines={order.lines.map((l) => ({ id: l.id, lineNo: l.lineNo, title: l.title, quantity: l.quantity, receivedQuantity: l.receivedQuantity }))} />}
        </>
      )}
      {order?.status === "DRAFT" && <p className="text-sm text-zinc-600">A draft is not sent anywhere yet.{canChange ? " “Email order” shows the email before it goes; once sent, the order’s lines can no longer be changed." : ""}</p>}
      {order && mail && <OrderEmailList emails={mail.emails} staffNames={mail.staffNames} timeZone={tz} />}
    </div>
  );
}

type LoadedOrder = { id: number; number: string; status: string; sentAt: Date | null; lines: { quantity: number; receivedQuantity: number }[] };

// The order's emails (newest first), the buttons acquisitions staff may use now, and a failed order email called out.
async function orderMail(order: LoadedOrder, canChange: boolean, emailed: string | undefined) {
  const emails = await prisma.orderEmail.findMany({ where: { orderId: order.id }, orderBy: { id: "desc" },
    select: { id: true, kind: true, claimLevel: true, resendOfId: true, reason: true, recipients: true, status: true, smtpCode: true, reply: true, sentAt: true, createdAt: true, requestedBy: true } });
  const staff = await prisma.staffUser.findMany({ where: { email: { in: [...new Set(emails.map((e) => e.requestedBy))] } }, select: { email: true, name: true } });
  const staffNames = Object.fromEntries(staff.map((s) => [s.email, s.name]));
  const orderEmails = emails.filter((e) => e.kind === "ORDER");
  const latestOrder = orderEmails[0];
  const orderFailed = latestOrder?.status === "FAILED" && !orderEmails.some((e) => e.status === "SENT") ? { reply: latestOrder.reply ?? "no reply recorded" } : null;
  const topClaim = emails.filter((e) => e.kind === "CLAIM" && e.resendOfId === null).reduce((max, e) => Math.max(max, e.claimLevel ?? 0), 0);
  const outstanding = order.lines.some((l) => l.receivedQuantity < l.quantity);
  // Claimable once the supplier's server has accepted the order (a claim says when it was sent).
  const open = (order.status === "SENT" || order.status === "PARTIALLY_RECEIVED") && order.sentAt !== null;
  const base = `/orders/${order.id}/email`;
  const actions: { label: string; href: string; primary?: boolean }[] = [];
  if (canChange) {
    if (order.status === "DRAFT" && !orderEmails.length) actions.push({ label: "Email order", href: `${base}?what=order`, primary: true });
    if (open && outstanding && topClaim < MAX_CLAIM_LEVEL) actions.push({ label: topClaim ? `Claim now (claim ${topClaim + 1})` : "Claim now", href: `${base}?what=claim`, primary: !orderFailed });
    if (order.status !== "CANCELLED" && orderEmails.length) actions.push({ label: "Send the order again", href: `${base}?what=order&again=1`, primary: !!orderFailed });
    if (open && outstanding && topClaim > 0) actions.push({ label: `Send claim ${topClaim} again`, href: `${base}?what=claim&again=1` });
  }
  // Back from the email page: what was asked for, from the row itself (so a reload says the same).
  const asked = emailed && /^\d{1,9}$/.test(emailed) ? emails.find((e) => e.id === Number(emailed)) : undefined;
  const what = asked ? `${asked.kind === "CLAIM" ? `Claim ${asked.claimLevel} for order ${order.number}` : `Order ${order.number}`}${asked.resendOfId ? " (sent again)" : ""}` : "";
  const to = asked?.recipients.join(", ");
  const justSent = !asked || asked.status === "FAILED" ? null
    : asked.status === "SENT" ? `${what} was sent to ${to}: the supplier's mail server accepted it.`
    : `${what} is on its way to ${to}. How it went shows under “Emails to the supplier” (reload the page to see it).`;
  return { emails, staffNames, orderFailed, actions, justSent };
}
