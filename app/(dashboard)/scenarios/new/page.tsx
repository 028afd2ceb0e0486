import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScenarioForm } from "@/components/scenarios/scenario-form";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { NoticeKind } from "@/lib/generated/prisma/enums";
import { KINDS } from "@/lib/notices/kinds";
import { newScenarioValues, scenarioOptions } from "@/lib/scenarios/queries";

export const metadata: Metadata = { title: "New scenario" };

// A new scenario of one kind (?kind=LM), starting switched off so it sends nothing until staff switch it on.
export default async function NewScenarioPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  await staffForPage("notices.manage", "/scenarios");
  const kind = (await searchParams).kind;
  if (!kind || !(kind in NoticeKind)) notFound();
  const [options, taken] = await Promise.all([
    scenarioOptions(prisma, kind as NoticeKind),
    prisma.scenario.findMany({ select: { code: true } }).then((rows) => new Set(rows.map((r) => r.code))),
  ]);
  // A code suggested from the kind's name, unused: "registration-reminder", else "registration-reminder-2"...
  const base = KINDS[kind as NoticeKind].label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 36);
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/scenarios" className="text-sm text-blue-800 hover:underline">← Scenarios</Link>
        <h1 className="text-2xl font-semibold">New scenario: {KINDS[kind as NoticeKind].label}</h1>
      </div>
      <ScenarioForm defaults={{ ...newScenarioValues(kind as NoticeKind, options.templates[0]?.id), code }} options={options} canEdit />
    </div>
  );
}
