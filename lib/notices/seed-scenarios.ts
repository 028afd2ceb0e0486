import type pg from "pg";
import { DEFAULT_SCENARIOS } from "./default-scenarios";

/** Inserts the default scenarios (used by the demo seed and tests). */
export async function seedScenarios(db: pg.ClientBase) {
  for (const s of DEFAULT_SCENARIOS) {
    const { rows } = await db.query(
      `INSERT INTO "Scenario" (code, kind, name, "isEnabled", frequency, weekday, "monthDay", "runAt", "restrictChannels",
         "printOverride", "separationGroup", "excludeCategoryIds", "excludeAcademicLevelIds", "excludeLibraryGroupIds", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::"Channel"[], $10, $11, '{}', '{}', '{}', now()) RETURNING id`,
      [s.code, s.kind, s.name, s.isEnabled, s.frequency ?? "DAILY", s.weekday ?? null, s.monthDay ?? null,
        s.runAt ?? "02:00", s.restrictChannels ?? [], s.printOverride ?? false, s.separationGroup ?? null],
    );
    for (const [i, l] of s.levels.entries()) {
      await db.query(
        `INSERT INTO "ScenarioLevel" ("scenarioId", level, "periodDays", amount, "contactKinds", subject, intro,
           "processingChargeCode", "processingChargeAmount", "showItemCost", "printMedia")
         VALUES ($1, $2, $3, $4, $5::"ContactKind"[], $6, $7, $8, $9, $10, $11)`,
        [rows[0].id, l.level ?? i + 1, l.periodDays ?? 0, l.amount ?? null, l.contactKinds ?? ["SELF"], l.subject, l.intro,
          l.processingChargeCode ?? null, l.processingChargeAmount ?? null, l.showItemCost ?? false, l.printMedia ?? null],
      );
    }
  }
}
