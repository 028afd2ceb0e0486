import Link from "next/link";
import type { LogRow } from "@/lib/deliveries/list-deliveries";
import { formatDateTime } from "@/lib/time/library-date";
import { StatusBadge } from "./status-badge";

export function DeliveryTable(props: { rows: LogRow[]; timeZone: string; scenarioNames: Map<number, string>; backQuery: string }) {
  const { rows, timeZone, scenarioNames } = props;
  const th = "px-3 py-2 font-medium";
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm" data-testid="deliveries-table">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            <th scope="col" className={th}>Created</th>
            <th scope="col" className={th}>Patron</th>
            <th scope="col" className={th}>Recipient</th>
            <th scope="col" className={th}>Scenario</th>
            <th scope="col" className={`${th} text-right`}>Level</th>
            <th scope="col" className={th}>Channel</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Subject</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-zinc-100 align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <Link href={`/notices/deliveries/${r.id}${props.backQuery ? `?${props.backQuery}` : ""}`} className="text-blue-800 underline" aria-label={`Delivery ${r.id}`}>
                  {formatDateTime(r.createdAt, timeZone)}
                </Link>
                <div className="text-xs text-zinc-600">#{r.id} · run {r.runId}</div>
              </td>
              <td className="px-3 py-2">
                <div>{r.patronName}</div>
                <div className="text-xs text-zinc-600 tabular-nums">{r.cardNumber}</div>
              </td>
              <td className="px-3 py-2 break-all">
                <div>{r.address ?? <span className="text-zinc-600">no address</span>}</div>
                <div className="text-xs text-zinc-600">{r.contactKind === "SELF" ? "patron" : `${r.contactKind.toLowerCase()}: ${r.contactName}`}</div>
              </td>
              <td className="px-3 py-2">{r.scenarioIds.map((id) => scenarioNames.get(id) ?? `#${id}`).join(", ") || "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.level ?? "—"}</td>
              <td className="px-3 py-2">{r.channel.toLowerCase()}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <StatusBadge status={r.status} />
                {r.smtpCode !== null && <div className="text-xs text-zinc-600">SMTP {r.smtpCode}</div>}
              </td>
              <td className="px-3 py-2 text-zinc-700">{r.subject ?? <span className="text-zinc-600">not composed yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
