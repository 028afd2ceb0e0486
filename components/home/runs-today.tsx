import Link from "next/link";
import type { ScenarioToday, TodayState } from "@/lib/dashboard/runs-today";
import { formatDate, formatDateTime } from "@/lib/time/library-date";
import { emptyClass, rowClass, tableClass, tdClass, thClass, theadClass } from "@/components/patrons/table-classes";

const WORDS: Record<TodayState, { text: string; tone: string }> = {
  done: { text: "Done", tone: "text-emerald-800" },
  sending: { text: "Sending", tone: "text-blue-800" },
  planning: { text: "Planning", tone: "text-blue-800" },
  failed: { text: "Planning failed", tone: "text-red-700" },
  "not-yet": { text: "Not yet", tone: "text-zinc-700" },
  missed: { text: "Not run at its time", tone: "text-amber-800" },
  "not-today": { text: "Not scheduled today", tone: "text-zinc-500" },
};

export function RunsToday(props: { rows: ScenarioToday[]; timeZone: string; today: string }) {
  if (props.rows.length === 0) {
    return <p className={emptyClass}>No scenario is switched on. Turn one on under Scenarios and its runs show here.</p>;
  }
  const isAnyMissed = props.rows.some((s) => s.state === "missed");
  return (
    <div className="space-y-2">
      {isAnyMissed ? (
        <p className="text-sm text-amber-800" data-testid="runs-missed">
          A run not made at its time is planned by the worker within a few minutes of it checking. If it stays, see whether
          the worker is running under Queues and workers below.
        </p>
      ) : null}
      <table className={tableClass} data-testid="runs-today">
        <thead className={theadClass}>
          <tr><th className={thClass}>Scenario</th><th className={thClass}>Today</th><th className={thClass}>Next run</th></tr>
        </thead>
        <tbody>
          {props.rows.map((s) => {
            const word = WORDS[s.state];
            return (
              <tr key={s.id} className={rowClass}>
                <td className={tdClass}><Link href={`/scenarios/${s.id}`} className="text-blue-800 hover:underline">{s.name}</Link></td>
                <td className={tdClass}>
                  <span className={`font-medium ${word.tone}`}>{word.text}</span>
                  <span className="text-zinc-600">
                    {s.run
                      ? <> · <Link href={`/notices/runs/${s.run.id}`} className="text-blue-800 hover:underline">run #{s.run.id}</Link>, started {formatDateTime(s.run.startedAt, props.timeZone).split(", ")[1]}</>
                      : s.state === "not-today" ? null : <> · due at {s.runAt}</>}
                  </span>
                </td>
                <td className={`${tdClass} tabular-nums`}>{s.nextDate === props.today ? "Today" : formatDate(s.nextDate)} at {s.runAt}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
