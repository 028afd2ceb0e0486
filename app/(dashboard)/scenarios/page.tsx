import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { listScenarios } from "@/lib/scenarios/queries";
import { formatDate, formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Scenarios" };

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const RUN_STATUS: Record<string, string> = { PLANNING: "planning", PLANNED: "planned", FAILED: "failed" };

// Communication scenarios, grouped as Infiniti groups them: when each notice goes, its levels, the next and last run.
export default async function ScenariosPage() {
  const staff = await staffForPage("dashboard.view");
  const canEdit = can(staff.role, "notices.manage");
  const { groups, timeZone } = await listScenarios(prisma);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Scenarios</h1>
        <p className="text-sm text-zinc-600">
          When each kind of notice goes, to whom and with which wording. A change is used from the next run; a run already
          planned keeps its plan. Times are in {timeZone}.
        </p>
      </div>
      {groups.map((g) => (
        <section key={g.title} aria-labelledby={`group-${slug(g.title)}`} className="space-y-2">
          <h2 id={`group-${slug(g.title)}`} className="text-lg font-medium">{g.title}</h2>
          {g.scenarios.length === 0 ? (
            <p className="text-sm text-zinc-600">No scenario yet.</p>
          ) : (
            <table className="w-full table-fixed overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="scenarios-table">
                <colgroup><col className="w-[24%]" /><col className="w-[6%]" /><col className="w-[17%]" /><col className="w-[25%]" /><col className="w-[12%]" /><col className="w-[16%]" /></colgroup>
              <thead className="bg-zinc-50 text-left text-zinc-600">
                <tr>
                  <th scope="col" className="px-3 py-2">Scenario</th>
                  <th scope="col" className="px-3 py-2">On</th>
                  <th scope="col" className="px-3 py-2">Schedule</th>
                  <th scope="col" className="px-3 py-2">Levels and periods</th>
                  <th scope="col" className="px-3 py-2">Next run</th>
                  <th scope="col" className="px-3 py-2">Last run</th>
                </tr>
              </thead>
              <tbody>
                {g.scenarios.map((s) => (
                  <tr key={s.id} className="border-t border-zinc-100 align-top" data-testid={`scenario-${s.code}`}>
                    <td className="px-3 py-2">
                      <Link href={`/scenarios/${s.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">{s.name}</Link>
                      <div className="text-xs text-zinc-600">{s.kindLabel === s.name ? s.code : `${s.kindLabel} · ${s.code}`}</div>
                    </td>
                    <td className="px-3 py-2">{s.isEnabled ? "Yes" : <span className="text-zinc-600">Off</span>}</td>
                    <td className="px-3 py-2">{s.schedule.replace(`, ${timeZone}`, "")}</td>
                    <td className="px-3 py-2">
                      {s.levels > 1 ? `${s.levels - s.levelsOff} levels: ` : ""}{s.periods}{s.levelsOff ? ` (${s.levelsOff} switched off)` : ""}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap" data-testid="next-run">{s.nextRun ? formatDate(s.nextRun) : "—"}</td>
                    <td className="px-3 py-2">
                      {s.lastRun ? (
                        <>
                          <div>{formatDateTime(s.lastRun.startedAt, timeZone)} · {RUN_STATUS[s.lastRun.status] ?? s.lastRun.status}</div>
                          <div className="text-xs text-zinc-600">
                            {s.lastRun.noticesPlanned.toLocaleString("en-GB")} notices, {s.lastRun.deliveriesPlanned.toLocaleString("en-GB")} messages
                            {s.lastRun.scenarios > 1 ? ` (a run of ${s.lastRun.scenarios} scenarios)` : ""}
                          </div>
                        </>
                      ) : <span className="text-zinc-600">Not run yet</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canEdit && g.missingKinds.length > 0 && (
            <p className="text-sm text-zinc-600">
              Not set up:{" "}
              {g.missingKinds.map((k, i) => (
                <span key={k.kind}>{i ? ", " : ""}<Link href={`/scenarios/new?kind=${k.kind}`} className="text-blue-800 underline">{k.label}</Link></span>
              ))}
            </p>
          )}
        </section>
      ))}
      <section aria-labelledby="group-acq" className="space-y-1">
        <h2 id="group-acq" className="text-lg font-medium">Acquisitions</h2>
        <p className="text-sm text-zinc-600">Supplier orders and claims for late orders are sent from the orders screens (coming with acquisitions).</p>
      </section>
    </div>
  );
}
