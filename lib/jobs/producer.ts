import { Queue } from "bullmq";
import { env } from "@/lib/env";
import { createProducerConnection } from "./connection";
import { DELIVERIES_QUEUE, NOTICES_QUEUE } from "./notices";

// The web app's and CLI's handle on the deliveries queue (fails fast when Redis is down).
let deliveries: Queue | undefined;
export function getDeliveriesQueue(): Queue {
  deliveries ??= new Queue(DELIVERIES_QUEUE, { connection: createProducerConnection(), prefix: env.QUEUE_PREFIX });
  return deliveries;
}

// The notices queue, for asking the worker to sync its schedulers after a configuration change (requestSchedulerSync).
let notices: Queue | undefined;
export function getNoticesQueue(): Queue {
  notices ??= new Queue(NOTICES_QUEUE, { connection: createProducerConnection(), prefix: env.QUEUE_PREFIX });
  return notices;
}

export const sendJobOptions = () => ({ attempts: env.SEND_ATTEMPTS, backoffMs: env.SEND_BACKOFF_MS });
