import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/deliveries/status-badge";
import { DeliveryNotices } from "@/components/deliveries/delivery-notices";
import { SentMessageView } from "@/components/deliveries/sent-message-view";
import { DeliveryActions } from "@/components/deliveries/delivery-actions";
import { DeliveryHistory } from "@/components/deliveries/delivery-history";
import { can } from "@/lib/auth/permissions";
import { getDeliveryHistory } from "@/lib/deliveries/get-delivery-history";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { getDelivery } from "@/lib/deliveries/get-delivery";
import { libraryTimeZone } from "@/lib/time/library-time-zone";
import { formatDate, formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Delivery" };

const OUTCOME_TONE: Record<string, string> = { SENT: "text-green-900", TEMPORARY_FAILURE: "text-amber-900", PERMANENT_FAILURE: "text-red-800", UNKNOWN: "text-amber-900", SKIPPED: "text-zinc-700" };

export default async function DeliveryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffForPage("dashboard.view");
  const { id } = await params;
  if (!/^\d{1,10}$/.test(id) || Number(id) > 2147483647) notFound();
  const [found, timeZone] = await Promise.all([getDelivery(prisma, Number(id)), libraryTimeZone(prisma)]);
  if (!found) notFound();
  const { delivery: d, notices, attempts, message } = found;
  const history = await getDeliveryHistory(prisma, d);
  // Back to the log with the filters it came from.
  const back = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const fact = (label: string, value: React.ReactNode) => (
    <div><dt className="text-xs text-zinc-600">{label}</dt><dd className="break-words">{value}</dd></div>
  );
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm"><Link href={`/notices/deliveries${back.size ? `?${back}` : ""}`} className="text-blue-800 underline">Delivery log</Link></p>
        <h1 className="text-2xl font-semibold">Delivery #{d.id} <StatusBadge status={d.status} /></h1>
        <p className="text-sm text-zinc-600">{d.subject ?? "Not composed yet: the subject is set when the message is sent."}</p>
      </div>

      {/* Read-only staff see the page and its history, but no actions (the actions refuse them anyway). */}
      {can(staff.role, "deliveries.manage") && (
        <DeliveryActions deliveryId={d.id} status={d.status} channel={d.channel} attempts={d.attempts} resendCount={history.resends.length} isResend={history.original !== null}
          currentAddress={history.currentAddress} lastError={d.lastError} />
      )}

      <section aria-labelledby="facts" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="facts" className="sr-only">Recipient and outcome</h2>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm md:grid-cols-4">
          {fact("Patron", <>{d.patronName} <span className="tabular-nums text-zinc-600">({d.cardNumber})</span></>)}
          {fact("Recipient", d.contactKind === "SELF" ? "the patron" : `${d.contactKind.toLowerCase()}: ${d.contactName}`)}
          {fact("Address", d.address ?? (d.channel === "PRINT" ? "printed letter" : "none"))}
          {fact("Channel", d.channel.toLowerCase() + (d.printMedia ? ` (${d.printMedia})` : ""))}
          {fact("Run", `#${d.runId}, ${formatDate(d.runDate)}`)}
          {fact("Created", formatDateTime(d.createdAt, timeZone))}
          {fact("Sent", d.sentAt ? formatDateTime(d.sentAt, timeZone) : "—")}
          {fact("Message-ID", <code className="text-xs" data-testid="message-id">{d.messageId ?? "—"}</code>)}
          {d.lastError && fact("Last error", <span className="text-red-800">{d.lastError}</span>)}
        </dl>
      </section>

      <section aria-labelledby="attempts-heading" className="space-y-2">
        <h2 id="attempts-heading" className="text-lg font-semibold">Attempts</h2>
        {attempts.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600">
            No attempt yet. {d.channel === "EMAIL" ? "The worker sends queued email within minutes; this page shows each try and the server's reply." : "Print and SMS deliveries are not sent by the mail worker."}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
            <table className="w-full text-sm" data-testid="attempts-table">
              <thead className="bg-zinc-50 text-left text-zinc-600">
                <tr><th scope="col" className="px-3 py-2">#</th><th scope="col" className="px-3 py-2">Started</th><th scope="col" className="px-3 py-2">Finished</th><th scope="col" className="px-3 py-2">Outcome</th><th scope="col" className="px-3 py-2">SMTP reply</th></tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.attempt} className="border-t border-zinc-100 align-top">
                    <td className="px-3 py-2 tabular-nums">{a.attempt}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(a.startedAt, timeZone)}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(a.finishedAt, timeZone)}</td>
                    <td className={`px-3 py-2 whitespace-nowrap ${OUTCOME_TONE[a.outcome] ?? ""}`}>{a.outcome.toLowerCase().replace("_", " ")}</td>
                    <td className="px-3 py-2 break-all"><code className="text-xs">{a.smtpCode !== null && !a.response?.startsWith(String(a.smtpCode)) ? `${a.smtpCode} ` : ""}{a.response ?? "—"}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <DeliveryHistory history={history} timeZone={timeZone} />

      <DeliveryNotices notices={notices} runId={d.runId} />

      <SentMessageView message={message} status={d.status} timeZone={timeZone} />
    </div>
  );
}
