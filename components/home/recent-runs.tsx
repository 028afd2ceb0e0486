import Link from "next/link";
import { StatusBadge } from "@/components/deliveries/status-badge";
import { emptyClass, rowClass, tableClass, tdClass, thClass, theadClass } from "@/components/patrons/table-classes";
import type { RecentRun } from "@/lib/dashboard/home-figures";
import { STATUS_ORDER } from "@/lib/dashboard/home-figures";
import { formatDate, formatDateTime } from "@/lib/time/library-date";

const TRIGGERS: Record<string, string> = { SCHEDULED: "On schedule", EVENT: "As it happened", REPLAY: "Started by staff" };
const SHOWN = 25;

export function RecentRuns(props: { runs: RecentRun[]; timeZone: string }) {
  if (props.runs.length === 0) {
    return <p className={emptyClass}>No runs in the last 7 days. The worker plans each scenario at its time of day; check Queues below.</p>;
  }
  return (
    <div className="space-y-2">
      <table className={tableClass} data-testid="recent-runs">
        <thead className={theadClass}>
          <tr>
            <th className={thClass}>Run</th><th className={thClass}>Started</th><th className={thClass}>For</th>
            <th className={thClass}>How</th><th className={`${thClass} text-right`}>Notices</th><th className={thClass}>Deliveries</th>
          </tr>
        </thead>
        <tbody>
          {props.runs.slice(0, SHOWN).map((run) => (
            <tr key={run.id} className={rowClass} data-testid={`recent-run-${run.id}`}>
              <td className={tdClass}><Link href={`/notices/runs/${run.id}`} className="text-blue-800 hover:underline">Run #{run.id}</Link></td>
              <td className={`${tdClass} tabular-nums`}>{formatDateTime(run.startedAt, props.timeZone)}</td>
              <td className={`${tdClass} tabular-nums`}>{formatDate(run.runDate)}</td>
              <td className={tdClass}>{TRIGGERS[run.trigger] ?? run.trigger}{run.status === "PLANNING" ? " (planning)" : run.status === "FAILED" ? " (failed)" : ""}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{run.noticesPlanned.toLocaleString("en-GB")}</td>
              <td className={tdClass}>
                {run.total === 0 ? <span className="text-zinc-500">none</span> : (
                  <ul className="flex flex-wrap gap-1.5">
                    {STATUS_ORDER.filter((s) => run.deliveries[s]).map((s) => (
                      <li key={s} data-testid={`run-${run.id}-${s}`} className="flex items-center gap-1">
                        <StatusBadge status={s} /><span className="tabular-nums">{run.deliveries[s]!.toLocaleString("en-GB")}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.runs.length > SHOWN ? (
        <p className="text-sm text-zinc-600">
          {(props.runs.length - SHOWN).toLocaleString("en-GB")} more runs this week: <Link href="/notices" className="text-blue-800 hover:underline">see them all under Notices</Link>.
        </p>
      ) : null}
    </div>
  );
}
