// What the scenarios page and the scenario editor read. Configuration is a few dozen rows; the last run per scenario
// comes from NoticeRun (a few per scenario a day), newest first by its primary key.
import type { NoticeKind } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { KINDS } from "@/lib/notices/kinds";
import { familyOfKind } from "@/lib/templates/placeholders";
import { localDateTime } from "@/lib/time/library-date";
import { describeSchedule, nextRunDate } from "./describe-schedule";
import { KIND_GROUPS, kindFields } from "./kind-fields";
import type { ScenarioInputValues } from "./schemas";

export type ScenarioRow = Awaited<ReturnType<typeof listScenarios>>["groups"][number]["scenarios"][number];

function periodSummary(kind: NoticeKind, levels: { periodDays: number; amount: { toFixed(d: number): string } | null; isEnabled: boolean }[]) {
  const f = kindFields(kind);
  const on = levels.filter((l) => l.isEnabled);
  if (kind === "LF") return on.map((l) => l.amount?.toFixed(2) ?? "?").join(", ") + " in fines";
  if (!f.usesPeriod) return KINDS[kind].period;
  const period = on.length === 1 && Math.abs(on[0].periodDays) === 1 ? KINDS[kind].period.replace(/^days/, "day") : KINDS[kind].period;
  return `${on.map((l) => l.periodDays).join(", ")} ${period}`;
}

export async function listScenarios(db: PrismaClient) {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  const tz = settings?.timeZone ?? "UTC";
  const now = localDateTime(tz).stamp;
  const [scenarios, lastRuns] = await Promise.all([
    db.scenario.findMany({ include: { levels: { orderBy: { level: "asc" } } }, orderBy: [{ kind: "asc" }, { name: "asc" }] }),
    db.$queryRaw<{ scenarioId: number; id: number; runDate: Date; status: string; noticesPlanned: number; deliveriesPlanned: number; startedAt: Date; scenarios: number }[]>`
      SELECT DISTINCT ON (s.id) s.id AS "scenarioId", r.id, r."runDate", r.status::text AS status, r."noticesPlanned",
        r."deliveriesPlanned", r."startedAt", cardinality(r."scenarioIds") AS scenarios
      FROM "Scenario" s JOIN LATERAL (
        SELECT * FROM "NoticeRun" r WHERE s.id = ANY(r."scenarioIds") ORDER BY r.id DESC LIMIT 1) r ON true
      ORDER BY s.id`,
  ]);
  const lastRun = new Map(lastRuns.map((r) => [r.scenarioId, r]));
  const rows = scenarios.map((s) => ({
    id: s.id, code: s.code, name: s.name, kind: s.kind, kindLabel: KINDS[s.kind].label, isEnabled: s.isEnabled,
    schedule: describeSchedule(s, tz),
    levels: s.levels.length,
    levelsOff: s.levels.filter((l) => !l.isEnabled).length,
    periods: periodSummary(s.kind, s.levels),
    nextRun: s.isEnabled ? nextRunDate(s, now) : null,
    lastRun: lastRun.get(s.id) ?? null,
  }));
  return {
    timeZone: tz,
    groups: KIND_GROUPS.map((g) => ({
      title: g.title,
      scenarios: rows.filter((r) => g.kinds.includes(r.kind)),
      missingKinds: g.kinds.filter((k) => !rows.some((r) => r.kind === k)).map((k) => ({ kind: k, label: KINDS[k].label })),
    })),
  };
}

/** The lists the editor's pickers choose from. */
export async function scenarioOptions(db: PrismaClient, kind: NoticeKind) {
  const [templates, categories, academicLevels, libraryGroups, settings] = await Promise.all([
    db.template.findMany({ where: { family: familyOfKind(kind) }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.patronCategory.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.academicLevel.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.libraryGroup.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } }),
  ]);
  return { templates, categories, academicLevels, libraryGroups, timeZone: settings?.timeZone ?? "UTC" };
}

export type ScenarioOptions = Awaited<ReturnType<typeof scenarioOptions>>;

/** A saved scenario as the editor's form values (money as text, as typed). */
export async function scenarioFormValues(db: PrismaClient, id: number): Promise<(ScenarioInputValues & { id: number; expectedUpdatedAt: string }) | null> {
  const s = await db.scenario.findUnique({ where: { id }, include: { levels: { orderBy: { level: "asc" } } } });
  if (!s) return null;
  return {
    id: s.id, expectedUpdatedAt: s.updatedAt.toISOString(), code: s.code, kind: s.kind, name: s.name, isEnabled: s.isEnabled,
    frequency: s.frequency, weekday: s.weekday, monthDay: s.monthDay, runAt: s.runAt, catchUpDays: s.catchUpDays,
    restrictChannels: s.restrictChannels, printOverride: s.printOverride, separationGroup: s.separationGroup ?? "",
    includeCategoryIds: s.includeCategoryIds ?? [], excludeCategoryIds: s.excludeCategoryIds,
    excludeAcademicLevelIds: s.excludeAcademicLevelIds, excludeLibraryGroupIds: s.excludeLibraryGroupIds,
    levels: s.levels.map((l) => ({
      id: l.id, isEnabled: l.isEnabled, periodDays: l.periodDays, amount: l.amount?.toFixed(2) ?? "", contactKinds: l.contactKinds,
      templateId: l.templateId, processingChargeCode: l.processingChargeCode ?? "", processingChargeAmount: l.processingChargeAmount?.toFixed(2) ?? "",
      showItemCost: l.showItemCost, printMedia: l.printMedia ?? "", separationGroup: l.separationGroup ?? "",
      excludeCategoryIds: l.excludeCategoryIds, excludeAcademicLevelIds: l.excludeAcademicLevelIds, excludeLibraryGroupIds: l.excludeLibraryGroupIds,
    })),
  };
}

/** A new scenario of a kind: one level with the family's first template, enabled, daily at 02:00. */
export function newScenarioValues(kind: NoticeKind, templateId: number | undefined): ScenarioInputValues {
  return {
    code: "", kind, name: KINDS[kind].label, isEnabled: false, frequency: "DAILY", weekday: null, monthDay: null, runAt: "02:00",
    catchUpDays: 30, restrictChannels: [], printOverride: false, separationGroup: "", includeCategoryIds: [], excludeCategoryIds: [],
    excludeAcademicLevelIds: [], excludeLibraryGroupIds: [],
    levels: [{
      isEnabled: true, periodDays: kindFields(kind).usesPeriod ? 0 : null, amount: kind === "LF" ? "1.00" : "", contactKinds: ["SELF"],
      templateId: templateId ?? 0, processingChargeCode: "", processingChargeAmount: "", showItemCost: false, printMedia: "", separationGroup: "",
      excludeCategoryIds: [], excludeAcademicLevelIds: [], excludeLibraryGroupIds: [],
    }],
  };
}
