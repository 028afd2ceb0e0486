import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DraftMessage } from "@/components/notices/draft-message";
import { PreviewCounts } from "@/components/notices/preview-counts";
import { PreviewDateForm } from "@/components/notices/preview-date-form";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { previewDate } from "@/lib/notices/preview-date";
import { dayAfter, parseDateParam } from "@/lib/notices/preview-query";
import { formatDate, localDate } from "@/lib/time/library-date";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export const metadata: Metadata = { title: "Preview a date" };

const SAMPLES = 3;
const deliveriesOf = (g: { deliveries: Record<string, number> }) => Object.values(g.deliveries).reduce((a, b) => a + b, 0);

// What a run on a date would send now, before it runs (DOMAIN.md: "Staff can preview exactly what a run on any date
// would send"). The form shows at once; the dry run (seconds on a large library) streams in behind a status line.
export default async function PreviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffForPage("dashboard.view");
  const params = await searchParams;
  const [timeZone, scenarios] = await Promise.all([
    libraryTimeZone(prisma),
    prisma.scenario.findMany({ select: { id: true, code: true, name: true, isEnabled: true }, orderBy: { name: "asc" } }),
  ]);
  const date = parseDateParam(params.date);
  const code = typeof params.scenario === "string" ? params.scenario : "";
  const scenario = code ? scenarios.find((s) => s.code === code) : undefined;
  const scenarioError = code && !scenario ? `no scenario has the code ${code}` : null;
  const ready = date.date && !scenarioError ? date.date : null;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm"><Link href="/notices" className="text-blue-800 underline">Notice runs</Link></p>
        <h1 className="text-2xl font-semibold">Preview a date</h1>
        <p className="text-sm text-zinc-600">What a run on that date would send if it ran now. Nothing is recorded or sent, and notices
          already sent are left out, as the run itself would.</p>
      </div>
      <PreviewDateForm date={date.value || dayAfter(localDate(timeZone))} scenario={code} timeZone={timeZone}
        scenarios={scenarios.filter((s) => s.isEnabled || s.code === code)} errors={{ date: date.error, scenario: scenarioError }} />
      {!ready ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-600" data-testid="preview-empty">
          {date.error || scenarioError ? "Correct the field marked in red, then choose Preview." : "Choose a run date (and a scenario, or every one), then choose Preview."}
        </p>
      ) : (
        <Suspense key={`${ready}:${code}`} fallback={<PreviewLoading date={ready} scenario={scenario?.name} />}>
          <PreviewResult date={ready} scenarioId={scenario?.id} />
        </Suspense>
      )}
    </div>
  );
}

function PreviewLoading({ date, scenario }: { date: string; scenario?: string }) {
  return (
    <div role="status" className="rounded-lg border border-zinc-200 bg-white p-6 text-sm text-zinc-700" data-testid="preview-loading">
      <p className="font-medium">Working out what a run on {formatDate(date)} would send…</p>
      <p className="mt-1 text-zinc-600">Every patron is checked against {scenario ? `the ${scenario} scenario` : "every enabled scenario"}, as the
        run would: on a large library this takes several seconds.</p>
    </div>
  );
}

async function PreviewResult({ date, scenarioId }: { date: string; scenarioId?: number }) {
  const preview = await previewDate(prisma, { runDate: date, scenarioIds: scenarioId ? [scenarioId] : undefined, samplesPerGroup: SAMPLES });
  if (preview.groups.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-600" data-testid="preview-nothing">
        Nothing would be sent on {formatDate(date)}: no notice is due that has not already gone. Try a later date, or another scenario.
      </p>
    );
  }
  return (
    <div className="space-y-6" data-testid="preview-result">
      <h2 className="text-lg font-semibold">A run on {formatDate(date)} would send</h2>
      <PreviewCounts preview={preview} />
      <h2 className="text-lg font-semibold">Messages as the patron would receive them</h2>
      <p className="text-sm text-zinc-600">The first {SAMPLES} of each scenario and level, worded and laid out by the same code that sends them.</p>
      {preview.groups.map((g, i) => (
        <details key={g.key} id={`group-${g.key.replace(":", "-")}`} open={i === 0} className="rounded-lg border border-zinc-200 bg-zinc-50 p-3">
          <summary className="cursor-pointer font-medium">
            {g.scenario}{g.levels > 1 ? ` · level ${g.level}` : ""} <span className="font-normal text-zinc-600">({g.samples.length} shown of {deliveriesOf(g).toLocaleString("en-GB")} {deliveriesOf(g) === 1 ? "delivery" : "deliveries"})</span>
          </summary>
          <div className="mt-3 space-y-3">
            {g.samples.map((s, j) => <DraftMessage key={j} sample={s} isLazy={i > 0} />)}
          </div>
        </details>
      ))}
    </div>
  );
}
