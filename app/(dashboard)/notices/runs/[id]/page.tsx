import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunProgress } from "@/components/notices/run-progress";
import { StartRunButtons } from "@/components/notices/start-run-buttons";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { getRun } from "@/lib/notices/get-run";
import { listRunnableScenarios } from "@/lib/notices/list-runnable-scenarios";
import { formatDate, localDate } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Notice run" };

const n = (x: number) => x.toLocaleString("en-GB");

// One run: what started it, how far it has got (live), and what it planned by scenario and level.
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await staffForPage("dashboard.view");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1 || id > 2147483647) notFound();
  const run = await getRun(prisma, id);
  if (!run) notFound();
  const canRun = can(staff.role, "notices.manage");
  const scenarios = canRun ? await listRunnableScenarios(prisma) : [];
  const log = `/notices/deliveries?run=${run.id}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm"><Link href="/notices" className="text-blue-800 underline">Notice runs</Link></p>
          <h1 className="text-2xl font-semibold">Run #{run.id}: {formatDate(run.runDate)}</h1>
          <p className="text-sm text-zinc-600">Times are in the library&apos;s time zone ({run.timeZone}).</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/notices/preview?date=${run.runDate}`} className={buttonClass("outline")}>Preview this date</Link>
          <Link href={log} className={buttonClass("outline")}>This run&apos;s deliveries</Link>
          <a href={`/notices/runs/${run.id}/print`} target="_blank" rel="noopener" className={buttonClass("outline")}>Print form</a>
          {canRun && <StartRunButtons scenarios={scenarios} today={localDate(run.timeZone)} />}
        </div>
      </div>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-zinc-200 bg-white p-4 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="run-facts">
        <Fact label="Started by" value={run.trigger} />
        <Fact label="Started" value={run.startedAt} />
        <Fact label="Planning finished" value={run.progress.finishedAt ?? (run.status === "FAILED" ? "Did not finish" : "Not yet")} />
        <Fact label="Done" value={run.progress.sendingFinishedAt ?? "Not yet"} />
        <div className="sm:col-span-2 lg:col-span-4">
          <dt className="text-zinc-600">Scenarios</dt>
          <dd>{run.scenarioNames.join(", ") || "None"}</dd>
        </div>
      </dl>
      {run.status === "FAILED" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          Planning failed: {run.error ?? "no reason recorded"}. What was planned before the failure is sent; replay the date to plan the rest.
        </p>
      )}
      <RunProgress initial={run.progress} logLink={log} />
      <section aria-labelledby="notices-title" className="rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="notices-title" className="font-semibold">Notices: {n(run.noticesPlanned || run.byScenario.reduce((a, s) => a + s.notices, 0))}</h2>
        {run.byLevel.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600" data-testid="no-notices">
            {run.status === "PLANNING" ? "None recorded yet: counts appear as planning goes." : "This run found nothing due: every notice for this date had already gone, or none was due."}
          </p>
        ) : (
          <table className="mt-2 w-full text-sm" data-testid="by-level">
            <thead className="text-left text-zinc-600">
              <tr><th className="py-1">Scenario</th><th className="py-1">Level</th><th className="py-1 text-right">Notices</th><th className="py-1"><span className="sr-only">Deliveries</span></th></tr>
            </thead>
            <tbody>
              {run.byScenario.map((s) => (
                <ScenarioRows key={s.scenarioId} scenario={s} levels={run.byLevel.filter((l) => l.scenarioId === s.scenarioId)} log={log} />
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-2 text-xs text-zinc-600">A letter listing three loans counts three notices. Level 0: a loan listed in an escalation before it reached the first level.</p>
      </section>
    </div>
  );
}

function Fact(props: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-zinc-600">{props.label}</dt>
      <dd data-testid={`fact-${props.label.toLowerCase().replaceAll(" ", "-")}`}>{props.value}</dd>
    </div>
  );
}

function ScenarioRows(props: { scenario: { scenarioId: number; name: string; notices: number }; levels: { level: number; notices: number }[]; log: string }) {
  const { scenario, levels, log } = props;
  return (
    <>
      <tr className="border-t border-zinc-200" data-scenario={scenario.scenarioId}>
        <th scope="row" className="py-1 text-left font-medium">{scenario.name}</th>
        <td className="py-1 text-zinc-600">{levels.length === 1 ? `Level ${levels[0].level}` : "all levels"}</td>
        <td className="py-1 text-right tabular-nums" data-testid={`scenario-${scenario.scenarioId}-notices`}>{n(scenario.notices)}</td>
        <td className="py-1 pl-3 text-right"><Link href={`${log}&scenario=${scenario.scenarioId}`} className="text-blue-800 underline">Deliveries<span className="sr-only"> for {scenario.name}</span></Link></td>
      </tr>
      {levels.length > 1 && levels.map((l) => (
        <tr key={l.level} className="border-t border-zinc-100">
          <td className="py-1"><span className="sr-only">{scenario.name}</span></td>
          <td className="py-1">Level {l.level}</td>
          <td className="py-1 text-right tabular-nums" data-testid={`scenario-${scenario.scenarioId}-level-${l.level}`}>{n(l.notices)}</td>
          <td className="py-1 pl-3 text-right"><Link href={`${log}&scenario=${scenario.scenarioId}&level=${l.level}`} className="text-blue-800 underline">Deliveries<span className="sr-only"> for {scenario.name} level {l.level}</span></Link></td>
        </tr>
      ))}
    </>
  );
}
