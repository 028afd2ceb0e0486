// One scenario in the configuration file's shape (patron categories, academic levels and library groups by code, each
// level's template by name, levels in order) saved through saveScenarioTx, as the configuration import and
// PUT /api/v1/config/scenarios/{code} both do. Levels are matched to the saved ones by position, so a level keeps its
// id (and the notices that name it) when its settings change. Refusals name the file's fields (excludeAcademicLevels,
// levels[1].template), never the ids behind them, and every unknown code at once.
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import type { Actor } from "@/lib/audit/actor";
import { saveScenarioTx, type SaveScenarioResult } from "@/lib/scenarios/save-scenario";
import { ScenarioInput } from "@/lib/scenarios/schemas";
import type { ScenarioFile } from "./schema";

type Tx = Prisma.TransactionClient;
type Row = { id: number; code: string };
type List = "patronCategory" | "academicLevel" | "libraryGroup";
export type ScenarioReferences = Record<List, Row[]> & { templates: Map<string, number> };

/** The codes and template names a scenario may name, read once (an import saves many scenarios with them). */
export async function loadScenarioReferences(tx: Tx): Promise<ScenarioReferences> {
  const select = { select: { id: true, code: true } } as const;
  const [patronCategory, academicLevel, libraryGroup, templates] = await Promise.all([
    tx.patronCategory.findMany(select), tx.academicLevel.findMany(select), tx.libraryGroup.findMany(select),
    tx.template.findMany({ select: { id: true, name: true } }),
  ]);
  return { patronCategory, academicLevel, libraryGroup, templates: new Map(templates.map((t) => [t.name, t.id])) };
}

// The save's fields (ids) by the names the file gives them (codes, the template's name).
const FILE_NAMES: Record<string, string> = {
  includeCategoryIds: "includeCategories", excludeCategoryIds: "excludeCategories", excludeAcademicLevelIds: "excludeAcademicLevels",
  excludeLibraryGroupIds: "excludeLibraryGroups", templateId: "template",
};
const fileField = (field: string) => field.replace(/(^|\.)(\w+)$/, (_m, dot: string, name: string) => dot + (FILE_NAMES[name] ?? name));

function inFileTerms(err: AppError): AppError {
  const fields = Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [fileField(k), v]));
  const entries = Object.entries(fields);
  const message = err.code === "INVALID" && entries.length ? `Not saved: ${entries.map(([k, v]) => `${k}: ${v[0]}`).join("; ")}` : err.message;
  return new AppError(err.code, message, fields);
}

/**
 * Creates the scenario of the file's code, or replaces the one saved under it, inside the caller's transaction.
 * `expectedUpdatedAt`: the version the caller read; a newer one is refused (409). Without it the saved one is replaced.
 */
export async function saveScenarioFromFile(
  tx: Tx, s: z.infer<typeof ScenarioFile>, options: { refs: ScenarioReferences; actor: Actor; expectedUpdatedAt?: string },
): Promise<SaveScenarioResult> {
  const { refs } = options;
  const errors: Record<string, string[]> = {};
  const idsOf = (field: string, list: List, codes: string[]) => {
    const missing = codes.filter((c) => !refs[list].some((r) => r.code === c));
    if (missing.length) errors[field] = [`no such code: ${missing.join(", ")}`];
    return codes.flatMap((c) => refs[list].find((r) => r.code === c)?.id ?? []);
  };
  const existing = await tx.scenario.findUnique({ where: { code: s.code }, include: { levels: { orderBy: { level: "asc" }, select: { id: true } } } });
  const levels = s.levels.map((l, j) => {
    const templateId = refs.templates.get(l.template);
    if (templateId === undefined) errors[`levels[${j}].template`] = [`no template named "${l.template}"`];
    return {
      id: existing?.levels[j]?.id, isEnabled: l.isEnabled, periodDays: l.periodDays, amount: l.amount, contactKinds: l.contactKinds,
      templateId: templateId ?? 0, processingChargeCode: l.processingChargeCode, processingChargeAmount: l.processingChargeAmount,
      showItemCost: l.showItemCost, printMedia: l.printMedia, separationGroup: l.separationGroup,
      excludeCategoryIds: idsOf(`levels[${j}].excludeCategories`, "patronCategory", l.excludeCategories),
      excludeAcademicLevelIds: idsOf(`levels[${j}].excludeAcademicLevels`, "academicLevel", l.excludeAcademicLevels),
      excludeLibraryGroupIds: idsOf(`levels[${j}].excludeLibraryGroups`, "libraryGroup", l.excludeLibraryGroups),
    };
  });
  const values = {
    id: existing?.id, expectedUpdatedAt: existing ? (options.expectedUpdatedAt ?? existing.updatedAt.toISOString()) : undefined,
    code: s.code, kind: s.kind, name: s.name, isEnabled: s.isEnabled, frequency: s.frequency, weekday: s.weekday, monthDay: s.monthDay,
    runAt: s.runAt, catchUpDays: s.catchUpDays, restrictChannels: s.restrictChannels, printOverride: s.printOverride, separationGroup: s.separationGroup,
    includeCategoryIds: idsOf("includeCategories", "patronCategory", s.includeCategories),
    excludeCategoryIds: idsOf("excludeCategories", "patronCategory", s.excludeCategories),
    excludeAcademicLevelIds: idsOf("excludeAcademicLevels", "academicLevel", s.excludeAcademicLevels),
    excludeLibraryGroupIds: idsOf("excludeLibraryGroups", "libraryGroup", s.excludeLibraryGroups),
    levels,
  };
  try {
    if (Object.keys(errors).length) throw new AppError("INVALID", "Not saved", errors);
    return await saveScenarioTx(tx, parseOrThrow(ScenarioInput, values), options.actor);
  } catch (err) {
    throw err instanceof AppError ? inFileTerms(err) : err;
  }
}
