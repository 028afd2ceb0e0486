import type { Job } from "bullmq";
import type { Logger } from "pino";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { heartbeatJob } from "@/lib/jobs/system";
import { recordHeartbeat } from "@/lib/system/record-heartbeat";

export async function handleHeartbeat(job: Job, deps: { db: PrismaClient; log: Logger; workerName: string }) {
  heartbeatJob.payload.parse(job.data);
  const beat = await recordHeartbeat(deps.db, { worker: deps.workerName });
  deps.log.info({ job: job.name, jobId: job.id, beatAt: beat.beatAt }, "heartbeat");
  return { beatAt: beat.beatAt.toISOString() };
}
