import type { Job } from "bullmq";
import { sendOrderEmailJob } from "@/lib/jobs/notices";
import { sendOrderEmail, type OrderSendContext } from "@/lib/orders/email/send-order-email";

export async function handleSendOrderEmail(job: Job, ctx: OrderSendContext) {
  const { emailId } = sendOrderEmailJob.payload.parse(job.data);
  const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const result = await sendOrderEmail(ctx, emailId, { isLastAttempt });
  if (result !== "not-claimed") ctx.log.info({ orderEmailId: emailId, result, attempt: job.attemptsMade + 1 }, "order email outcome");
  // Thrown so BullMQ retries with backoff; the row already says QUEUED with the server's reply.
  if (result === "retry") throw new Error(`temporary SMTP failure, order email ${emailId} will be retried`);
  return { result };
}
