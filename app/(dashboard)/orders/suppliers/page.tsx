import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { listSuppliers } from "@/lib/suppliers/list-suppliers";
import { ZSupplierListQuery } from "@/lib/suppliers/schemas";

export const metadata: Metadata = { title: "Suppliers" };

// Orders → Suppliers: everyone reads; acquisitions staff and administrators add and change them.
export default async function SuppliersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "orders.manage");
  const query = ZSupplierListQuery.parse(await searchParams);
  const { rows, next } = await listSuppliers(prisma, query);
  const href = (after?: number) => `/orders/suppliers?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.inactive ? { inactive: "1" } : {}), ...(after ? { after: String(after) } : {}) })}`;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/orders" className="text-blue-800 underline underline-offset-2">Orders</Link> <span aria-hidden="true">›</span> Suppliers</nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Suppliers</h1>
          <p className="text-sm text-zinc-600">Who the library orders from, the contacts orders and claims go to, and the library&apos;s account with each.
            {canChange ? "" : " Only acquisitions staff and administrators can change suppliers."}</p>
        </div>
        {canChange && <Link href="/orders/suppliers/new" className={buttonClass("primary")}>Add a supplier</Link>}
      </div>
      <Form action="/orders/suppliers" className="flex flex-wrap items-end gap-3" aria-label="Find suppliers">
        <div>
          <label htmlFor="supplier-q" className="block text-sm font-medium">Name or code</label>
          <input id="supplier-q" name="q" defaultValue={query.q ?? ""} className={inputClass} />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm"><input type="checkbox" name="inactive" value="1" defaultChecked={!!query.inactive} /> Include deactivated</label>
        <button type="submit" className={buttonClass("outline", "mb-0.5")}>Show</button>
      </Form>
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600" data-testid="suppliers-empty" role="status">
          {query.q ? `No supplier matches “${query.q}”. Try part of the name or the code.` : canChange ? "No suppliers yet. Add the first with “Add a supplier”, or send them through the API." : "No suppliers yet. Acquisitions staff add them."}
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="suppliers-table">
          <caption className="sr-only">Suppliers, by name</caption>
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr><th scope="col" className="px-3 py-2">Supplier</th><th scope="col" className="px-3 py-2">Code</th><th scope="col" className="px-3 py-2">Orders go to</th>
              <th scope="col" className="px-3 py-2">Our account</th><th scope="col" className="px-3 py-2">Currency</th></tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className="border-t border-zinc-100 align-top">
                <td className="px-3 py-2"><Link href={`/orders/suppliers/${s.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">{s.name}</Link>
                  {!s.isActive && <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">deactivated</span>}</td>
                <td className="px-3 py-2 font-mono text-xs">{s.code}</td>
                <td className="px-3 py-2">{s.contacts.length ? s.contacts.map((c) => c.email ?? c.name).join(", ") : <span className="text-zinc-600">nobody yet</span>}</td>
                <td className="px-3 py-2">{s.accountNumber ?? <span className="text-zinc-600">none</span>}</td>
                <td className="px-3 py-2">{s.currency}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager label="Supplier pages" firstHref={query.after ? href() : null} nextHref={next ? href(next) : null} />
    </div>
  );
}
