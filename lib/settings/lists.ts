// Settings → Patron lists: patron categories, academic levels and library groups, the three lists scenarios include
// and exclude by. Each entry has a code (what imports, the API and the configuration file name it by) and a name
// (what staff and pickers show). Decisions:
// - An entry that patrons or scenarios name is not deleted (a scenario's exclusion would silently widen); the refusal
//   says who names it. Renaming is always allowed; a code change is allowed too (ids, not codes, are stored).
// - Contact kinds (self, parent, guardian, teacher, other) are fixed by the engine (an enum): they are listed, with the
//   levels that send to each, not edited.
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { actorColumns, type Actor } from "@/lib/audit/actor";

export const LISTS = {
  category: { label: "Patron categories", one: "patron category", patronColumn: "categoryId", scenarioColumns: ["includeCategoryIds", "excludeCategoryIds"], levelColumns: ["excludeCategoryIds"] },
  "academic-level": { label: "Academic levels", one: "academic level", patronColumn: "academicLevelId", scenarioColumns: ["excludeAcademicLevelIds"], levelColumns: ["excludeAcademicLevelIds"] },
  group: { label: "Library groups", one: "library group", patronColumn: null, scenarioColumns: ["excludeLibraryGroupIds"], levelColumns: ["excludeLibraryGroupIds"] },
} as const;
export type ListName = keyof typeof LISTS;
export const LIST_NAMES = Object.keys(LISTS) as ListName[];

export const ListEntryInput = z.object({
  list: z.enum(LIST_NAMES, { error: "one of category, academic-level, group" }),
  id: z.number().int().positive().optional(),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, "letters, digits, - or _, up to 20 (e.g. ADULT)"),
  name: z.string().trim().min(1, "the name staff see in lists").max(80, "at most 80 characters"),
});
export const ListEntryDeletion = z.object({ list: z.enum(LIST_NAMES), id: z.number().int().positive() });

type Tx = Prisma.TransactionClient;
type Entry = { id: number; code: string; name: string };

// The three tables have the same shape; Prisma's delegates differ only in type.
function table(tx: Tx, list: ListName) {
  const t = list === "category" ? tx.patronCategory : list === "academic-level" ? tx.academicLevel : tx.libraryGroup;
  return t as unknown as {
    findUnique(a: { where: { id: number } | { code: string } }): Promise<Entry | null>;
    findMany(a: { orderBy: { name: "asc" } }): Promise<Entry[]>;
    create(a: { data: { code: string; name: string } }): Promise<Entry>;
    update(a: { where: { id: number }; data: { code: string; name: string } }): Promise<Entry>;
    delete(a: { where: { id: number } }): Promise<Entry>;
  };
}

const TABLE_SQL: Record<ListName, string> = { category: `"PatronCategory"`, "academic-level": `"AcademicLevel"`, group: `"LibraryGroup"` };

async function audit(tx: Tx, actor: Actor, action: string, list: ListName, id: number, before: unknown, after: unknown) {
  await tx.auditLog.create({
    data: { ...actorColumns(actor), action: `${list}.${action}`, entity: "patron-lists", entityId: `${list}:${id}`, details: { before, after } as Prisma.InputJsonValue },
  });
}

export async function saveListEntry(db: PrismaClient, input: z.output<typeof ListEntryInput>, actor: Actor) {
  return db.$transaction((tx) => saveListEntryTx(tx, input, actor));
}

export async function saveListEntryTx(tx: Tx, input: z.output<typeof ListEntryInput>, actor: Actor) {
  const t = table(tx, input.list);
  const clash = await t.findUnique({ where: { code: input.code } });
  if (clash && clash.id !== input.id) {
    throw new AppError("INVALID", `Not saved: another ${LISTS[input.list].one} has the code ${input.code}.`, { code: [`another ${LISTS[input.list].one} has this code`] });
  }
  const before = input.id ? await t.findUnique({ where: { id: input.id } }) : null;
  if (input.id && !before) throw new AppError("NOT_FOUND", `No ${LISTS[input.list].one} ${input.id}: reload the page.`);
  const data = { code: input.code, name: input.name };
  const entry = before ? await t.update({ where: { id: before.id }, data }) : await t.create({ data });
  const changed = !before || before.code !== entry.code || before.name !== entry.name;
  if (changed) await audit(tx, actor, before ? "update" : "create", input.list, entry.id, before ? { code: before.code, name: before.name } : null, data);
  return { entry, changed };
}

/** Who names an entry: patrons (count) and scenarios (names), for the refusal to delete it and for the page. */
async function usesOf(tx: Tx | PrismaClient, list: ListName, id: number) {
  const spec = LISTS[list];
  const patrons = spec.patronColumn
    ? (await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Patron" WHERE "${spec.patronColumn}" = $1`, id))[0].n
    : (await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "PatronLibraryGroup" WHERE "groupId" = ${id}`)[0].n;
  const scenarioTest = spec.scenarioColumns.map((c) => `$1 = ANY(s."${c}")`).join(" OR ");
  const levelTest = spec.levelColumns.map((c) => `$1 = ANY(l."${c}")`).join(" OR ");
  const scenarios = await tx.$queryRawUnsafe<{ name: string }[]>(
    `SELECT s.name FROM "Scenario" s WHERE ${scenarioTest} OR EXISTS (SELECT 1 FROM "ScenarioLevel" l WHERE l."scenarioId" = s.id AND (${levelTest})) ORDER BY s.name`, id);
  return { patrons, scenarios: scenarios.map((s) => s.name) };
}

export async function deleteListEntry(db: PrismaClient, input: z.output<typeof ListEntryDeletion>, actor: Actor) {
  return db.$transaction(async (tx) => {
    // Locked, so a patron or a scenario saved meanwhile cannot start naming it between the check and the delete.
    const [entry] = await tx.$queryRawUnsafe<Entry[]>(`SELECT id, code, name FROM ${TABLE_SQL[input.list]} WHERE id = $1 FOR UPDATE`, input.id);
    if (!entry) throw new AppError("NOT_FOUND", `No ${LISTS[input.list].one} ${input.id}: reload the page.`);
    const uses = await usesOf(tx, input.list, input.id);
    const named = [
      uses.patrons ? `${uses.patrons.toLocaleString("en")} patron${uses.patrons === 1 ? "" : "s"}` : null,
      uses.scenarios.length ? `the scenario${uses.scenarios.length === 1 ? "" : "s"} ${uses.scenarios.join(", ")}` : null,
    ].filter(Boolean);
    const one = named.length === 1 && (uses.patrons === 1 || uses.scenarios.length === 1);
    if (named.length) throw new AppError("CONFLICT", `${entry.name} is not deleted: ${named.join(" and ")} ${one ? "names" : "name"} it.`);
    await table(tx, input.list).delete({ where: { id: input.id } });
    await audit(tx, actor, "delete", input.list, entry.id, { code: entry.code, name: entry.name }, null);
    return entry;
  });
}

/** Every list with how many patrons each entry has (one grouped count per list, not one per entry). */
export async function listPatronLists(db: PrismaClient) {
  const [categories, levels, groups, byCategory, byLevel, byGroup] = await Promise.all([
    db.patronCategory.findMany({ orderBy: { name: "asc" } }),
    db.academicLevel.findMany({ orderBy: { name: "asc" } }),
    db.libraryGroup.findMany({ orderBy: { name: "asc" } }),
    db.$queryRaw<{ id: number; n: number }[]>`SELECT "categoryId" AS id, count(*)::int AS n FROM "Patron" GROUP BY 1`,
    db.$queryRaw<{ id: number; n: number }[]>`SELECT "academicLevelId" AS id, count(*)::int AS n FROM "Patron" WHERE "academicLevelId" IS NOT NULL GROUP BY 1`,
    db.$queryRaw<{ id: number; n: number }[]>`SELECT "groupId" AS id, count(*)::int AS n FROM "PatronLibraryGroup" GROUP BY 1`,
  ]);
  const withCounts = (rows: Entry[], counts: { id: number; n: number }[]) =>
    rows.map((r) => ({ id: r.id, code: r.code, name: r.name, patrons: counts.find((c) => c.id === r.id)?.n ?? 0 }));
  return {
    category: withCounts(categories, byCategory),
    "academic-level": withCounts(levels, byLevel),
    group: withCounts(groups, byGroup),
  } satisfies Record<ListName, unknown>;
}
