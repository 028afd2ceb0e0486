// The audit log page: newest first, filtered by area (the entity) and person, in pages of 50 by id (keyset: the log
// grows for ever, so no OFFSET and no count).
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const AUDIT_AREAS: Record<string, string> = {
  scenario: "Scenarios", template: "Templates", settings: "Library settings", "api-token": "API tokens", staff: "Staff accounts", import: "Imports", library: "Library data",
  branch: "Branches and closed days", "patron-lists": "Patron lists", configuration: "Configuration file",
  "patron-contact": "Patron contacts",
  delivery: "Deliveries",
  supplier: "Suppliers", "purchase-order": "Purchase orders",
};

export const AuditQuery = z.object({
  area: z.string().max(40).optional().catch(undefined),
  person: z.coerce.number().int().positive().optional().catch(undefined),
  before: z.coerce.bigint().optional().catch(undefined), // older than this id
  after: z.coerce.bigint().optional().catch(undefined), // newer than this id
});
export type AuditQuery = z.infer<typeof AuditQuery>;

const PAGE = 50;

export async function listAudit(db: PrismaClient, q: AuditQuery) {
  const where = {
    ...(q.area ? { entity: q.area } : {}),
    ...(q.person ? { actorId: q.person } : {}),
    ...(q.before ? { id: { lt: q.before } } : q.after ? { id: { gt: q.after } } : {}),
  };
  const rows = await db.auditLog.findMany({
    where, orderBy: { id: q.after && !q.before ? "asc" : "desc" }, take: PAGE + 1, include: { actor: { select: { name: true, email: true } } },
  });
  const more = rows.length > PAGE;
  const page = rows.slice(0, PAGE);
  if (q.after && !q.before) page.reverse();
  return {
    rows: page,
    // Links: older exists when this page is full going back (or we came from a newer page); newer when not the first page.
    older: (q.after && !q.before) || more ? page.at(-1)?.id : undefined,
    newer: q.before || (q.after && more) ? page[0]?.id : undefined,
  };
}

/** Who appears in the log, for the person filter. */
export async function auditPeople(db: PrismaClient) {
  return db.staffUser.findMany({ where: { auditEntries: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

type Named = { id: number; name: string }[];
type ConfigLists = { categories: Named; academicLevels: Named; libraryGroups: Named; templates: Named };

/** Names for describeChange from lists already loaded (the scenario editor has them): by the field an id is in. */
export function namesFrom(lists: ConfigLists) {
  const maps = {
    category: new Map(lists.categories.map((c) => [c.id, c.name])), academic: new Map(lists.academicLevels.map((a) => [a.id, a.name])),
    group: new Map(lists.libraryGroups.map((g) => [g.id, g.name])), template: new Map(lists.templates.map((t) => [t.id, t.name])),
  };
  const table = (field: string) => (/Category/.test(field) ? "category" : /AcademicLevel/.test(field) ? "academic" : /LibraryGroup/.test(field) ? "group" : field === "templateId" ? "template" : null);
  return (field: string, id: number) => {
    const t = table(field);
    return t ? maps[t].get(id) : undefined;
  };
}

/** Names of the configuration's ids for describeChange: patron categories, academic levels, library groups, templates. */
export async function configNames(db: PrismaClient) {
  const select = { select: { id: true, name: true } } as const;
  const [categories, academicLevels, libraryGroups, templates] = await Promise.all([
    db.patronCategory.findMany(select), db.academicLevel.findMany(select), db.libraryGroup.findMany(select), db.template.findMany(select),
  ]);
  return namesFrom({ categories, academicLevels, libraryGroups, templates });
}
