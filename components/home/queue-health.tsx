import { rowClass, tableClass, tdClass, thClass, theadClass } from "@/components/patrons/table-classes";
import type { QueueFigures } from "@/lib/dashboard/queue-health";
import { formatDateTime } from "@/lib/time/library-date";

type Worker = { name: string; beatAt: Date; isAlive: boolean };

export function QueueHealth(props: { queues: QueueFigures[] | null; workers: Worker[]; timeZone: string }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {props.queues ? (
        <table className={tableClass} data-testid="queue-figures">
          <caption className="sr-only">Jobs per queue</caption>
          <thead className={theadClass}>
            <tr>
              <th className={thClass}>Queue</th><th className={`${thClass} text-right`}>Waiting</th><th className={`${thClass} text-right`}>In progress</th>
              <th className={`${thClass} text-right`}>Scheduled later</th><th className={`${thClass} text-right`}>Failed</th>
            </tr>
          </thead>
          <tbody>
            {props.queues.map((q) => (
              <tr key={q.name} className={rowClass} data-testid={`queue-${q.name}`}>
                <th scope="row" className={`${tdClass} text-left font-normal`}>{q.label}</th>
                <td className={`${tdClass} text-right tabular-nums`}>{q.waiting.toLocaleString("en-GB")}</td>
                <td className={`${tdClass} text-right tabular-nums`}>{q.active.toLocaleString("en-GB")}</td>
                <td className={`${tdClass} text-right tabular-nums`}>{q.delayed.toLocaleString("en-GB")}</td>
                <td className={`${tdClass} text-right tabular-nums ${q.failed ? "text-red-700" : ""}`}>{q.failed.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="queues-unavailable">
          Queue figures unavailable: the queue server (Redis) did not answer. Notices wait in the database and go out once it is back.
        </p>
      )}
      {props.workers.length === 0 ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" data-testid="workers-none">
          No worker has reported in the last week: notices are not being planned or sent. Start it with <code>npm run worker</code>.
        </p>
      ) : (
        <table className={tableClass} data-testid="workers">
          <caption className="sr-only">Worker processes</caption>
          <thead className={theadClass}>
            <tr><th className={thClass}>Worker process</th><th className={thClass}>Last reported</th><th className={thClass}>State</th></tr>
          </thead>
          <tbody>
            {props.workers.map((w) => (
              <tr key={w.name} className={rowClass}>
                <td className={`${tdClass} font-mono text-xs`}>{w.name}</td>
                <td className={`${tdClass} tabular-nums`}>{formatDateTime(w.beatAt, props.timeZone)}</td>
                <td className={`${tdClass} ${w.isAlive ? "text-emerald-800" : "text-amber-800"}`}>{w.isAlive ? "Running" : "Not reporting"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
