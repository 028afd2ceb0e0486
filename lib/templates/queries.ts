import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { TemplateText } from "./validate";

/** Every template with its languages, latest version and the scenario levels that use it ("used by"). */
export async function listTemplates(db: PrismaClient) {
  const templates = await db.template.findMany({
    orderBy: [{ family: "asc" }, { name: "asc" }],
    include: {
      levels: { select: { level: true, scenario: { select: { id: true, name: true, isEnabled: true } } }, orderBy: { scenarioId: "asc" } },
      versions: { select: { language: true, version: true, createdAt: true, createdBy: true }, orderBy: { createdAt: "desc" } },
    },
  });
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    family: t.family,
    languages: [...new Set(t.versions.map((v) => v.language))].sort(),
    versions: t.versions.length,
    lastEdited: t.versions[0] ? { at: t.versions[0].createdAt, by: t.versions[0].createdBy } : null,
    usedBy: t.levels.map((l) => ({ scenarioId: l.scenario.id, scenario: l.scenario.name, level: l.level, isEnabled: l.scenario.isEnabled })),
  }));
}

export type TemplateSummary = Awaited<ReturnType<typeof listTemplates>>[number];

/** One template for the editor: the current text per language, the version history, and who uses it. */
export async function getTemplate(db: PrismaClient, id: number) {
  const template = await db.template.findUnique({
    where: { id },
    include: {
      levels: { select: { level: true, scenario: { select: { id: true, name: true, isEnabled: true } } }, orderBy: { scenarioId: "asc" } },
      versions: { orderBy: [{ language: "asc" }, { version: "desc" }] },
    },
  });
  if (!template) throw new AppError("NOT_FOUND", `No template ${id}.`);
  const current: Record<string, TemplateText & { version: number }> = {};
  for (const v of template.versions) current[v.language] ??= { subject: v.subject, body: v.body, closing: v.closing, version: v.version };
  return {
    id: template.id,
    name: template.name,
    family: template.family,
    current,
    history: template.versions.map((v) => ({
      id: v.id, language: v.language, version: v.version, createdAt: v.createdAt, createdBy: v.createdBy,
      subject: v.subject, body: v.body, closing: v.closing,
    })),
    usedBy: template.levels.map((l) => ({ scenarioId: l.scenario.id, scenario: l.scenario.name, level: l.level, isEnabled: l.scenario.isEnabled })),
  };
}

export type TemplateDetail = Awaited<ReturnType<typeof getTemplate>>;
