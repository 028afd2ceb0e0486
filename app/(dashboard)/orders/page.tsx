import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { listOrders } from "@/lib/orders/list-orders";
import { ORDER_STATUSES, STATUS_LABELS, ZOrderListQuery } from "@/lib/orders/schemas";
import { formatMoney } from "@/lib/orders/totals";
import { formatDateTime } from "@/lib/time/library-date";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const metadata: Metadata = { title: "Orders" };

// Purchase orders, newest first, by status. Everyone reads; acquisitions staff and administrators create and receive.
export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "orders.manage");
  const query = ZOrderListQuery.parse(await searchParams);
  const [{ rows, next }, tz] = await Promise.all([listOrders(prisma, query), libraryTimeZone(prisma)]);
  // The home page's "Supplier emails not delivered" opens this list filtered (?email=problem); the status pills keep it.
  const email = query.email;
  const href = (status?: string, after?: number) =>
    `/orders?${new URLSearchParams({ ...(status ? { status } : {}), ...(email ? { email } : {}), ...(after ? { after: String(after) } : {}) })}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Orders</h1>
          <p className="text-sm text-zinc-600">Purchase orders to suppliers: drafts, orders sent, and what has arrived.
            {canChange ? "" : " Only acquisitions staff and administrators can create or receive orders."}</p>
        </div>
        <div className="flex gap-2">
          <Link href="/orders/suppliers" className={buttonClass("outline")}>Suppliers</Link>
          <Link href="/orders/claims" className={buttonClass("outline")}>Claims</Link>
          {canChange && <Link href="/orders/new" className={buttonClass("primary")}>New order</Link>}
        </div>
      </div>
      <nav aria-label="Order status" className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...ORDER_STATUSES].map((s) => (
          <Link key={s ?? "all"} href={href(s)} aria-current={query.status === s ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${query.status === s ? "border-blue-800 bg-blue-800 text-white" : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50"}`}>
            {s ? STATUS_LABELS[s] : "All"}
          </Link>
        ))}
      </nav>
      {email && (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="orders-email-filter">
          Only orders whose last email to the supplier (the order or a claim) was refused or may not have arrived. Open one to
          see the server&apos;s reply, correct the supplier&apos;s contact if needed, then send it again.{" "}
          <Link href={`/orders?${new URLSearchParams(query.status ? { status: query.status } : {})}`} className="text-blue-800 underline">Show every order</Link>
        </p>
      )}
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600" data-testid="orders-empty" role="status">
          {email ? "No order is waiting for an email to be sent again." : query.status ? `No ${STATUS_LABELS[query.status].toLowerCase()} orders.` : "No orders yet."}{" "}
          {canChange ? "Start one with “New order” (add the supplier first under Suppliers), or send orders through the API." : ""}
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="orders-table">
          <caption className="sr-only">Orders, newest first</caption>
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr><th scope="col" className="px-3 py-2">Order</th><th scope="col" className="px-3 py-2">Supplier</th><th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2 text-right">Lines</th><th scope="col" className="px-3 py-2 text-right">Received</th>
              <th scope="col" className="px-3 py-2 text-right">Total</th><th scope="col" className="px-3 py-2">Created</th></tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id} className="border-t border-zinc-100">
                <td className="px-3 py-2"><Link href={`/orders/${o.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">{o.number}</Link></td>
                <td className="px-3 py-2">{o.supplier.name}</td>
                <td className="px-3 py-2">{STATUS_LABELS[o.status]}</td>
                <td className="px-3 py-2 text-right tabular-nums">{o.lineCount}</td>
                <td className="px-3 py-2 text-right tabular-nums">{o.received} of {o.ordered}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(o.totals.total, o.currency)}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(o.createdAt, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Order pages" firstHref={query.after ? href(query.status) : null} nextHref={next ? href(query.status, next) : null} />
    </div>
  );
}
