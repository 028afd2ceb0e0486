import Link from "next/link";
import { actorLabel } from "@/lib/audit/actor";
import { DELIVERY_ACTION_TITLES, describeDeliveryAction } from "@/lib/audit/describe-delivery-action";
import type { ChainLink, getDeliveryHistory } from "@/lib/deliveries/get-delivery-history";
import type { DeliveryStatus } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/time/library-date";
import { StatusBadge } from "./status-badge";

type History = Awaited<ReturnType<typeof getDeliveryHistory>>;

// The resend chain (this is a resend of #…, resent as #…) and what staff did to this delivery, who and why.
export function DeliveryHistory({ history, timeZone }: { history: History; timeZone: string }) {
  const { original, resends, actions } = history;
  const link = (d: ChainLink) => (
    <><Link href={`/notices/deliveries/${d.id}`} className="text-blue-800 underline">delivery #{d.id}</Link>{" "}
      <StatusBadge status={d.status as DeliveryStatus} /> <span className="text-zinc-600">{formatDateTime(d.createdAt, timeZone)}{d.address ? `, to ${d.address}` : ""}</span></>
  );
  if (!original && resends.length === 0 && actions.length === 0) return null;
  return (
    <section aria-labelledby="history-heading" className="space-y-2" data-testid="delivery-history">
      <h2 id="history-heading" className="text-lg font-semibold">Staff actions and resends</h2>
      <div className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4 text-sm">
        {original && <p data-testid="resend-of">This is a resend of {link(original)}.</p>}
        {resends.length > 0 && (
          <div data-testid="resent-as">
            <p>Resent as:</p>
            <ul className="ml-5 list-disc">{resends.map((r) => <li key={r.id}>{link(r)}</li>)}</ul>
          </div>
        )}
        {actions.length > 0 && (
          <ul className="space-y-2" data-testid="delivery-actions-log">
            {actions.map((a) => (
              <li key={String(a.id)} className="border-t border-zinc-100 pt-2 first:border-0 first:pt-0">
                <span className="font-medium">{DELIVERY_ACTION_TITLES[a.action] ?? a.action}</span>{" "}
                <span className="text-zinc-600">by {actorLabel(a)}, {formatDateTime(a.at, timeZone)}</span>
                <ul className="text-zinc-800">{describeDeliveryAction(a.action, a.details).map((line, i) => <li key={i}>{line}</li>)}</ul>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
