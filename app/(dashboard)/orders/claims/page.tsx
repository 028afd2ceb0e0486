import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { ClaimSettingsForm } from "@/components/orders/claim-settings-form";
import { EmailStatus } from "@/components/orders/email-status";
import { orderEmailWhat } from "@/components/orders/order-email-list";
import { RunClaimsForm } from "@/components/orders/run-claims-form";
import { Pager } from "@/components/ui/pager";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { readClaimSettings } from "@/lib/orders/email/claim-settings";
import { listClaims } from "@/lib/orders/email/list-claims";
import { SUPPLIER_CLAIM_TEMPLATE, SUPPLIER_ORDER_TEMPLATE } from "@/lib/notices/default-scenarios";
import { formatDate, formatDateTime, localDate } from "@/lib/time/library-date";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const metadata: Metadata = { title: "Claims" };

// Claims: the settings of the daily claims, a pass run by hand for a chosen date, and the claims sent lately. Everyone
// reads; acquisitions staff and administrators change the settings and run claims.
export default async function ClaimsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffForPage("dashboard.view");
  const canChange = can(staff.role, "orders.manage");
  const { after: afterParam } = await searchParams;
  const after = typeof afterParam === "string" && /^\d{1,9}$/.test(afterParam) ? Number(afterParam) : undefined;
  const [settings, templates, tz, { rows, next }] = await Promise.all([
    readClaimSettings(prisma),
    prisma.template.findMany({ where: { family: "SUPPLIER_ORDER" }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    libraryTimeZone(prisma),
    listClaims(prisma, { after }),
  ]);
  const staffNames = Object.fromEntries((await prisma.staffUser.findMany({
    where: { email: { in: [...new Set(rows.map((r) => r.requestedBy))] } }, select: { email: true, name: true } })).map((s) => [s.email, s.name]));
  const href = (a?: number) => `/orders/claims${a ? `?after=${a}` : ""}`;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/orders" className="text-blue-800 underline underline-offset-2">Orders</Link> <span aria-hidden="true">›</span> Claims</nav>
      <div>
        <h1 className="text-2xl font-semibold">Claims</h1>
        <div className="max-w-3xl space-y-1 text-sm text-zinc-600">
          <p>An order not fully received N days after it was sent (N is set per supplier, “Claim after (days)”) is claimed: the supplier&apos;s
            claims contacts (else its order contacts) get an email listing the copies still to come. If nothing more arrives, the next claim
            goes N days after the one before, up to the number of claims set below. A received or cancelled order is never claimed.</p>
          <p>{settings.claimsEnabled ? `Claims go out every day at ${settings.claimsRunAt} (${tz}).` : "Claims do not go out by themselves at the moment."}
            {canChange ? "" : " Only acquisitions staff and administrators can change these settings or run claims."}</p>
        </div>
      </div>
      <ClaimSettingsForm canChange={canChange} timeZone={tz} templates={templates} defaults={{ order: SUPPLIER_ORDER_TEMPLATE.name, claim: SUPPLIER_CLAIM_TEMPLATE.name }}
        values={{ claimsEnabled: settings.claimsEnabled, claimsRunAt: settings.claimsRunAt, maxClaimLevel: settings.maxClaimLevel, orderTemplateId: settings.orderTemplateId, claimTemplateId: settings.claimTemplateId }} />
      {canChange && <RunClaimsForm today={localDate(tz)} requestKey={randomUUID()} />}
      <section aria-labelledby="recent-claims" className="space-y-2">
        <h2 id="recent-claims" className="text-lg font-semibold">Claims sent</h2>
        {rows.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600" data-testid="claims-empty">
            {after ? "No older claims." : "No claim yet. Claims show here as they go out, with how each went."}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
            <table className="w-full text-sm" data-testid="claims-table">
              <caption className="sr-only">Claims, newest first</caption>
              <thead className="bg-zinc-50 text-left text-zinc-600">
                <tr><th scope="col" className="px-3 py-2">Order</th><th scope="col" className="px-3 py-2">Supplier</th><th scope="col" className="px-3 py-2">Claim</th>
                  <th scope="col" className="px-3 py-2">To</th><th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2">Claimed for</th>
                  <th scope="col" className="px-3 py-2">Sent</th><th scope="col" className="px-3 py-2">By</th></tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id} className="border-t border-zinc-100 align-top">
                    <td className="px-3 py-2"><Link href={`/orders/${c.order.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">{c.order.number}</Link></td>
                    <td className="px-3 py-2">{c.order.supplier.name}</td>
                    <td className="px-3 py-2">{orderEmailWhat({ kind: "CLAIM", claimLevel: c.claimLevel, resendOfId: c.resendOfId, reason: c.reason })}</td>
                    <td className="px-3 py-2 break-all">{c.recipients.join(", ")}</td>
                    <td className="whitespace-nowrap px-3 py-2"><EmailStatus status={c.status} /></td>
                    <td className="whitespace-nowrap px-3 py-2">{c.claimDate ? formatDate(c.claimDate.toISOString().slice(0, 10)) : "—"}</td>
                    <td className="whitespace-nowrap px-3 py-2">{c.sentAt ? formatDateTime(c.sentAt, tz) : "—"}</td>
                    <td className="px-3 py-2">{c.requestedBy === "claims schedule" ? "the daily claims" : staffNames[c.requestedBy] ?? c.requestedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager label="Claim pages" firstHref={after ? href() : null} nextHref={next ? href(next) : null} nextLabel="Older claims" firstLabel="Newest claims" />
      </section>
    </div>
  );
}
