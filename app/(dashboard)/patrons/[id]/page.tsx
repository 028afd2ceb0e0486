import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { NoticeHistory } from "@/components/patrons/notice-history";
import { PatronContacts } from "@/components/patrons/patron-contacts";
import { PatronCharges, PatronLoans, PatronReservations } from "@/components/patrons/patron-holdings";
import { PatronPreviewForm, PatronPreviewLoading, PatronPreviewResult } from "@/components/patrons/patron-preview";
import { Pager } from "@/components/ui/pager";
import { StatCard } from "@/components/ui/stat-card";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { getPatron } from "@/lib/patrons/get-patron";
import { patronHistory } from "@/lib/patrons/patron-history";
import { dayAfter, parseDateParam } from "@/lib/notices/preview-query";
import { formatDate, formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Patron" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

// One patron as circulation staff look them up: details, who their notices go to, what they have and owe, and every
// notice the ledger holds for them, and what a run on a chosen date would send them. Contacts are edited here by staff
// who may manage patrons (the actions check again).
export default async function PatronPage({ params, searchParams }: Props) {
  const staff = await staffForPage("dashboard.view");
  const { id: rawId } = await params;
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(id)) notFound();
  const query = await searchParams;
  const before = query.before;
  const on = parseDateParam(query.on);
  const cursor = typeof before === "string" ? before : undefined;
  const [data, history] = await Promise.all([getPatron(prisma, id), patronHistory(prisma, { patronId: id, before: cursor })]);
  if (!data) notFound();
  const { patron } = data;
  const owed = data.charges.reduce((sum, c) => sum + Number(c.balance), 0);
  const overdue = data.loans.filter((l) => l.isOverdue).length;
  const money = new Intl.NumberFormat("en-GB", { style: "currency", currency: data.currency });
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm"><Link href="/patrons" className="text-blue-800 hover:underline">Patrons</Link></p>
        <h1 className="text-2xl font-semibold">{patron.firstName} {patron.lastName}</h1>
        <p className="text-sm text-zinc-600">Card <span className="tabular-nums">{patron.cardNumber}</span> · {patron.category} · {patron.homeBranch}
          {patron.status !== "ACTIVE" && <> · <span className="font-medium text-amber-800">{patron.status.toLowerCase()}</span></>}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Loans" value={data.loans.length} testId="patron-loan-count" />
        <StatCard label="Overdue" value={overdue} tone={overdue > 0 ? "warn" : "default"} testId="patron-overdue-count" />
        <StatCard label="Reservations" value={data.reservations.length} />
        <StatCard label="Owed" value={money.format(owed)} tone={owed > 0 ? "warn" : "default"} />
      </div>
      <Section id="details" title="Details">
        <dl className="grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-1 rounded-lg border border-zinc-200 bg-white p-4 text-sm">
          <dt className="text-zinc-600">Email</dt><dd className="break-all">{patron.email ?? "none"}</dd>
          <dt className="text-zinc-600">Mobile</dt><dd>{patron.mobile ?? "none"}</dd>
          <dt className="text-zinc-600">Address</dt><dd>{patron.address || "none"}</dd>
          <dt className="text-zinc-600">Language</dt><dd>{patron.preferredLanguage ?? "library default"}</dd>
          <dt className="text-zinc-600">Academic level</dt><dd>{patron.academicLevel ?? "none"}</dd>
          <dt className="text-zinc-600">Library groups</dt><dd>{patron.groups.join(", ") || "none"}</dd>
          <dt className="text-zinc-600">Registered</dt><dd>{formatDate(patron.registeredOn)}</dd>
          <dt className="text-zinc-600">Expires</dt><dd>{formatDate(patron.expiresOn)}</dd>
          <dt className="text-zinc-600">Last activity</dt><dd>{patron.lastActivityAt ? formatDateTime(patron.lastActivityAt, data.timeZone) : "none recorded"}</dd>
        </dl>
      </Section>
      <Section id="contacts" title="Who receives notices">
        <PatronContacts patronId={patron.id} contacts={data.contacts} canManage={can(staff.role, "patrons.manage")} />
      </Section>
      <Section id="would-get" title="What would they get on a date?">
        <p className="text-sm text-zinc-600">What a run on that date would send this patron and their contacts if it ran now, worded as they
          would receive it. Nothing is recorded or sent.</p>
        <PatronPreviewForm patronId={patron.id} value={on.value || dayAfter(data.today)} error={on.error} />
        {on.date && (
          <Suspense key={on.date} fallback={<PatronPreviewLoading date={on.date} />}>
            <PatronPreviewResult patronId={patron.id} date={on.date} timeZone={data.timeZone} />
          </Suspense>
        )}
      </Section>
      <Section id="loans" title="Current loans"><PatronLoans data={data} /></Section>
      <Section id="reservations" title="Reservations"><PatronReservations data={data} /></Section>
      <Section id="charges" title="Unpaid charges"><PatronCharges data={data} /></Section>
      <Section id="history" title="Notice history">
        <p className="text-sm text-zinc-600">Every delivery to the patron and their contacts, newest first. Times in {data.timeZone}.</p>
        <NoticeHistory deliveries={history.deliveries} timeZone={data.timeZone} />
        <Pager label="Notice history pages" firstHref={cursor ? `/patrons/${id}#history` : null} firstLabel="Newest"
          nextHref={history.next ? `/patrons/${id}?before=${history.next}#history` : null} nextLabel="Older" />
      </Section>
    </div>
  );
}
