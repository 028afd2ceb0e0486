// Which enabled scenarios leave a patron out by their exclusions (category, academic level, library group) or by being
// for other categories only: part of the patron page's "why would nothing go". Pure.
import type { ScenarioConfig } from "@/lib/notices/plan-types";

export type PatronFacts = { categoryId: number; academicLevelId: number | null; groupIds: number[] };

export function scenariosExcluding(scenarios: readonly ScenarioConfig[], patron: PatronFacts): { name: string; why: string }[] {
  const out: { name: string; why: string }[] = [];
  for (const s of scenarios) {
    const why = s.includeCategoryIds.length > 0 && !s.includeCategoryIds.includes(patron.categoryId) ? "for other patron categories only"
      : s.excludeCategoryIds.includes(patron.categoryId) ? "excludes their patron category"
        : patron.academicLevelId !== null && s.excludeAcademicLevelIds.includes(patron.academicLevelId) ? "excludes their academic level"
          : patron.groupIds.some((g) => s.excludeLibraryGroupIds.includes(g)) ? "excludes one of their library groups"
            : null;
    if (why) out.push({ name: s.name, why });
  }
  return out;
}
