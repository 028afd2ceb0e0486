import { describe, expect, it } from "vitest";
import type { ScenarioConfig } from "@/lib/notices/plan-types";
import { scenariosExcluding } from "./excluded-by";

const scenario = (name: string, extra: Partial<ScenarioConfig> = {}) => ({
  name, includeCategoryIds: [], excludeCategoryIds: [], excludeAcademicLevelIds: [], excludeLibraryGroupIds: [], ...extra,
}) as ScenarioConfig;

describe("scenariosExcluding", () => {
  it("names each scenario that leaves the patron out, and why", () => {
    const scenarios = [
      scenario("Everyone"),
      scenario("Children only", { includeCategoryIds: [2] }),
      scenario("Not staff", { excludeCategoryIds: [3, 1] }),
      scenario("Not year 7", { excludeAcademicLevelIds: [7] }),
      scenario("Not the book club", { excludeLibraryGroupIds: [9] }),
      scenario("Adults too", { includeCategoryIds: [1, 2] }),
    ];
    expect(scenariosExcluding(scenarios, { categoryId: 1, academicLevelId: 7, groupIds: [4, 9] })).toEqual([
      { name: "Children only", why: "for other patron categories only" },
      { name: "Not staff", why: "excludes their patron category" },
      { name: "Not year 7", why: "excludes their academic level" },
      { name: "Not the book club", why: "excludes one of their library groups" },
    ]);
    expect(scenariosExcluding(scenarios, { categoryId: 2, academicLevelId: null, groupIds: [] })).toEqual([]);
  });
});
