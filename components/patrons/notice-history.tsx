import type { HistoryDelivery } from "@/lib/patrons/patron-history";
import { formatDateTime } from "@/lib/time/library-date";
import { EmptyNote } from "./empty-note";
import { rowClass, tableClass, tdClass, theadClass, thClass } from "./table-classes";

const STATUS_TONES: Record<string, string> = {
  SENT: "bg-green-100 text-green-900", FAILED: "bg-red-100 text-red-900", UNKNOWN: "bg-amber-100 text-amber-900",
  SKIPPED: "bg-zinc-100 text-zinc-800", CANCELLED: "bg-zinc-100 text-zinc-800", PLANNED: "bg-blue-50 text-blue-900",
  QUEUED: "bg-blue-50 text-blue-900", SENDING: "bg-blue-50 text-blue-900", COVERED: "bg-zinc-100 text-zinc-800",
};

function Status({ value }: { value: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONES[value] ?? "bg-zinc-100 text-zinc-800"}`}>{value.toLowerCase()}</span>;
}

// One row per delivery (a document to one contact over one channel), listing the notices it carried.
export function NoticeHistory({ deliveries, timeZone }: { deliveries: HistoryDelivery[]; timeZone: string }) {
  if (deliveries.length === 0) return <EmptyNote>No notices have been sent to this patron or their contacts.</EmptyNote>;
  return (
    <table className={tableClass} data-testid="patron-history">
      <caption className="sr-only">Notice history, newest first</caption>
      <thead className={theadClass}><tr>
        <th scope="col" className={thClass}>Planned</th><th scope="col" className={thClass}>Notices</th>
        <th scope="col" className={thClass}>To</th><th scope="col" className={thClass}>Channel</th>
        <th scope="col" className={thClass}>Status</th><th scope="col" className={thClass}>Sent</th>
      </tr></thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} className={rowClass} data-testid="history-row">
            <td className={`${tdClass} whitespace-nowrap`}>{formatDateTime(d.createdAt, timeZone)}<div className="text-xs text-zinc-600">run #{d.runId}</div></td>
            <td className={tdClass}>
              <ul>
                {d.notices.map((n) => (
                  <li key={`${n.id}-${n.status}`}>
                    {n.scenario}{n.levels > 1 ? ` #${n.level}` : ""}
                    {n.subjects > 1 && <span className="text-zinc-600"> · {n.subjects} items</span>}{" "}
                    {n.status !== d.status && <Status value={n.status} />}
                  </li>
                ))}
              </ul>
              {d.subject && <div className="text-xs text-zinc-600">“{d.subject}”</div>}
            </td>
            <td className={tdClass}>{d.contactName}<div className="break-all text-xs text-zinc-600">{d.address ?? "postal address"}</div></td>
            <td className={tdClass}>{d.channel === "SMS" ? "SMS" : d.channel.toLowerCase()}</td>
            <td className={tdClass}>
              <Status value={d.status} />
              {d.lastError && <div className="mt-1 text-xs text-red-800">{d.smtpCode ? `${d.smtpCode} ` : ""}{d.lastError}</div>}
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>{d.sentAt ? formatDateTime(d.sentAt, timeZone) : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
