import os from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Idempotent: an upsert of "worker X was alive at T"; running it twice only moves T.
export async function recordHeartbeat(db: PrismaClient, options: { worker: string; at?: Date }) {
  const beatAt = options.at ?? new Date();
  return db.workerHeartbeat.upsert({
    where: { worker: options.worker },
    create: { worker: options.worker, beatAt, pid: process.pid, host: os.hostname() },
    update: { beatAt, pid: process.pid, host: os.hostname() },
  });
}

export const HEARTBEAT_STALE_AFTER_MS = 3 * 60_000;

export function isWorkerAlive(lastBeat: Date | null | undefined, now = new Date()) {
  return !!lastBeat && now.getTime() - lastBeat.getTime() < HEARTBEAT_STALE_AFTER_MS;
}
