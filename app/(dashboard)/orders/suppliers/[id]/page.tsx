import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SupplierForm, type SupplierFormValues } from "@/components/suppliers/supplier-form";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Supplier" };

// One supplier (or "new"): details, account, currency, claim period and contacts.
export default async function SupplierPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ added?: string }> }) {
  const [{ id }, { added }] = await Promise.all([props.params, props.searchParams]);
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "orders.manage");
  if (id === "new" && !canChange) notFound();
  const supplierId = id === "new" ? null : /^\d{1,9}$/.test(id) ? Number(id) : notFound();
  const supplier = supplierId ? await prisma.supplier.findUnique({ where: { id: supplierId }, include: { contacts: { orderBy: { id: "asc" } } } }) : null;
  if (supplierId && !supplier) notFound();
  const settings = await prisma.librarySettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  const s = (v: string | null | undefined) => v ?? "";
  const values: SupplierFormValues = supplier
    ? { id: supplier.id, code: supplier.code, name: supplier.name, email: s(supplier.email), phone: s(supplier.phone), address: s(supplier.address),
        accountNumber: s(supplier.accountNumber), currency: supplier.currency, claimPeriodDays: String(supplier.claimPeriodDays), isActive: supplier.isActive,
        contacts: supplier.contacts.map((c) => ({ name: c.name, role: s(c.role), email: s(c.email), phone: s(c.phone), receivesOrders: c.receivesOrders, receivesClaims: c.receivesClaims })) }
    : { code: "", name: "", email: "", phone: "", address: "", accountNumber: "", currency: settings?.currency ?? "GBP", claimPeriodDays: "30", isActive: true,
        contacts: [{ name: "", role: "", email: "", phone: "", receivesOrders: true, receivesClaims: true }] };
  const title = supplier?.name ?? "New supplier";
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/orders/suppliers" className="text-blue-800 underline underline-offset-2">Suppliers</Link> <span aria-hidden="true">›</span> {title}</nav>
      <h1 className="text-2xl font-semibold">{title}{supplier && !supplier.isActive && <span className="ml-2 align-middle text-sm font-normal text-zinc-600">(deactivated)</span>}</h1>
      {added && <p className="text-sm text-emerald-700" role="status">Added {supplier?.name}.</p>}
      {!canChange && <p className="text-sm text-zinc-600">Only acquisitions staff and administrators can change suppliers.</p>}
      <SupplierForm key={supplier?.id ?? "new"} values={values} canChange={canChange} />
    </div>
  );
}
