import { describe, expect, it } from "vitest";
import { describeChange } from "@/lib/audit/describe-change";

describe("an audit row's change in words", () => {
  it("lists only what changed, levels by position, and skips bookkeeping", () => {
    const before = { name: "Overdue", runAt: "02:00", updatedAt: "x", excludeCategoryIds: [], levels: [{ id: 1, level: 1, periodDays: 7 }, { id: 2, level: 2, periodDays: 14, excludeAcademicLevelIds: [] }] };
    const after = { name: "Overdue", runAt: "05:30", updatedAt: "y", excludeCategoryIds: [3], levels: [{ id: 1, level: 1, periodDays: 7 }, { id: 2, level: 2, periodDays: 21, excludeAcademicLevelIds: [4] }, { id: 9, level: 3, periodDays: 28 }] };
    expect(describeChange(before, after)).toEqual([
      "Run time: 02:00 → 05:30", "Excluded patron categories: (none) → 3",
      "Level 2 · Days: 14 → 21", "Level 2 · Excluded academic levels: (none) → 4", "Level 3 · created",
    ]);
    const nameOf = (field: string, id: number) => ({ excludeCategoryIds: { 3: "Junior" }, excludeAcademicLevelIds: { 4: "Undergraduate" } } as Record<string, Record<number, string>>)[field]?.[id];
    expect(describeChange(before, after, "", nameOf)).toContain("Level 2 · Excluded academic levels: (none) → Undergraduate");
    expect(describeChange(before, after, "", nameOf)).toContain("Excluded patron categories: (none) → Junior");
  });
  it("says created and removed, and nothing for no change", () => {
    expect(describeChange(null, { a: 1 })).toEqual(["created"]);
    expect(describeChange({ a: 1 }, null)).toEqual(["removed"]);
    expect(describeChange({ a: 1, levels: [] }, { a: 1, levels: [] })).toEqual([]);
    expect(describeChange({ ledgerRetentionMonths: 24 }, { ledgerRetentionMonths: 12 })).toEqual(["Months of notice history kept: 24 → 12"]);
  });
});
