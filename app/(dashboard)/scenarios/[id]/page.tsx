import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScenarioForm } from "@/components/scenarios/scenario-form";
import { can } from "@/lib/auth/permissions";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { scenarioFormValues, scenarioOptions } from "@/lib/scenarios/queries";

export const metadata: Metadata = { title: "Edit scenario" };

export default async function ScenarioPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await staffForPage("dashboard.view");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id)) notFound();
  const values = await scenarioFormValues(prisma, id);
  if (!values) notFound();
  const options = await scenarioOptions(prisma, values.kind);
  return (
    <div className="space-y-4">
      <div>
        <Link href="/scenarios" className="text-sm text-blue-800 hover:underline">← Scenarios</Link>
        <h1 className="text-2xl font-semibold">{values.name}</h1>
      </div>
      <ScenarioForm defaults={values} options={options} canEdit={can(staff.role, "notices.manage")} />
    </div>
  );
}
