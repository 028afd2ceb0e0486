import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import { CONFIG_FORMAT, CONFIG_VERSION, type ConfigFile } from "./schema";

type Db = PrismaClient | Prisma.TransactionClient;

/** The whole configuration as one document (ids turned into codes and names), for Settings → Configuration file. */
export async function exportConfig(db: Db): Promise<ConfigFile> {
  const [settings, categories, academicLevels, groups, branches, templates, scenarios] = await Promise.all([
    db.librarySettings.findUnique({ where: { id: 1 } }),
    db.patronCategory.findMany({ orderBy: { code: "asc" } }),
    db.academicLevel.findMany({ orderBy: { code: "asc" } }),
    db.libraryGroup.findMany({ orderBy: { code: "asc" } }),
    db.branch.findMany({ orderBy: { code: "asc" }, include: { closedDays: { orderBy: { date: "asc" } } } }),
    db.template.findMany({ orderBy: { name: "asc" }, include: { versions: { orderBy: [{ language: "asc" }, { version: "desc" }] } } }),
    db.scenario.findMany({ orderBy: { code: "asc" }, include: { levels: { orderBy: { level: "asc" }, include: { template: { select: { name: true } } } } } }),
  ]);
  if (!settings) throw new Error("The library has no settings yet: nothing to export.");
  const codeOf = (rows: { id: number; code: string }[]) => {
    const map = new Map(rows.map((r) => [r.id, r.code]));
    return (ids: number[] | null) => (ids ?? []).map((id) => map.get(id)).filter((c): c is string => !!c).sort();
  };
  const [cat, acad, grp] = [codeOf(categories), codeOf(academicLevels), codeOf(groups)];
  const { id: _id, updatedAt: _u, ...s } = settings;
  return {
    format: CONFIG_FORMAT, version: CONFIG_VERSION, exportedAt: new Date().toISOString(),
    settings: { ...s, frameTranslations: (s.frameTranslations ?? {}) as Record<string, Record<string, string>> },
    patronCategories: categories.map((c) => ({ code: c.code, name: c.name })),
    academicLevels: academicLevels.map((a) => ({ code: a.code, name: a.name })),
    libraryGroups: groups.map((g) => ({ code: g.code, name: g.name })),
    branches: branches.map((b) => ({
      code: b.code, name: b.name, email: b.email, phone: b.phone, address: b.address,
      openingHours: (b.openingHours ?? {}) as Record<string, [string, string][]>,
      closedDays: b.closedDays.map((d) => ({ date: d.date.toISOString().slice(0, 10), reason: d.reason })),
    })),
    // The current text of each language (its highest version); the history stays with the library it was written in.
    templates: templates.map((t) => ({
      name: t.name, family: t.family,
      texts: Object.fromEntries(t.versions.filter((v, i, all) => all.findIndex((o) => o.language === v.language) === i)
        .map((v) => [v.language, { subject: v.subject, body: v.body, closing: v.closing }])),
    })),
    scenarios: scenarios.map((sc) => ({
      code: sc.code, kind: sc.kind, name: sc.name, isEnabled: sc.isEnabled, frequency: sc.frequency, weekday: sc.weekday,
      monthDay: sc.monthDay, runAt: sc.runAt, catchUpDays: sc.catchUpDays, restrictChannels: [...sc.restrictChannels].sort(),
      printOverride: sc.printOverride, separationGroup: sc.separationGroup, includeCategories: cat(sc.includeCategoryIds),
      excludeCategories: cat(sc.excludeCategoryIds), excludeAcademicLevels: acad(sc.excludeAcademicLevelIds), excludeLibraryGroups: grp(sc.excludeLibraryGroupIds),
      levels: sc.levels.map((l) => ({
        isEnabled: l.isEnabled, periodDays: l.periodDays, amount: l.amount?.toFixed(2) ?? null, contactKinds: [...l.contactKinds].sort(),
        template: l.template.name, processingChargeCode: l.processingChargeCode, processingChargeAmount: l.processingChargeAmount?.toFixed(2) ?? null,
        showItemCost: l.showItemCost, printMedia: l.printMedia, separationGroup: l.separationGroup,
        excludeCategories: cat(l.excludeCategoryIds), excludeAcademicLevels: acad(l.excludeAcademicLevelIds), excludeLibraryGroups: grp(l.excludeLibraryGroupIds),
      })),
    })),
  };
}
