import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The newest runs with their deliveries counted by status: two queries whatever the number of runs. */
export async function listRecentRuns(db: PrismaClient, limit = 20) {
  const runs = await db.noticeRun.findMany({ orderBy: { id: "desc" }, take: limit });
  const counts = await db.delivery.groupBy({ by: ["runId", "status"], where: { runId: { in: runs.map((r) => r.id) } }, _count: true });
  return runs.map((run) => ({
    ...run,
    runDate: run.runDate.toISOString().slice(0, 10),
    deliveries: Object.fromEntries(counts.filter((c) => c.runId === run.id).map((c) => [c.status, c._count])) as Record<string, number>,
  }));
}
