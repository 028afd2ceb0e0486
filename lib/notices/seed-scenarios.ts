import type pg from "pg";
import { familyOfKind } from "@/lib/templates/placeholders";
import { DEFAULT_SCENARIOS, DEFAULT_TRANSLATIONS, SUPPLIER_CLAIM_TEMPLATE, SUPPLIER_ORDER_TEMPLATE } from "./default-scenarios";

/**
 * The seeded wording of a notice: the level's message above the items and a sign-off below. The greeting (and the line
 * for a parent or guardian) is the layout's, once per letter (lib/templates/labels.ts).
 */
export function letterText(intro: string, closing = "Yours sincerely") {
  return { body: intro, closing: `${closing},\n{{ library.name }}` };
}

async function insertTemplate(db: pg.ClientBase, name: string, family: string, texts: Record<string, { subject: string; body: string; closing: string }>) {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO "Template" (name, family, "updatedAt") VALUES ($1, $2::"TemplateFamily", now()) RETURNING id`, [name, family]);
  for (const [language, t] of Object.entries(texts)) {
    await db.query(
      `INSERT INTO "TemplateVersion" ("templateId", language, version, subject, body, closing, "createdBy") VALUES ($1, $2, 1, $3, $4, $5, 'seed')`,
      [rows[0].id, language, t.subject, t.body, t.closing]);
  }
  return rows[0].id;
}

/** Inserts the default templates and scenarios (used by the demo seed, the benchmark and tests). Their schedules count as
 * set a day ago: a new library catches up its latest slot (the demo plans at once), not a month of weekly slots. */
export async function seedScenarios(db: pg.ClientBase, language = "en") {
  const templateIds = new Map<string, number>();
  for (const s of DEFAULT_SCENARIOS) {
    const { rows } = await db.query(
      `INSERT INTO "Scenario" (code, kind, name, "isEnabled", frequency, weekday, "monthDay", "runAt", "restrictChannels",
         "printOverride", "separationGroup", "excludeCategoryIds", "excludeAcademicLevelIds", "excludeLibraryGroupIds", "scheduleSetAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::"Channel"[], $10, $11, '{}', '{}', '{}', now() - interval '1 day', now()) RETURNING id`,
      [s.code, s.kind, s.name, s.isEnabled, s.frequency ?? "DAILY", s.weekday ?? null, s.monthDay ?? null,
        s.runAt ?? "02:00", s.restrictChannels ?? [], s.printOverride ?? false, s.separationGroup ?? null],
    );
    for (const [i, l] of s.levels.entries()) {
      let templateId = templateIds.get(l.subject);
      if (templateId === undefined) {
        const translations = Object.entries(DEFAULT_TRANSLATIONS[l.subject] ?? {}).map(([lang, t]) => [lang, { subject: t.subject, ...letterText(t.intro, t.closing) }]);
        templateId = await insertTemplate(db, l.subject, familyOfKind(s.kind), {
          [language]: { subject: l.subject, ...letterText(l.intro) },
          ...Object.fromEntries(translations),
        });
        templateIds.set(l.subject, templateId);
      }
      await db.query(
        `INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", amount, "contactKinds", "templateId",
           "processingChargeCode", "processingChargeAmount", "showItemCost", "printMedia")
         VALUES ($1, $2, $3, $4, $5::"ContactKind"[], $6, $7, $8, $9, $10)`,
        [rows[0].id, l.level ?? i + 1, l.periodDays ?? 0, l.amount ?? null, l.contactKinds ?? ["SELF"], templateId,
          l.processingChargeCode ?? null, l.processingChargeAmount ?? null, l.showItemCost ?? false, l.printMedia ?? null],
      );
    }
  }
  for (const { name, ...text } of [SUPPLIER_ORDER_TEMPLATE, SUPPLIER_CLAIM_TEMPLATE]) {
    await insertTemplate(db, name, "SUPPLIER_ORDER", { [language]: text });
  }
}
