import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ScenarioConfig } from "./plan-types";

/** Enabled scenarios (or the ones named, enabled or not) with their enabled levels, as plain numbers. */
export async function loadScenarios(db: PrismaClient, ids?: number[]): Promise<ScenarioConfig[]> {
  const rows = await db.scenario.findMany({
    where: ids ? { id: { in: ids } } : { isEnabled: true },
    include: { levels: { where: { isEnabled: true }, orderBy: { level: "asc" }, include: { template: { select: { name: true } } } } },
    orderBy: { id: "asc" },
  });
  return rows
    .filter((s) => s.levels.length > 0)
    .map(({ levels, ...s }) => ({
      id: s.id,
      code: s.code,
      kind: s.kind,
      name: s.name,
      frequency: s.frequency,
      weekday: s.weekday,
      monthDay: s.monthDay,
      runAt: s.runAt,
      catchUpDays: s.catchUpDays,
      restrictChannels: s.restrictChannels,
      printOverride: s.printOverride,
      separationGroup: s.separationGroup,
      includeCategoryIds: s.includeCategoryIds ?? [],
      excludeCategoryIds: s.excludeCategoryIds,
      excludeAcademicLevelIds: s.excludeAcademicLevelIds,
      excludeLibraryGroupIds: s.excludeLibraryGroupIds,
      levels: levels.map((l) => ({
        id: l.id,
        level: l.level,
        periodDays: l.periodDays,
        amount: l.amount === null ? null : Number(l.amount),
        contactKinds: l.contactKinds,
        templateId: l.templateId,
        templateName: l.template.name,
        processingChargeCode: l.processingChargeCode,
        processingChargeAmount: l.processingChargeAmount === null ? null : Number(l.processingChargeAmount),
        showItemCost: l.showItemCost,
        printMedia: l.printMedia,
        separationGroup: l.separationGroup,
        excludeCategoryIds: l.excludeCategoryIds ?? [],
        excludeAcademicLevelIds: l.excludeAcademicLevelIds ?? [],
        excludeLibraryGroupIds: l.excludeLibraryGroupIds ?? [],
      })),
    }));
}
