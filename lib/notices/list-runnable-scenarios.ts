import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The scenarios staff may run now or replay: the enabled ones, by name. */
export function listRunnableScenarios(db: PrismaClient) {
  return db.scenario.findMany({ where: { isEnabled: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
