// The acquisitions settings (one row): whether the daily claims pass runs and when, how many claim levels it sends,
// and which templates word an order and a claim. Audited before → after, as every configuration change.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { actorColumns, type Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import type { TClaimSettings } from "./schemas";

export async function readClaimSettings(db: PrismaClient) {
  return db.acquisitionsSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
}

export async function saveClaimSettings(db: PrismaClient, input: TClaimSettings, actor: Actor) {
  return db.$transaction(async (tx) => {
    for (const field of ["orderTemplateId", "claimTemplateId"] as const) {
      const id = input[field];
      if (id === null) continue;
      const template = await tx.template.findUnique({ where: { id }, select: { family: true } });
      if (template?.family !== "SUPPLIER_ORDER") throw new AppError("INVALID", "Choose a supplier order template.", { [field]: ["not a supplier order template"] });
    }
    const before = await tx.acquisitionsSettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
    const after = await tx.acquisitionsSettings.update({ where: { id: 1 }, data: input });
    const pick = (s: typeof before) => ({ claimsEnabled: s.claimsEnabled, claimsRunAt: s.claimsRunAt, maxClaimLevel: s.maxClaimLevel, orderTemplateId: s.orderTemplateId, claimTemplateId: s.claimTemplateId });
    const changed = JSON.stringify(pick(before)) !== JSON.stringify(pick(after));
    if (changed) {
      await tx.auditLog.create({ data: { ...actorColumns(actor), action: "claims.settings", entity: "acquisitions-settings", entityId: "1",
        details: { before: pick(before), after: pick(after) } as Prisma.InputJsonValue } });
    }
    return { settings: after, changed };
  });
}
