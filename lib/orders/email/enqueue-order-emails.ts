import type { Queue } from "bullmq";
import type pg from "pg";
import { sendOrderEmailJob } from "@/lib/jobs/notices";
import type { SendJobOptions } from "@/lib/notices/enqueue-deliveries";

/** A send job per order email (its id from the row: one already waiting is not added twice), then marks them queued.
 * Sent on the deliveries queue, by the same workers and SMTP pool as notices. */
export async function enqueueOrderEmails(pool: pg.Pool, queue: Queue, emailIds: number[], options: SendJobOptions) {
  if (emailIds.length === 0) return 0;
  await queue.addBulk(emailIds.map((emailId) => ({
    name: sendOrderEmailJob.name,
    data: { emailId },
    opts: {
      jobId: sendOrderEmailJob.jobId(emailId), attempts: options.attempts, backoff: { type: "exponential", delay: options.backoffMs },
      removeOnComplete: true, removeOnFail: true,
    },
  })));
  await pool.query(`UPDATE "OrderEmail" SET status = 'QUEUED', "updatedAt" = now() WHERE id = ANY($1::int[]) AND status = 'PLANNED'`, [emailIds]);
  return emailIds.length;
}
