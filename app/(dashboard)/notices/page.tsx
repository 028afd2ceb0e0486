import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { listRecentRuns } from "@/lib/notices/list-recent-runs";

export const metadata: Metadata = { title: "Notices" };

const STATUSES = ["SENT", "QUEUED", "SENDING", "PLANNED", "FAILED", "UNKNOWN", "SKIPPED"] as const;

// Tonight's run and the ones before it: what was planned and how far its deliveries have got.
export default async function NoticesPage() {
  await staffForPage("dashboard.view");
  const runs = await listRecentRuns(prisma);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notice runs</h1>
          <p className="text-sm text-zinc-600">
            The newest runs first. Preview any date with <code>npm run notices -- preview --date YYYY-MM-DD</code>.
          </p>
        </div>
        <Link href="/notices/deliveries" className={buttonClass("outline")}>Delivery log</Link>
      </div>
      {runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-500">
          No runs yet. The worker plans each scenario at its time of day.
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="runs-table">
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr>
              <th className="px-3 py-2">Run</th>
              <th className="px-3 py-2">Date</th>
              <th className="px-3 py-2">Trigger</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2 text-right">Notices</th>
              {STATUSES.map((s) => <th key={s} className="px-3 py-2 text-right">{s.toLowerCase()}</th>)}
              <th className="px-3 py-2"><span className="sr-only">Print</span></th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-zinc-100">
                <td className="px-3 py-2 tabular-nums">#{run.id}</td>
                <td className="px-3 py-2 tabular-nums">{run.runDate}</td>
                <td className="px-3 py-2">{run.trigger.toLowerCase()}</td>
                <td className="px-3 py-2">{run.status.toLowerCase()}</td>
                <td className="px-3 py-2 text-right tabular-nums">{run.noticesPlanned.toLocaleString("en-GB")}</td>
                {STATUSES.map((s) => (
                  <td key={s} className={`px-3 py-2 text-right tabular-nums ${s === "FAILED" || s === "UNKNOWN" ? "text-red-700" : ""}`}>
                    {(run.deliveries[s] ?? 0).toLocaleString("en-GB")}
                  </td>
                ))}
                <td className="px-3 py-2 text-right">
                  <a href={`/notices/runs/${run.id}/print`} target="_blank" className="text-blue-800 hover:underline">Print form</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
