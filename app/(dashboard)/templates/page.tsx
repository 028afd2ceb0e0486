import type { Metadata } from "next";
import Link from "next/link";
import { staffForPage } from "@/lib/auth/require-staff";
import { libraryTimeZone } from "@/lib/time/library-time-zone";
import { prisma } from "@/lib/db/client";
import { FAMILY_LABELS } from "@/lib/templates/placeholders";
import { listTemplates } from "@/lib/templates/queries";
import { formatDateTime } from "@/lib/time/library-date";

export const metadata: Metadata = { title: "Templates" };

// The wording of every notice: which family (layout) each belongs to, its languages, and which scenarios use it.
export default async function TemplatesPage() {
  await staffForPage("dashboard.view");
  const [templates, timeZone] = await Promise.all([listTemplates(prisma), libraryTimeZone(prisma)]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Templates</h1>
        <p className="text-sm text-zinc-600">
          The subject and message of each notice, with placeholders such as <code>{"{{ patron.first_name }}"}</code>. A template may be used by
          several scenarios and levels; an edit reaches the next notices sent within a minute.
        </p>
      </div>
      <table className="w-full overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="templates-table">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            <th className="px-3 py-2">Template</th>
            <th className="px-3 py-2">Family</th>
            <th className="px-3 py-2">Languages</th>
            <th className="px-3 py-2">Used by</th>
            <th className="px-3 py-2">Last edited</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id} className="border-t border-zinc-100 align-top">
              <td className="px-3 py-2"><Link href={`/templates/${t.id}`} className="font-medium text-blue-800 hover:underline">{t.name}</Link></td>
              <td className="px-3 py-2">{FAMILY_LABELS[t.family]}</td>
              <td className="px-3 py-2">{t.languages.join(", ")}</td>
              <td className="px-3 py-2">
                {t.usedBy.length === 0 ? <span className="text-zinc-400">not used</span> : t.usedBy.map((u) => (
                  <div key={`${u.scenarioId}:${u.level}`} className={u.isEnabled ? "" : "text-zinc-400"}>
                    {u.scenario}{u.level > 1 || t.usedBy.some((o) => o.scenarioId === u.scenarioId && o.level !== u.level) ? ` · level ${u.level}` : ""}
                    {u.isEnabled ? "" : " (off)"}
                  </div>
                ))}
              </td>
              <td className="px-3 py-2 text-zinc-600">
                {t.lastEdited ? `${formatDateTime(t.lastEdited.at, timeZone)} · ${t.lastEdited.by ?? ""}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
