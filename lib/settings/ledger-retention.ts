// How long the ledger keeps notices and deliveries (LibrarySettings.ledgerRetentionMonths). The worker's hourly upkeep
// (lib/notices/ledger-partitions.ts maintainLedger) drops the months past it; this only records the choice.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

// At least 3 months: the upkeep keeps last month whatever the setting (a catch-up may plan last month's slot), and
// escalations look back up to 28 days past the due date. At most 10 years.
export const RETENTION_MIN = 3;
export const RETENTION_MAX = 120;

export const LedgerRetentionInput = z.object({
  months: z.coerce.number({ error: "a whole number of months" })
    .int("a whole number of months")
    .min(RETENTION_MIN, `at least ${RETENTION_MIN} months`)
    .max(RETENTION_MAX, `at most ${RETENTION_MAX} months (10 years)`),
});

/** Sets the retention and writes the audit row (before → after) in one transaction. Unchanged: nothing written. */
export async function setLedgerRetention(db: PrismaClient, input: z.infer<typeof LedgerRetentionInput>, staff: { id: number }) {
  return db.$transaction(async (tx) => {
    const current = await tx.librarySettings.findUnique({ where: { id: 1 }, select: { ledgerRetentionMonths: true } });
    if (!current) throw new AppError("NOT_FOUND", "The library has no settings yet: run the seed or an import first.");
    if (current.ledgerRetentionMonths === input.months) return { before: current.ledgerRetentionMonths, after: input.months, changed: false };
    await tx.librarySettings.update({ where: { id: 1 }, data: { ledgerRetentionMonths: input.months } });
    await tx.auditLog.create({
      data: {
        actorId: staff.id, actorKind: "staff", action: "settings.update", entity: "settings", entityId: "ledgerRetentionMonths",
        details: { before: { ledgerRetentionMonths: current.ledgerRetentionMonths }, after: { ledgerRetentionMonths: input.months } },
      },
    });
    return { before: current.ledgerRetentionMonths, after: input.months, changed: true };
  });
}
