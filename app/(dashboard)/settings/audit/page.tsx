import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { describeChange, type NameOf } from "@/lib/audit/describe-change";
import { AUDIT_AREAS, AuditQuery, auditPeople, configNames, listAudit } from "@/lib/audit/list-audit";
import { staffForPage } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { formatDateTime } from "@/lib/time/library-date";
import { actorLabel } from "@/lib/audit/actor";
import { DELIVERY_ACTION_TITLES, describeDeliveryAction } from "@/lib/audit/describe-delivery-action";

export const metadata: Metadata = { title: "Audit log" };

/** What an audit row's details say, as lines: before → after where it has them, else its other details. */
function detailLines(details: unknown, nameOf: NameOf): string[] {
  if (details && typeof details === "object" && ("before" in details || "after" in details)) {
    const d = details as { before?: unknown; after?: unknown };
    const lines = describeChange(d.before ?? null, d.after ?? null, "", nameOf);
    return lines.length ? lines : ["no change"];
  }
  const entries = Object.entries((details ?? {}) as Record<string, unknown>);
  return entries.map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
}

/** A patron contact row's "what": the patron (linked) and whose contact details changed. */
function patronContactLabel(details: unknown, entityId: string) {
  const d = (details ?? {}) as { patron?: string; contact?: string };
  return `${d.patron ?? `patron ${entityId}`}${d.contact ? `: ${d.contact}` : ""}`;
}

// Every configuration change: who, when, and before → after. Administrators only (it names tokens and staff).
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await staffForPage("settings.manage");
  const query = AuditQuery.parse(await searchParams);
  const [page, people, settings, areas, nameOf] = await Promise.all([
    listAudit(prisma, query),
    auditPeople(prisma),
    prisma.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } }),
    prisma.$queryRaw<{ entity: string }[]>`SELECT DISTINCT entity FROM "AuditLog" ORDER BY entity`,
    configNames(prisma),
  ]);
  const tz = settings?.timeZone ?? "UTC";
  const link = (cursor: { before?: bigint; after?: bigint }) => {
    const params = new URLSearchParams();
    if (query.area) params.set("area", query.area);
    if (query.person) params.set("person", String(query.person));
    if (cursor.before) params.set("before", String(cursor.before));
    if (cursor.after) params.set("after", String(cursor.after));
    return `/settings/audit?${params}`;
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-600">Every change to the configuration and every staff action on a delivery, newest first: who made it, when ({tz}), and what it changed.</p>
      <Form action="/settings/audit" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="area" className="block text-sm font-medium">Area</label>
          <select id="area" name="area" defaultValue={query.area ?? ""} className="mt-1 rounded-md border border-zinc-300 px-2 py-1.5 text-sm">
            <option value="">All areas</option>
            {areas.map((a) => <option key={a.entity} value={a.entity}>{AUDIT_AREAS[a.entity] ?? a.entity}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="person" className="block text-sm font-medium">Person</label>
          <select id="person" name="person" defaultValue={query.person ?? ""} className="mt-1 rounded-md border border-zinc-300 px-2 py-1.5 text-sm">
            <option value="">Everyone</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <button type="submit" className={buttonClass("outline")}>Show</button>
      </Form>
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-600">
          No changes recorded{query.area || query.person ? " for this area or person: choose All areas and Everyone to see every change" : " yet: changes to scenarios, templates and settings appear here"}.
        </p>
      ) : (
        <table className="w-full table-fixed overflow-hidden rounded-lg border border-zinc-200 bg-white text-sm" data-testid="audit-table">
          <colgroup><col className="w-[17%]" /><col className="w-[15%]" /><col className="w-[20%]" /><col /></colgroup>
          <thead className="bg-zinc-50 text-left text-zinc-600">
            <tr><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">Who</th><th scope="col" className="px-3 py-2">What</th><th scope="col" className="px-3 py-2">Change</th></tr>
          </thead>
          <tbody>
            {page.rows.map((r) => ({ r, lines: r.entity === "delivery" ? describeDeliveryAction(r.action, r.details) : detailLines(r.details, nameOf) })).map(({ r, lines }) => (
              <tr key={String(r.id)} className="border-t border-zinc-100 align-top">
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.at, tz)}</td>
                <td className="px-3 py-2">{actorLabel(r)}</td>
                <td className="px-3 py-2">
                  <div>{AUDIT_AREAS[r.entity] ?? r.entity} · {DELIVERY_ACTION_TITLES[r.action] ?? r.action.split(".").at(-1)}</div>
                  {r.entity === "scenario" && r.entityId
                    ? <Link href={`/scenarios/${r.entityId}`} className="text-xs text-blue-800 underline">{String((r.details as { code?: string })?.code ?? r.entityId)}</Link>
                    : r.entity === "patron-contact" && r.entityId
                      ? <Link href={`/patrons/${r.entityId}`} className="text-xs text-blue-800 underline">{patronContactLabel(r.details, r.entityId)}</Link>
                    : r.entity === "delivery" && r.entityId
                      ? <Link href={`/notices/deliveries/${r.entityId}`} className="text-xs text-blue-800 underline">Delivery #{r.entityId}</Link>
                      : <div className="text-xs text-zinc-600">{r.entityId}</div>}
                </td>
                <td className="px-3 py-2">
                  <ul className="space-y-0.5 break-words">{lines.slice(0, 12).map((line, i) => <li key={i}>{line}</li>)}</ul>
                  {lines.length > 12 && <p className="text-xs text-zinc-600">and {lines.length - 12} more</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages" className="flex gap-2">
        {page.newer !== undefined && <Link className={buttonClass("outline")} href={link({ after: page.newer })}>← Newer</Link>}
        {page.older !== undefined && <Link className={buttonClass("outline")} href={link({ before: page.older })}>Older →</Link>}
      </nav>
    </div>
  );
}
