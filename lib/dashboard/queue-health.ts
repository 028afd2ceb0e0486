// Queue figures from Redis and each worker process's last heartbeat from Postgres. Redis being down must not break the
// home page: the figures are then reported as unavailable.
import type { Queue } from "bullmq";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isWorkerAlive } from "@/lib/system/record-heartbeat";

export type QueueFigures = { name: string; label: string; waiting: number; active: number; delayed: number; failed: number };
export type NamedQueue = { name: string; label: string; queue: Queue };

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);

/** Null when Redis does not answer within `timeoutMs`. */
export async function getQueueFigures(queues: NamedQueue[], timeoutMs = 1_500): Promise<QueueFigures[] | null> {
  try {
    return await within(timeoutMs, Promise.all(queues.map(async ({ name, label, queue }) => {
      // A producer connection refuses commands until it is connected (no offline queue): the first page after the
      // server starts would otherwise say "unavailable".
      await queue.waitUntilReady();
      const c = await queue.getJobCounts("waiting", "active", "delayed", "failed");
      return { name, label, waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
    })));
  } catch {
    return null;
  }
}

// Each worker process beats under its own name (host:pid), so a restarted worker leaves its old row behind: list the
// processes that reported in the last week, newest first.
export async function getWorkers(db: PrismaClient, now = new Date()) {
  const rows = await db.workerHeartbeat.findMany({
    where: { beatAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
    orderBy: { beatAt: "desc" },
    take: 10,
  });
  return rows.map((r) => ({ name: r.worker, host: r.host, pid: r.pid, beatAt: r.beatAt, isAlive: isWorkerAlive(r.beatAt, now) }));
}
