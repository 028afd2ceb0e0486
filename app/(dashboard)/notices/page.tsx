import type { Metadata } from "next";
import Link from "next/link";
import { StartRunButtons } from "@/components/notices/start-run-buttons";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { listRecentRuns } from "@/lib/notices/list-recent-runs";
import { listRunnableScenarios } from "@/lib/notices/list-runnable-scenarios";
import { formatDate, localDate } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Notices" };

const n = (x: number) => x.toLocaleString("en-GB");

// The runs, newest first, a page at a time: what each planned and how far it has got. Run now and replay from here.
export default async function NoticesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffForPage("dashboard.view");
  const raw = (await searchParams).before;
  const before = typeof raw === "string" && /^\d{1,10}$/.test(raw) && Number(raw) <= 2147483647 ? Number(raw) : undefined;
  const { runs, older, timeZone } = await listRecentRuns(prisma, { before });
  const canRun = can(staff.role, "notices.manage");
  const scenarios = canRun ? await listRunnableScenarios(prisma) : [];
  const today = localDate(timeZone);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Notice runs</h1>
          <p className="text-sm text-zinc-600">
            The newest runs first; open one to follow it. Times are in the library&apos;s time zone ({timeZone}).
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/notices/preview?date=${today}`} className={buttonClass("outline")}>Preview a date</Link>
          <Link href="/notices/deliveries" className={buttonClass("outline")}>Delivery log</Link>
          {canRun && <StartRunButtons scenarios={scenarios} today={today} />}
        </div>
      </div>
      {runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-600">
          {before ? "No older runs." : "No runs yet. The worker plans each scenario at its time of day; to send today's notices now, choose Run now."}
        </p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="runs-table">
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr>
              <th className="px-3 py-2">Run</th>
              <th className="px-3 py-2">Date</th>
              <th className="px-3 py-2">Started by</th>
              <th className="px-3 py-2">Started</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2 text-right">Notices</th>
              <th className="px-3 py-2 text-right">Deliveries</th>
              <th className="px-3 py-2 text-right">Failed</th>
              <th className="px-3 py-2 text-right">Outcome unknown</th>
              <th className="px-3 py-2"><span className="sr-only">Print form</span></th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-t border-zinc-100" data-run={run.id}>
                <td className="px-3 py-2 tabular-nums"><Link href={`/notices/runs/${run.id}`} className="text-blue-800 underline">#{run.id}</Link></td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDate(run.runDate)}</td>
                <td className="px-3 py-2">{run.trigger}</td>
                <td className="px-3 py-2 whitespace-nowrap">{run.startedAt}</td>
                <td className={`px-3 py-2 ${run.isProblem ? "text-red-700" : ""}`}>{run.state}</td>
                <td className="px-3 py-2 text-right tabular-nums">{n(run.notices)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{n(run.deliveries)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {run.failed > 0 ? <Link href={`/notices/deliveries?run=${run.id}&status=FAILED`} className="text-red-700 underline">{n(run.failed)}</Link> : 0}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {run.unknown > 0 ? <Link href={`/notices/deliveries?run=${run.id}&status=UNKNOWN`} className="text-red-700 underline">{n(run.unknown)}</Link> : 0}
                </td>
                <td className="px-3 py-2 text-right">
                  <a href={`/notices/runs/${run.id}/print`} target="_blank" rel="noopener" className="text-blue-800 underline">Print form<span className="sr-only"> for run {run.id}</span></a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="flex gap-2">
        {before && <Link className={buttonClass("outline")} href="/notices">Newest</Link>}
        {older && <Link className={buttonClass("outline")} href={`/notices?before=${older}`} rel="next">Older →</Link>}
      </nav>
    </div>
  );
}
