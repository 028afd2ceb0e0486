import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryFilters } from "@/components/deliveries/delivery-filters";
import { DeliveryTable } from "@/components/deliveries/delivery-table";
import { buttonClass } from "@/components/ui/button";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { loadDeliveryLog } from "@/lib/deliveries/load-delivery-log";
import { encodePageKey, filterParams, parseLogQuery } from "@/lib/deliveries/log-filters";

export const metadata: Metadata = { title: "Delivery log" };

// Every delivery, newest first: what went (or is going) to whom, by which channel, and how it ended.
export default async function DeliveryLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffForPage("dashboard.view");
  const query = parseLogQuery(await searchParams);
  const { page, scenarios, timeZone } = await loadDeliveryLog(prisma, query);
  const kept = filterParams(query.filter);
  const link = (key: { before?: string; after?: string }) => {
    const p = new URLSearchParams(kept);
    if (key.before) p.set("before", key.before);
    if (key.after) p.set("after", key.after);
    return `/notices/deliveries?${p}`;
  };
  const isFiltered = kept.size > 0;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm"><Link href="/notices" className="text-blue-800 underline">Notice runs</Link></p>
        <h1 className="text-2xl font-semibold">Delivery log</h1>
        <p className="text-sm text-zinc-600">Every delivery, newest first. Times are in the library&apos;s time zone ({timeZone}).</p>
      </div>
      <DeliveryFilters filter={query.filter} scenarios={scenarios} timeZone={timeZone} />
      {query.ignored.length > 0 && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Ignored: {query.ignored.map((i) => `${i.name} (${i.reason})`).join("; ")}.
        </p>
      )}
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-8 text-center text-sm text-zinc-600" data-testid="deliveries-empty">
          {isFiltered
            ? "No delivery matches these filters. Check the card number or address, widen the dates, or choose Clear to see every delivery."
            : query.before || query.after
              ? "No more deliveries this way. Go back to the newest."
              : "No deliveries yet. They appear here once a run plans notices: start one from the worker, or wait for tonight's run."}
        </p>
      ) : (
        <DeliveryTable rows={page.rows} timeZone={timeZone} scenarioNames={new Map(scenarios.map((s) => [s.id, s.name]))} backQuery={kept.toString()} />
      )}
      <nav aria-label="Pages" className="flex gap-2">
        {page.newer && <Link className={buttonClass("outline")} href={link({ after: encodePageKey(page.newer) })} rel="prev">← Newer</Link>}
        {page.older && <Link className={buttonClass("outline")} href={link({ before: encodePageKey(page.older) })} rel="next">Older →</Link>}
        {(query.before || query.after) && <Link className={buttonClass("outline")} href={link({})}>Newest</Link>}
      </nav>
    </div>
  );
}
