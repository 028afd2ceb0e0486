import type { Queue } from "bullmq";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendDeliveryJob } from "@/lib/jobs/notices";

export type SendJobOptions = { attempts: number; backoffMs: number; jobId?: (deliveryId: number) => string };

/** Adds a send job per delivery (id from the row, so a job already waiting is not added twice), then marks them queued. */
export async function enqueueDeliveries(db: PrismaClient, queue: Queue, deliveryIds: number[], options: SendJobOptions) {
  if (deliveryIds.length === 0) return 0;
  await queue.addBulk(
    deliveryIds.map((deliveryId) => ({
      name: sendDeliveryJob.name,
      data: { deliveryId },
      opts: {
        jobId: (options.jobId ?? sendDeliveryJob.jobId)(deliveryId),
        attempts: options.attempts,
        backoff: { type: "exponential", delay: options.backoffMs },
        removeOnComplete: true,
        removeOnFail: true,
      },
    })),
  );
  await db.delivery.updateMany({ where: { id: { in: deliveryIds }, status: "PLANNED" }, data: { status: "QUEUED" } });
  return deliveryIds.length;
}
