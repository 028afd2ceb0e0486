import type { Metadata } from "next";
import { ChartTable } from "@/components/home/chart-table";
import { FailureChart } from "@/components/home/failure-chart";
import { NeedsAttention } from "@/components/home/needs-attention";
import { NoticesChart } from "@/components/home/notices-chart";
import { QueueHealth } from "@/components/home/queue-health";
import { RecentRuns } from "@/components/home/recent-runs";
import { RunsToday } from "@/components/home/runs-today";
import { StatCard } from "@/components/ui/stat-card";
import { staffForPage } from "@/lib/auth/require-staff";
import { getHomeSummary } from "@/lib/dashboard/get-home-summary";
import { prisma } from "@/lib/db/client";
import { homePageQueues } from "@/lib/jobs/producer";
import { formatDate, formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Home" };

const shortDay = (day: string) => formatDate(day).replace(/ \d{4}$/, "");

function Section(props: { id: string; title: string; hint?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={props.id} className="space-y-2">
      <h2 id={props.id} className="text-lg font-semibold">{props.title}</h2>
      {props.hint ? <p className="text-sm text-zinc-600">{props.hint}</p> : null}
      {props.children}
    </section>
  );
}

export default async function HomePage() {
  await staffForPage("dashboard.view");
  const s = await getHomeSummary(prisma, { queues: homePageQueues() });
  const noticeRows = s.charts.noticesPerDay.map((d) => ({ ...d, label: shortDay(d.day) }));
  const failureRows = s.charts.failuresPerDay.map((d) => ({ label: shortDay(d.day), percent: d.rate === null ? null : Math.round(d.rate * 1000) / 10 }));
  const hasNotices = noticeRows.some((d) => d.total > 0);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="library-name">{s.libraryName}</h1>
        <p className="text-sm text-zinc-600">
          Today is {formatDate(s.today)}; times are {s.timeZone} time.{" "}
          <span data-testid="worker-status" className={s.worker.isAlive ? "text-emerald-700" : "text-amber-700"}>
            {s.worker.isAlive ? "The worker is running."
              : s.worker.lastBeat ? `The worker has not reported since ${formatDateTime(s.worker.lastBeat, s.timeZone)}.`
                : "The worker has not reported yet."}
          </span>
        </p>
      </div>

      <Section id="attention" title="Needs attention" hint="Deliveries to look at; each opens the delivery log filtered to them.">
        <NeedsAttention items={s.attention} />
      </Section>

      <Section id="today" title="Runs today and next" hint="Each switched-on scenario's run today and its next one.">
        <RunsToday rows={s.runsToday} timeZone={s.timeZone} today={s.today} />
      </Section>

      <Section id="recent" title="Runs in the last 7 days" hint="Newest first, with their deliveries by status: a run still sending is counted as it is now; earlier ones as the worker last counted them (every minute for today and yesterday, hourly for the week).">
        <RecentRuns runs={s.recentRuns} timeZone={s.timeZone} />
      </Section>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Section id="chart-notices" title="Notices per day, by kind" hint="The last 30 days; a notice covered by a higher level's letter is not counted.">
          <figure aria-labelledby="chart-notices" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
            {hasNotices ? <NoticesChart rows={noticeRows} kinds={s.charts.kinds} />
              : <p className="p-6 text-center text-sm text-zinc-600">No notices in the last 30 days yet. They appear here after the first run.</p>}
            <ChartTable caption="Notices per day, by kind" testId="notices-table"
              columns={["Day", ...s.charts.kinds.map((k) => k.label), "Total"]}
              rows={noticeRows.map((d) => [d.label, ...s.charts.kinds.map((k) => d[k.kind] ?? 0), d.total])} />
          </figure>
        </Section>
        <Section id="chart-failures" title="Failure rate per day" hint="Of each day's deliveries that were sent or failed, the share that failed.">
          <figure aria-labelledby="chart-failures" className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
            <FailureChart rows={failureRows} />
            <ChartTable caption="Failure rate per day" testId="failures-table" columns={["Day", "Sent", "Failed", "Failed %"]}
              rows={s.charts.failuresPerDay.map((d) => [shortDay(d.day), d.sent, d.failed, d.rate === null ? "–" : `${(d.rate * 100).toFixed(1)}%`])} />
          </figure>
        </Section>
      </div>

      <Section id="queues" title="Queues and workers" hint="Jobs waiting in each queue, and each worker process's last report (running when under 3 minutes ago).">
        <QueueHealth queues={s.queues} workers={s.workers} timeZone={s.timeZone} />
      </Section>

      <Section id="figures" title="Library figures"
        hint={s.figuresCountedAt ? `As counted by the worker at ${formatDateTime(s.figuresCountedAt, s.timeZone).split(", ")[1]}.` : undefined}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
          <StatCard label="Patrons" value={s.patrons} testId="count-patrons" />
          <StatCard label="Active loans" value={s.activeLoans} hint="On loan or recalled" testId="count-active-loans" />
          <StatCard label="Overdue loans" value={s.overdueLoans} hint="Past their due date" tone="warn" testId="count-overdue-loans" />
          <StatCard label="Reservations ready" value={s.reservationsReady} hint="Waiting on the pickup shelf" testId="count-reservations-ready" />
          <StatCard label="Lost or claimed" value={s.lostOrClaimed} hint="Lost, long overdue, reported lost, claimed" testId="count-lost" />
          <StatCard label="Unpaid charges" value={s.unpaidTotal} hint={`${s.unpaidCharges.toLocaleString("en-GB")} charges with a balance`} testId="unpaid-total" />
        </div>
      </Section>
    </div>
  );
}
