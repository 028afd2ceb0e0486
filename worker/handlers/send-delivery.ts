import type { Job } from "bullmq";
import { sendDeliveryJob } from "@/lib/jobs/notices";
import { sendDelivery, type SendContext } from "@/lib/notices/send-delivery";

export async function handleSendDelivery(job: Job, ctx: SendContext) {
  const { deliveryId } = sendDeliveryJob.payload.parse(job.data);
  const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const result = await sendDelivery(ctx, deliveryId, { isLastAttempt });
  // Thrown so BullMQ retries with exponential backoff; the row already says QUEUED with the server's reply.
  if (result === "retry") throw new Error(`temporary SMTP failure, delivery ${deliveryId} will be retried`);
  return { result };
}
