import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScenarioForm } from "@/components/scenarios/scenario-form";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { describeChange } from "@/lib/audit/describe-change";
import { namesFrom } from "@/lib/audit/list-audit";
import { scenarioFormValues, scenarioOptions } from "@/lib/scenarios/queries";
import { formatDateTime } from "@/lib/time/library-date";
import { actorLabel } from "@/lib/audit/actor";

export const metadata: Metadata = { title: "Edit scenario" };

export default async function ScenarioPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await staffForPage("dashboard.view");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id)) notFound();
  const values = await scenarioFormValues(prisma, id);
  if (!values) notFound();
  const [options, changes] = await Promise.all([
    scenarioOptions(prisma, values.kind),
    prisma.auditLog.findMany({ where: { entity: "scenario", entityId: String(id) }, orderBy: { id: "desc" }, take: 5, include: { actor: { select: { name: true } } } }),
  ]);
  const nameOf = namesFrom(options);
  return (
    <div className="space-y-4">
      <div>
        <Link href="/scenarios" className="text-sm text-blue-800 hover:underline">← Scenarios</Link>
        <h1 className="text-2xl font-semibold">{values.name}</h1>
        {can(staff.role, "notices.manage") && (
          <Link href={`/scenarios/new?kind=${values.kind}`} className="text-sm text-blue-800 underline">
            Add another scenario of this kind (for other patron categories)
          </Link>
        )}
      </div>
      <ScenarioForm defaults={values} options={options} canEdit={can(staff.role, "notices.manage")} />
      <section aria-labelledby="changes-title" className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4">
        <h2 id="changes-title" className="font-medium">Recent changes</h2>
        {changes.length === 0 ? <p className="text-sm text-zinc-600">No changes since the library was set up.</p> : (
          <ul className="space-y-2 text-sm" data-testid="scenario-changes">
            {changes.map((c) => {
              const d = c.details as { before?: unknown; after?: unknown };
              const lines = describeChange(d.before ?? null, d.after ?? null, "", nameOf);
              return (
                <li key={String(c.id)}>
                  <span className="font-medium">{formatDateTime(c.at, options.timeZone)} · {actorLabel(c)}</span>
                  <span className="text-zinc-700">: {lines.length ? lines.join("; ") : "saved without changes"}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
