// GET /api/v1/config and /api/v1/config/scenarios[/{code}], PUT /api/v1/config/scenarios/{code}: the configuration as
// the configuration file exports it, and a scenario saved as the file's import saves one (saveScenarioFromFile: the
// same validation, audit row and scheduleSetAt as the dashboard's editor), then the worker asked to re-sync.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { exportConfig } from "@/lib/config-file/export-config";
import { loadScenarioReferences, saveScenarioFromFile } from "@/lib/config-file/scenario-from-file";
import { AppError } from "@/lib/errors";
import { apiActor, parseBody, requestSync, samePathCode } from "./config-params";
import { ScenarioBody } from "./config-schemas";
import type { ApiCaller } from "./tokens";

/** The whole configuration, as Settings → Configuration file downloads it. */
export async function getConfig(db: PrismaClient) {
  if (!(await db.librarySettings.findUnique({ where: { id: 1 }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "The library has no settings yet: run the seed or import a configuration first.");
  }
  return exportConfig(db);
}

/** Every scenario in the file's shape with its version (`updatedAt`), by code. */
export async function listScenarios(db: PrismaClient) {
  const [config, versions] = await Promise.all([getConfig(db), db.scenario.findMany({ select: { code: true, updatedAt: true } })]);
  const versionOf = new Map(versions.map((v) => [v.code, v.updatedAt.toISOString()]));
  return { items: config.scenarios.map((s) => ({ ...s, updatedAt: versionOf.get(s.code) ?? null })) };
}

export async function getScenario(db: PrismaClient, code: string) {
  const row = await db.scenario.findUnique({ where: { code }, select: { updatedAt: true } });
  if (!row) throw new AppError("NOT_FOUND", `No scenario "${code}".`);
  const scenario = (await getConfig(db)).scenarios.find((s) => s.code === code);
  if (!scenario) throw new AppError("NOT_FOUND", `No scenario "${code}".`); // deleted in between
  return { ...scenario, updatedAt: row.updatedAt.toISOString() };
}

/** Creates or replaces the scenario of `code` in one transaction; answers it as GET does. */
export async function putScenario(db: PrismaClient, code: string, body: unknown, caller: Pick<ApiCaller, "tokenId">) {
  const { updatedAt, code: bodyCode, ...file } = parseBody(ScenarioBody, body);
  samePathCode(bodyCode, code);
  await db.$transaction(async (tx) => saveScenarioFromFile(tx, { ...file, code }, {
    refs: await loadScenarioReferences(tx), actor: apiActor(caller), expectedUpdatedAt: updatedAt && new Date(updatedAt).toISOString(),
  }));
  await requestSync(`saving scenario ${code}`);
  return getScenario(db, code);
}
