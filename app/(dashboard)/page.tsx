import type { Metadata } from "next";
import { StatCard } from "@/components/ui/stat-card";
import { staffForPage } from "@/lib/auth/require-staff";
import { getHomeSummary } from "@/lib/dashboard/get-home-summary";
import { prisma } from "@/lib/db/client";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  await staffForPage("dashboard.view");
  const s = await getHomeSummary(prisma);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="library-name">{s.libraryName}</h1>
        <p className="text-sm text-zinc-600">
          Today is {s.today} ({s.timeZone}).{" "}
          <span data-testid="worker-status" className={s.worker.isAlive ? "text-emerald-700" : "text-amber-700"}>
            {s.worker.isAlive
              ? "The worker is running."
              : s.worker.lastBeat
                ? `The worker has not reported since ${s.worker.lastBeat.toISOString().slice(0, 16).replace("T", " ")} UTC.`
                : "The worker has not reported yet."}
          </span>
        </p>
      </div>
      <section aria-label="Library figures" className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <StatCard label="Patrons" value={s.patrons} testId="count-patrons" />
        <StatCard label="Active loans" value={s.activeLoans} hint="On loan or recalled" testId="count-active-loans" />
        <StatCard label="Overdue loans" value={s.overdueLoans} hint="Past their due date" tone="warn" testId="count-overdue-loans" />
        <StatCard label="Reservations ready" value={s.reservationsReady} hint="Waiting on the pickup shelf" testId="count-reservations-ready" />
        <StatCard label="Lost or claimed" value={s.lostOrClaimed} hint="Lost, long overdue, reported lost, claimed" testId="count-lost" />
        <StatCard label="Unpaid charges" value={s.unpaidTotal} hint={`${s.unpaidCharges.toLocaleString("en-GB")} charges with a balance`} testId="unpaid-total" />
      </section>
    </div>
  );
}
