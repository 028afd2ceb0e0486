// The home page's six library figures. Counting them takes a few hundred ms on a large library (scans of a million
// loans, 200,000 patrons, the charges), so the worker's minute pass saves them (roll-up-ledger.ts) and the page uses
// that copy while it is under 5 minutes old and of today; otherwise (no worker, or a new day) it counts them itself.
import { sqlPool } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const FIGURES_FRESH_MS = 5 * 60_000;

export type LibraryFigures = {
  patrons: number; activeLoans: number; overdueLoans: number; reservationsReady: number; lostOrClaimed: number;
  unpaidCharges: number; unpaidBalance: number; countedAt: Date | null;
};

// Loans still out in the patron's hands are ON_LOAN or RECALLED; overdue once the due date has passed (it may be
// returned until closing time on the due date).
export async function countLibraryFigures(db: PrismaClient, today: string): Promise<LibraryFigures> {
  const sql = sqlPool(db);
  const [patrons, active, overdue, lost, ready, unpaid] = await Promise.all([
    db.patron.count(),
    db.loan.count({ where: { status: { in: ["ON_LOAN", "RECALLED"] } } }),
    sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Loan" WHERE status IN ('ON_LOAN', 'RECALLED') AND "dueDate" < $1::date`, [today]),
    db.loan.count({ where: { status: { in: ["LOST", "LONG_OVERDUE", "REPORTED_LOST", "CLAIMED_RETURNED", "CLAIMED_NEVER_BORROWED"] } } }),
    db.reservation.count({ where: { status: "READY_FOR_PICKUP" } }),
    db.charge.aggregate({ where: { balance: { gt: 0 } }, _sum: { balance: true }, _count: true }),
  ]);
  return {
    patrons, activeLoans: active, overdueLoans: overdue.rows[0].n, reservationsReady: ready, lostOrClaimed: lost,
    unpaidCharges: unpaid._count, unpaidBalance: Number(unpaid._sum.balance ?? 0), countedAt: null,
  };
}

export async function saveLibraryFigures(db: PrismaClient, options: { today: string; now: Date }) {
  const { countedAt: _ignored, ...f } = await countLibraryFigures(db, options.today);
  const data = { ...f, date: new Date(`${options.today}T00:00:00Z`), countedAt: options.now };
  await db.homeFigures.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

/** The saved figures when fresh (`countedAt` says when), else counted now (`countedAt` null). */
export async function readLibraryFigures(db: PrismaClient, options: { today: string; now: Date }): Promise<LibraryFigures> {
  const saved = await db.homeFigures.findUnique({ where: { id: 1 } });
  const isFresh = saved && saved.date.toISOString().slice(0, 10) === options.today
    && options.now.getTime() - saved.countedAt.getTime() < FIGURES_FRESH_MS && saved.countedAt <= options.now;
  if (!isFresh) return countLibraryFigures(db, options.today);
  return {
    patrons: saved.patrons, activeLoans: saved.activeLoans, overdueLoans: saved.overdueLoans, reservationsReady: saved.reservationsReady,
    lostOrClaimed: saved.lostOrClaimed, unpaidCharges: saved.unpaidCharges, unpaidBalance: Number(saved.unpaidBalance), countedAt: saved.countedAt,
  };
}
