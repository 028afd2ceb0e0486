import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isWorkerAlive } from "@/lib/system/record-heartbeat";
import { dateOnly, localDate } from "@/lib/time/library-date";

export type HomeSummary = Awaited<ReturnType<typeof getHomeSummary>>;

// Loans still out in the patron's hands: the statuses the overdue notices are about.
const OUT_STATUSES = ["ON_LOAN", "RECALLED"] as const;

/** The live figures on the dashboard home, counted in the database (one round-trip each, run in parallel). */
export async function getHomeSummary(db: PrismaClient, now = new Date()) {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 } });
  const timeZone = settings?.timeZone ?? "UTC";
  const today = dateOnly(localDate(timeZone, now));
  const [patrons, activeLoans, overdueLoans, reservationsReady, lostOrClaimed, unpaid, heartbeat] = await Promise.all([
    db.patron.count(),
    db.loan.count({ where: { status: { in: [...OUT_STATUSES] } } }),
    // Overdue once the due date has passed (it may be returned until closing time on the due date).
    db.loan.count({ where: { status: { in: [...OUT_STATUSES] }, dueDate: { lt: today } } }),
    db.reservation.count({ where: { status: "READY_FOR_PICKUP" } }),
    db.loan.count({
      where: { status: { in: ["LOST", "LONG_OVERDUE", "REPORTED_LOST", "CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED"] } },
    }),
    db.charge.aggregate({ where: { balance: { gt: 0 } }, _sum: { balance: true }, _count: true }),
    db.workerHeartbeat.findFirst({ orderBy: { beatAt: "desc" } }),
  ]);
  return {
    libraryName: settings?.name ?? "Noticeboard",
    timeZone,
    today: localDate(timeZone, now),
    patrons,
    activeLoans,
    overdueLoans,
    reservationsReady,
    lostOrClaimed,
    unpaidCharges: unpaid._count,
    unpaidTotal: new Intl.NumberFormat("en-GB", { style: "currency", currency: settings?.currency ?? "GBP" }).format(
      Number(unpaid._sum.balance ?? 0),
    ),
    worker: { lastBeat: heartbeat?.beatAt ?? null, isAlive: isWorkerAlive(heartbeat?.beatAt, now) },
  };
}
