import { Queue } from "bullmq";
import { env } from "@/lib/env";
import { createProducerConnection } from "./connection";
import { DELIVERIES_QUEUE } from "./notices";

// The web app's and CLI's handle on the deliveries queue (fails fast when Redis is down).
let deliveries: Queue | undefined;
export function getDeliveriesQueue(): Queue {
  deliveries ??= new Queue(DELIVERIES_QUEUE, { connection: createProducerConnection(), prefix: env.QUEUE_PREFIX });
  return deliveries;
}

export const sendJobOptions = () => ({ attempts: env.SEND_ATTEMPTS, backoffMs: env.SEND_BACKOFF_MS });
