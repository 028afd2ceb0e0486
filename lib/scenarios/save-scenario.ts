// Saving a scenario and its levels from the editor (or, later, the configuration API): one transaction, refused whole
// with each field's problem. Decisions someone will wonder about:
// - Concurrency: the editor sends the updatedAt it was opened on; the save locks the row and refuses a newer version
//   ("changed by … at …; reload"), so two librarians never silently overwrite each other.
// - A level with notices recorded cannot be removed, only switched off: its notices name it (Notice.levelId, the
//   once-only key), and the planner reads a loan's recorded level by that level's current number.
// - Level numbers follow the editor's order, which the schema holds to threshold order (switched-off levels too), so a
//   number always means the same escalation step. They are renumbered through negative numbers inside the transaction
//   because (scenarioId, level) is unique; notices key on the level's id, so renumbering never re-sends anything.
// - Saves of scenarios of one kind take turns (an advisory lock on the kind), so two saves at once cannot both pass
//   the category-overlap check.
// - Two enabled scenarios of one kind must not reach the same patron category (Spydus: one per borrower category).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { KINDS } from "@/lib/notices/kinds";
import { familyOfKind, FAMILY_LABELS } from "@/lib/templates/placeholders";
import { kindFields } from "./kind-fields";
import type { ScenarioSave } from "./schemas";
import { actorColumns, actorLabel, type Actor } from "@/lib/audit/actor";

type Tx = Prisma.TransactionClient;

const SCHEDULE_FIELDS = ["isEnabled", "frequency", "weekday", "monthDay", "runAt"] as const;

/** The saved configuration as the audit log and the export show it: plain values, levels in order. */
export async function scenarioSnapshot(db: Tx | PrismaClient, id: number) {
  const s = await db.scenario.findUnique({ where: { id }, include: { levels: { orderBy: { level: "asc" } } } });
  if (!s) return null;
  const { levels, scheduleSetAt, updatedAt, ...fields } = s;
  return {
    ...fields,
    levels: levels.map(({ scenarioId, amount, processingChargeAmount, ...l }) => ({
      ...l, amount: amount?.toFixed(2) ?? null, processingChargeAmount: processingChargeAmount?.toFixed(2) ?? null,
    })),
  };
}

function invalid(fieldErrors: Record<string, string[]>): never {
  const first = Object.entries(fieldErrors)[0];
  throw new AppError("INVALID", `Not saved: ${first[0]}: ${first[1][0]}`, fieldErrors);
}

async function checkReferences(tx: Tx, input: ScenarioSave) {
  const errors: Record<string, string[]> = {};
  const family = familyOfKind(input.kind);
  const templates = new Map((await tx.template.findMany({
    where: { id: { in: input.levels.map((l) => l.templateId) } }, select: { id: true, family: true, name: true },
  })).map((t) => [t.id, t]));
  input.levels.forEach((l, i) => {
    const t = templates.get(l.templateId);
    if (!t) errors[`levels[${i}].templateId`] = ["no such template"];
    else if (t.family !== family) errors[`levels[${i}].templateId`] = [`"${t.name}" is a ${FAMILY_LABELS[t.family].toLowerCase()} template; this notice needs one of ${FAMILY_LABELS[family].toLowerCase()}`];
  });
  const lists = [
    { field: "includeCategoryIds", ids: input.includeCategoryIds, table: "category" },
    { field: "excludeCategoryIds", ids: input.excludeCategoryIds, table: "category" },
    { field: "excludeAcademicLevelIds", ids: input.excludeAcademicLevelIds, table: "academic" },
    { field: "excludeLibraryGroupIds", ids: input.excludeLibraryGroupIds, table: "group" },
    ...input.levels.flatMap((l, i) => [
      { field: `levels[${i}].excludeCategoryIds`, ids: l.excludeCategoryIds, table: "category" },
      { field: `levels[${i}].excludeAcademicLevelIds`, ids: l.excludeAcademicLevelIds, table: "academic" },
      { field: `levels[${i}].excludeLibraryGroupIds`, ids: l.excludeLibraryGroupIds, table: "group" },
    ]),
  ];
  const [categories, academic, groups] = await Promise.all([
    tx.patronCategory.findMany({ select: { id: true, name: true } }),
    tx.academicLevel.findMany({ select: { id: true } }),
    tx.libraryGroup.findMany({ select: { id: true } }),
  ]);
  const known = { category: new Set(categories.map((c) => c.id)), academic: new Set(academic.map((a) => a.id)), group: new Set(groups.map((g) => g.id)) };
  for (const list of lists) {
    const unknown = list.ids.filter((id) => !known[list.table as keyof typeof known].has(id));
    if (unknown.length) errors[list.field] = [`no such entries: ${unknown.join(", ")}`];
  }
  return { errors, categories };
}

/** The patron categories a scenario reaches (its include list, or all, minus its excluded ones). */
function reachedCategories(s: { includeCategoryIds: number[]; excludeCategoryIds: number[] }, all: number[]) {
  return (s.includeCategoryIds.length ? s.includeCategoryIds : all).filter((id) => !s.excludeCategoryIds.includes(id));
}

async function checkOverlap(tx: Tx, input: ScenarioSave, categories: { id: number; name: string }[]) {
  if (!input.isEnabled) return;
  const others = await tx.scenario.findMany({
    where: { kind: input.kind, isEnabled: true, ...(input.id ? { id: { not: input.id } } : {}) },
    select: { code: true, name: true, includeCategoryIds: true, excludeCategoryIds: true },
  });
  const all = categories.map((c) => c.id);
  const mine = new Set(reachedCategories(input, all));
  for (const other of others) {
    const shared = reachedCategories({ includeCategoryIds: other.includeCategoryIds ?? [], excludeCategoryIds: other.excludeCategoryIds }, all)
      .filter((id) => mine.has(id));
    // With no categories defined at all, two enabled scenarios of a kind reach every patron.
    if (shared.length || all.length === 0) {
      const names = categories.filter((c) => shared.includes(c.id)).map((c) => c.name).join(", ") || "every patron";
      invalid({
        includeCategoryIds: [`"${other.name}" (${other.code}) is also an enabled ${KINDS[input.kind].label.toLowerCase()} scenario for ${names}: choose categories that do not overlap, or switch one off`],
      });
    }
  }
}

async function levelHasNotices(tx: Tx, scenarioId: number, levelId: number) {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "Notice" WHERE "scenarioId" = ${scenarioId} AND "levelId" = ${levelId}
    UNION ALL SELECT 1 FROM "EveryRunNotice" WHERE "scenarioId" = ${scenarioId} AND "levelId" = ${levelId} LIMIT 1`;
  return rows.length > 0;
}

function levelData(input: ScenarioSave, l: ScenarioSave["levels"][number]) {
  const f = kindFields(input.kind);
  return {
    isEnabled: f.isLevelled ? l.isEnabled : true, // a kind with one level is switched on and off as a whole
    periodDays: f.usesPeriod ? (l.periodDays ?? 0) : 0,
    amount: f.amount === "none" ? null : l.amount,
    contactKinds: l.contactKinds,
    templateId: l.templateId,
    processingChargeCode: l.processingChargeCode,
    processingChargeAmount: l.processingChargeAmount,
    showItemCost: l.showItemCost,
    printMedia: l.printMedia,
    separationGroup: l.separationGroup,
    excludeCategoryIds: l.excludeCategoryIds,
    excludeAcademicLevelIds: l.excludeAcademicLevelIds,
    excludeLibraryGroupIds: l.excludeLibraryGroupIds,
  };
}

export type SaveScenarioResult = { id: number; code: string; created: boolean; scheduleChanged: boolean; updatedAt: string };

/** Creates (no id) or updates a scenario with its levels in one transaction, with an audit row holding before → after. */
export async function saveScenario(db: PrismaClient, input: ScenarioSave, staff: Actor): Promise<SaveScenarioResult> {
  return db.$transaction((tx) => saveScenarioTx(tx, input, staff));
}

/** The save inside a transaction of the caller's (a configuration import saves every scenario in one). */
export async function saveScenarioTx(tx: Tx, input: ScenarioSave, staff: Actor): Promise<SaveScenarioResult> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`scenario-kind:${input.kind}`}))::text`;
  let before: Awaited<ReturnType<typeof scenarioSnapshot>> = null;
  if (input.id) {
    const locked = await tx.$queryRaw<{ updatedAt: Date }[]>`SELECT "updatedAt" FROM "Scenario" WHERE id = ${input.id} FOR UPDATE`;
    if (!locked.length) throw new AppError("NOT_FOUND", `No scenario ${input.id}: it may have been deleted.`);
    if (input.expectedUpdatedAt && locked[0].updatedAt.toISOString() !== input.expectedUpdatedAt) {
      const last = await tx.auditLog.findFirst({
        where: { entity: "scenario", entityId: String(input.id) }, orderBy: { at: "desc" }, include: { actor: { select: { name: true } } },
      });
      const who = last ? actorLabel(last) : "someone else";
      const when = (last?.at ?? locked[0].updatedAt).toISOString().slice(0, 16).replace("T", " ");
      throw new AppError("CONFLICT", `Not saved: this scenario was changed by ${who} at ${when} UTC after you opened it. Reload to see their change, then make yours again.`);
    }
    before = await scenarioSnapshot(tx, input.id);
    if (before!.kind !== input.kind) invalid({ kind: ["the kind of a saved scenario cannot change: create a new scenario instead"] });
    if (before!.code !== input.code) invalid({ code: ["the code of a saved scenario cannot change (runs and the API name it)"] });
  } else if (await tx.scenario.findUnique({ where: { code: input.code }, select: { id: true } })) {
    invalid({ code: ["another scenario has this code"] });
  }
  const { errors, categories } = await checkReferences(tx, input);
  if (Object.keys(errors).length) invalid(errors);
  await checkOverlap(tx, input, categories);

  const fields = {
    name: input.name, isEnabled: input.isEnabled, frequency: input.frequency,
    weekday: input.frequency === "WEEKLY" ? input.weekday : null,
    monthDay: input.frequency === "MONTHLY" ? input.monthDay : null,
    runAt: input.runAt, catchUpDays: kindFields(input.kind).usesCatchUp ? input.catchUpDays : (before?.catchUpDays ?? 30),
    restrictChannels: input.restrictChannels, printOverride: input.printOverride, separationGroup: input.separationGroup,
    includeCategoryIds: input.includeCategoryIds, excludeCategoryIds: input.excludeCategoryIds,
    excludeAcademicLevelIds: input.excludeAcademicLevelIds, excludeLibraryGroupIds: input.excludeLibraryGroupIds,
  };
  const scheduleChanged = !before || SCHEDULE_FIELDS.some((k) => before![k] !== fields[k]);
  const scenario = before
    ? await tx.scenario.update({ where: { id: input.id }, data: fields }) // a schedule change moves scheduleSetAt (the table's trigger)
    : await tx.scenario.create({ data: { ...fields, code: input.code, kind: input.kind } });

  // Levels: the editor's order is the numbering; levels it dropped are deleted, unless they have notices.
  const existing = before?.levels ?? [];
  for (const [i, l] of input.levels.entries()) {
    if (l.id !== undefined && !existing.some((e) => e.id === l.id)) invalid({ [`levels[${i}]`]: ["this level belongs to another scenario"] });
  }
  for (const e of existing.filter((e) => !input.levels.some((l) => l.id === e.id))) {
    if (await levelHasNotices(tx, scenario.id, e.id)) {
      invalid({ levels: [`level ${e.level} (${input.kind === "LF" ? e.amount : `${e.periodDays} days`}) has notices recorded, so it cannot be removed: put it back and untick "This level is sent" instead`] });
    }
    await tx.scenarioLevel.delete({ where: { id: e.id } });
  }
  await tx.$executeRaw`UPDATE "ScenarioLevel" SET level = -level WHERE "scenarioId" = ${scenario.id}`;
  for (const [i, l] of input.levels.entries()) {
    const data = { ...levelData(input, l), level: i + 1 };
    if (l.id !== undefined) await tx.scenarioLevel.update({ where: { id: l.id }, data });
    else await tx.scenarioLevel.create({ data: { ...data, scenarioId: scenario.id } });
  }
  // Prisma's @updatedAt changes only with the scenario row; a levels-only edit must still move the version on.
  const saved = await tx.scenario.update({ where: { id: scenario.id }, data: { updatedAt: new Date() } });
  const after = await scenarioSnapshot(tx, scenario.id);
  await tx.auditLog.create({
    data: {
      ...actorColumns(staff), action: before ? "scenario.update" : "scenario.create", entity: "scenario",
      entityId: String(scenario.id), details: JSON.parse(JSON.stringify({ code: scenario.code, before, after })),
    },
  });
  return { id: scenario.id, code: scenario.code, created: !before, scheduleChanged, updatedAt: saved.updatedAt.toISOString() };
}
