// "What would this change send?": the next run of a scenario as saved and as edited, counted per level, by the engine's
// own planner in a dry run (nothing is written). Each configuration is counted on its own next run date, which the
// answer names, so a schedule change shows where the run moves as well as what it sends.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadScenarios } from "@/lib/notices/load-scenarios";
import { planRun } from "@/lib/notices/plan-run";
import type { ScenarioConfig } from "@/lib/notices/plan-types";
import { localDateTime } from "@/lib/time/library-date";
import { nextRunDate } from "./describe-schedule";
import type { ScenarioSave } from "./schemas";
import { kindFields } from "./kind-fields";

export type LevelCount = { level: number; patrons: number; notices: number };
export type RunCounts = { runDate: string; enabled: boolean; levels: LevelCount[] };

/** The editor's values as the planner's configuration: new levels get negative ids (no notice names them yet). */
export async function configFromInput(db: PrismaClient, input: ScenarioSave): Promise<ScenarioConfig> {
  const templates = new Map((await db.template.findMany({ where: { id: { in: input.levels.map((l) => l.templateId) } }, select: { id: true, name: true } }))
    .map((t) => [t.id, t.name]));
  const f = kindFields(input.kind);
  return {
    id: input.id ?? 0, code: input.code, kind: input.kind, name: input.name, frequency: input.frequency,
    weekday: input.frequency === "WEEKLY" ? input.weekday : null, monthDay: input.frequency === "MONTHLY" ? input.monthDay : null,
    runAt: input.runAt, catchUpDays: input.catchUpDays, restrictChannels: input.restrictChannels, printOverride: input.printOverride,
    separationGroup: input.separationGroup, includeCategoryIds: input.includeCategoryIds, excludeCategoryIds: input.excludeCategoryIds,
    excludeAcademicLevelIds: input.excludeAcademicLevelIds, excludeLibraryGroupIds: input.excludeLibraryGroupIds,
    levels: input.levels.flatMap((l, i) => (l.isEnabled || !f.isLevelled ? [{
      id: l.id ?? -(i + 1), level: i + 1, periodDays: f.usesPeriod ? (l.periodDays ?? 0) : 0,
      amount: l.amount === null ? null : Number(l.amount), contactKinds: l.contactKinds, templateId: l.templateId,
      templateName: templates.get(l.templateId) ?? "", processingChargeCode: l.processingChargeCode,
      processingChargeAmount: l.processingChargeAmount === null ? null : Number(l.processingChargeAmount), showItemCost: l.showItemCost,
      printMedia: l.printMedia, separationGroup: l.separationGroup, excludeCategoryIds: l.excludeCategoryIds,
      excludeAcademicLevelIds: l.excludeAcademicLevelIds, excludeLibraryGroupIds: l.excludeLibraryGroupIds,
    }] : [])),
  };
}

/** Patrons messaged and notices recorded at each level of one scenario's run on its next date. */
export async function countNextRun(db: PrismaClient, scenario: ScenarioConfig, isEnabled: boolean, now: string, allLevels: number[]): Promise<RunCounts> {
  const runDate = nextRunDate(scenario, now);
  const counts = new Map(allLevels.map((n) => [n, { level: n, patrons: new Set<number>(), notices: 0 }]));
  if (scenario.levels.length) {
    const plan = await planRun(db, { runDate, trigger: "REPLAY", dryRun: true, scenarios: [scenario], today: now.slice(0, 10) });
    const seen = new Set<object>();
    for (const d of plan.preview) {
      for (const m of d.messages) {
        if (seen.has(m)) continue; // a message goes to each of its contacts: count it once
        seen.add(m);
        const c = counts.get(m.level.level) ?? { level: m.level.level, patrons: new Set<number>(), notices: 0 };
        counts.set(m.level.level, c);
        c.patrons.add(m.patronId);
        c.notices += m.notices.length;
      }
    }
  }
  const levels = [...counts.values()].sort((a, b) => a.level - b.level).map((c) => ({ level: c.level, patrons: c.patrons.size, notices: c.notices }));
  return { runDate, enabled: isEnabled, levels };
}

/**
 * The next run as saved and as edited. Each count is a pass over every patron (on the 200,000-patron benchmark library
 * with an empty ledger, the overdue escalation's is about 7 s), so the editor asks for `saved` when it opens (the form
 * is the saved configuration: one count, shown as both) and `edited` after each change; `both` counts twice.
 */
export async function previewScenarioChange(db: PrismaClient, input: ScenarioSave, options: { count?: "saved" | "edited" | "both" } = {}) {
  const count = options.count ?? "both";
  const settings = await db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const now = localDateTime(settings?.timeZone ?? "UTC").stamp;
  const edited = await configFromInput(db, input);
  const saved = input.id ? (await loadScenarios(db, [input.id]))[0] : undefined;
  const savedRow = input.id ? await db.scenario.findUnique({ where: { id: input.id }, include: { levels: { select: { level: true } } } }) : null;
  const allLevels = [...new Set([...input.levels.map((_, i) => i + 1), ...(savedRow?.levels.map((l) => l.level) ?? [])])];
  // One after the other: each is a pass over every patron, and the machine planning tonight's run may be this one.
  // A saved scenario with every level switched off is not loaded by the planner: it would send nothing.
  const savedConfig = saved ?? (savedRow ? { ...edited, frequency: savedRow.frequency, weekday: savedRow.weekday, monthDay: savedRow.monthDay, runAt: savedRow.runAt, levels: [] } : undefined);
  const current = count !== "edited" && savedConfig && savedRow ? await countNextRun(db, savedConfig, savedRow.isEnabled, now, allLevels) : null;
  const changed = count === "saved" && current ? current : await countNextRun(db, edited, input.isEnabled, now, allLevels);
  return { now, current, edited: changed };
}
