import type { DeliveryNoticeRow } from "@/lib/deliveries/get-delivery";

// The notices a delivery carries, one row per loan, reservation or charge; notices of earlier runs it lists again
// (an escalation's loans below their level) are marked as such.
export function DeliveryNotices({ notices, runId }: { notices: DeliveryNoticeRow[]; runId: number }) {
  return (
    <section aria-labelledby="notices-heading" className="space-y-2">
      <h2 id="notices-heading" className="text-lg font-semibold">Notices and items</h2>
      {notices.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-4 text-sm text-zinc-600">
          This delivery names no notice that is still in the ledger (its month may have passed the retention period in Settings).
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-sm" data-testid="notices-table">
            <thead className="bg-zinc-50 text-left text-zinc-600">
              <tr>
                <th scope="col" className="px-3 py-2">Notice</th><th scope="col" className="px-3 py-2">Scenario</th>
                <th scope="col" className="px-3 py-2 text-right">Level</th><th scope="col" className="px-3 py-2">About</th>
                <th scope="col" className="px-3 py-2">Due / date</th><th scope="col" className="px-3 py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n, i) => (
                <tr key={`${n.noticeId}-${i}`} className="border-t border-zinc-100 align-top">
                  <td className="px-3 py-2 tabular-nums">
                    #{n.noticeId}
                    {n.runId !== runId && <div className="text-xs text-zinc-600">listed again (run {n.runId})</div>}
                  </td>
                  <td className="px-3 py-2">{n.scenarioName ?? "—"} <span className="text-xs text-zinc-600">({n.kind})</span></td>
                  <td className="px-3 py-2 text-right tabular-nums">{n.level}</td>
                  <td className="px-3 py-2">
                    {n.title ?? n.chargeDescription ?? "—"}
                    {n.barcode && <div className="text-xs text-zinc-600">{n.barcode}</div>}
                    {n.chargeAmount && <div className="text-xs text-zinc-600">amount {n.chargeAmount}</div>}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">{n.dueDate ?? n.occurrence}</td>
                  <td className="px-3 py-2">{n.status.toLowerCase()}{n.skipReason && <div className="text-xs text-zinc-600">{n.skipReason}</div>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
