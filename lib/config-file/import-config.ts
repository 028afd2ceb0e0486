// Importing a configuration file (issue 13 item 9): checked first, then applied in one transaction, with a report of
// what changes. The check runs the very same writes inside the transaction and rolls it back, so what the check
// reports is exactly what applying does. Rows are matched by code (categories, academic levels, groups, branches,
// scenarios) and by name (templates); what the library has and the file does not is left as it is. A scenario's levels
// are matched by position; a template's changed text becomes a new version. One audit row for the import, besides
// the scenarios' own.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { describeChange } from "@/lib/audit/describe-change";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/parse-input";
import { describeProblem } from "@/lib/templates/problems";
import { validateTemplateText } from "@/lib/templates/validate";
import { isValidTimeZone } from "@/lib/time/library-date";
import { exportConfig } from "./export-config";
import { loadScenarioReferences, saveScenarioFromFile } from "./scenario-from-file";
import { ConfigFile } from "./schema";

export type ConfigChange = { area: string; key: string; change: "created" | "updated"; lines: string[] };
export type ImportReport = { applied: boolean; changes: ConfigChange[]; unchanged: number };

class CheckOnly extends Error {
  constructor(readonly report: ImportReport) {
    super("check only: rolled back");
  }
}

// Compared with keys sorted: a file written by hand (or by another tool) may list them in any order.
const stable = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stable) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(stable(a)) === JSON.stringify(stable(b));
const invalid = (field: string, message: string): never => {
  throw new AppError("INVALID", `Not imported: ${field}: ${message}`, { [field]: [message] });
};

export async function importConfig(db: PrismaClient, raw: unknown, options: { apply: boolean }, staff: { id: number; email: string }): Promise<ImportReport> {
  const file = parseOrThrow(ConfigFile, raw);
  if (!isValidTimeZone(file.settings.timeZone)) invalid("settings.timeZone", "an IANA time zone such as Europe/London");
  try {
    return await db.$transaction(async (tx) => {
      const report: ImportReport = { applied: options.apply, changes: [], unchanged: 0 };
      const current = await exportConfig(tx).catch(() => null); // an empty library has no settings yet
      const note = (area: string, key: string, before: unknown, after: unknown) => {
        if (before !== undefined && same(before, after)) return void report.unchanged++;
        report.changes.push({ area, key, change: before === undefined ? "created" : "updated", lines: before === undefined ? [] : describeChange(before, after) });
      };

      const { frameTranslations, ...settings } = file.settings;
      note("Library settings", "settings", current?.settings, file.settings);
      await tx.librarySettings.upsert({
        where: { id: 1 }, create: { id: 1, ...settings, frameTranslations }, update: { ...settings, frameTranslations },
      });

      const lists = [
        { area: "Patron categories", rows: file.patronCategories, now: current?.patronCategories ?? [], upsert: (c: { code: string; name: string }) => tx.patronCategory.upsert({ where: { code: c.code }, create: c, update: { name: c.name } }) },
        { area: "Academic levels", rows: file.academicLevels, now: current?.academicLevels ?? [], upsert: (c: { code: string; name: string }) => tx.academicLevel.upsert({ where: { code: c.code }, create: c, update: { name: c.name } }) },
        { area: "Library groups", rows: file.libraryGroups, now: current?.libraryGroups ?? [], upsert: (c: { code: string; name: string }) => tx.libraryGroup.upsert({ where: { code: c.code }, create: c, update: { name: c.name } }) },
      ];
      for (const list of lists) {
        for (const row of list.rows) {
          note(list.area, row.code, list.now.find((r) => r.code === row.code), row);
          await list.upsert(row);
        }
      }

      for (const b of file.branches) {
        note("Branches", b.code, current?.branches.find((r) => r.code === b.code), b);
        const { closedDays, ...fields } = b;
        const branch = await tx.branch.upsert({ where: { code: b.code }, create: fields, update: fields });
        await tx.branchClosedDay.deleteMany({ where: { branchId: branch.id, date: { notIn: closedDays.map((d) => new Date(`${d.date}T00:00:00Z`)) } } });
        for (const d of closedDays) {
          const date = new Date(`${d.date}T00:00:00Z`);
          await tx.branchClosedDay.upsert({ where: { branchId_date: { branchId: branch.id, date } }, create: { branchId: branch.id, date, reason: d.reason }, update: { reason: d.reason } });
        }
      }

      for (const [i, t] of file.templates.entries()) {
        const now = current?.templates.find((r) => r.name === t.name);
        if (now && now.family !== t.family) invalid(`templates[${i}].family`, `the library's template "${t.name}" is of family ${now.family}`);
        for (const [language, text] of Object.entries(t.texts)) {
          const problems = validateTemplateText(text, t.family);
          if (problems.length) invalid(`templates[${i}].texts.${language}.${problems[0].field}`, describeProblem(problems[0]));
        }
        note("Templates", t.name, now, t);
        const template = await tx.template.upsert({ where: { name: t.name }, create: { name: t.name, family: t.family }, update: {} });
        for (const [language, text] of Object.entries(t.texts)) {
          if (now && same(now.texts[language], text)) continue;
          const latest = await tx.templateVersion.findFirst({ where: { templateId: template.id, language }, orderBy: { version: "desc" } });
          await tx.templateVersion.create({ data: { templateId: template.id, language, version: (latest?.version ?? 0) + 1, ...text, createdBy: staff.email } });
        }
      }

      // Scenarios last: they name the rows above (written by now).
      const refs = await loadScenarioReferences(tx);
      for (const [i, s] of file.scenarios.entries()) {
        const now = current?.scenarios.find((r) => r.code === s.code);
        if (now && same(now, s)) { report.unchanged++; continue; }
        note("Scenarios", s.code, now, s);
        const at = `scenarios[${i}]`;
        try {
          await saveScenarioFromFile(tx, s, { refs, actor: staff });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const fields = Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [`${at}.${k === "body" ? "" : k}`.replace(/\.$/, ""), v]));
          throw new AppError(err.code, `Not imported: scenario ${s.code}: ${err.message.replace(/^Not saved: /, "")}`, fields);
        }
      }
      await tx.auditLog.create({
        data: {
          actorId: staff.id, actorKind: "staff", action: "config.import", entity: "configuration", entityId: file.exportedAt ?? null,
          details: { created: report.changes.filter((c) => c.change === "created").length, updated: report.changes.filter((c) => c.change === "updated").length, unchanged: report.unchanged },
        },
      });
      if (!options.apply) throw new CheckOnly(report);
      return report;
    }, { timeout: 120_000 });
  } catch (err) {
    if (err instanceof CheckOnly) return err.report;
    throw err;
  }
}
