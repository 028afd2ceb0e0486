// Settings → Patron lists, read side: which scenarios name each list entry, and which scenario levels send to each
// contact kind. Scenarios are few (tens), so one read of their id arrays, mapped here, is cheaper and simpler than a
// query per entry; the in-use refusal itself stays in lists.ts (checked under a lock when deleting).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ContactKind } from "@/lib/generated/prisma/enums";
import type { ListName } from "./lists";

/** One way a scenario names an entry, in staff's words: "Loans overdue (excludes)", "Debarral (excludes at level 2)". */
export type EntryUse = { scenario: string; how: string };
export type ListUses = Record<ListName, Map<number, EntryUse[]>>;

type Ids = { includeCategoryIds: number[]; excludeCategoryIds: number[]; excludeAcademicLevelIds: number[]; excludeLibraryGroupIds: number[] };

export async function listEntryUses(db: PrismaClient): Promise<ListUses> {
  const scenarios = await db.scenario.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true, includeCategoryIds: true, excludeCategoryIds: true, excludeAcademicLevelIds: true, excludeLibraryGroupIds: true,
      levels: { orderBy: { level: "asc" }, select: { level: true, excludeCategoryIds: true, excludeAcademicLevelIds: true, excludeLibraryGroupIds: true } },
    },
  });
  const uses: ListUses = { category: new Map(), "academic-level": new Map(), group: new Map() };
  const add = (list: ListName, ids: number[], use: EntryUse) => {
    for (const id of ids) uses[list].set(id, [...(uses[list].get(id) ?? []), use]);
  };
  for (const s of scenarios) {
    add("category", s.includeCategoryIds, { scenario: s.name, how: "includes only these" });
    const excludes = (ids: Pick<Ids, "excludeCategoryIds" | "excludeAcademicLevelIds" | "excludeLibraryGroupIds">, how: string) => {
      add("category", ids.excludeCategoryIds, { scenario: s.name, how });
      add("academic-level", ids.excludeAcademicLevelIds, { scenario: s.name, how });
      add("group", ids.excludeLibraryGroupIds, { scenario: s.name, how });
    };
    excludes(s, "excludes");
    for (const l of s.levels) excludes(l, `excludes at level ${l.level}`);
  }
  return uses;
}

/** Each contact kind with the scenario levels that send to it and how many patron contacts of that kind are on file. */
export async function listContactKindUses(db: PrismaClient, kinds: readonly ContactKind[]) {
  const [levels, contacts] = await Promise.all([
    db.scenarioLevel.findMany({
      where: { isEnabled: true },
      orderBy: [{ scenario: { name: "asc" } }, { level: "asc" }],
      select: { level: true, contactKinds: true, scenario: { select: { name: true } } },
    }),
    db.patronContact.groupBy({ by: ["kind"], _count: { _all: true } }),
  ]);
  return kinds.map((kind) => ({
    kind,
    contacts: contacts.find((c) => c.kind === kind)?._count._all ?? 0,
    levels: levels.filter((l) => l.contactKinds.includes(kind)).map((l) => ({ scenario: l.scenario.name, level: l.level })),
  }));
}
