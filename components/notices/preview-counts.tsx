import { StatCard } from "@/components/ui/stat-card";
import type { DatePreview } from "@/lib/notices/preview-date";
import { tableClass, tdClass, theadClass, thClass, rowClass } from "@/components/patrons/table-classes";

const n = (v: number) => v.toLocaleString("en-GB");

// The preview's figures: totals, then one row per scenario and level (a patron's message is counted once however many
// contacts receive it; deliveries are one per contact and channel).
export function PreviewCounts({ preview }: { preview: DatePreview }) {
  const { totals, groups } = preview;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard label="Patrons" value={totals.patrons} testId="preview-patrons" />
        <StatCard label="Notices" value={totals.notices} testId="preview-notices" />
        <StatCard label="Emails" value={totals.deliveries.EMAIL} testId="preview-email" />
        <StatCard label="Printed letters" value={totals.deliveries.PRINT} testId="preview-print" />
        <StatCard label="SMS" value={totals.deliveries.SMS} testId="preview-sms" />
      </div>
      <table className={tableClass} data-testid="preview-groups">
        <caption className="sr-only">What would go, per scenario and level</caption>
        <thead className={theadClass}><tr>
          <th scope="col" className={thClass}>Scenario</th><th scope="col" className={thClass}>Level</th>
          <th scope="col" className={`${thClass} text-right`}>Patrons</th><th scope="col" className={`${thClass} text-right`}>Notices</th>
          <th scope="col" className={`${thClass} text-right`}>Emails</th><th scope="col" className={`${thClass} text-right`}>Printed</th>
          <th scope="col" className={`${thClass} text-right`}>SMS</th>
        </tr></thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} className={rowClass} data-testid="preview-group">
              <th scope="row" className={`${tdClass} text-left font-normal`}><a href={`#group-${g.key.replace(":", "-")}`} className="text-blue-800 underline">{g.scenario}</a></th>
              <td className={tdClass}>{g.levels > 1 ? `#${g.level}` : "—"}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{n(g.patrons)}</td>
              <td className={`${tdClass} text-right tabular-nums`} data-testid="group-notices">{n(g.notices)}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{n(g.deliveries.EMAIL)}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{n(g.deliveries.PRINT)}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{n(g.deliveries.SMS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
