import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "@/lib/env";
import { createProducerConnection } from "./connection";
import { DELIVERIES_QUEUE, NOTICES_QUEUE } from "./notices";
import { SYSTEM_QUEUE } from "./system";

// The queues this process opened, with their connections: BullMQ never closes a connection it was handed, so
// queue.close() alone left the CLI's Redis socket open and `npm run notices -- run` never exited (issue 16).
const opened: { queue: Queue; connection: Redis }[] = [];
function openQueue(name: string): Queue {
  const connection = createProducerConnection();
  const queue = new Queue(name, { connection, prefix: env.QUEUE_PREFIX });
  opened.push({ queue, connection });
  return queue;
}

// The web app's and CLI's handle on the deliveries queue (fails fast when Redis is down).
let deliveries: Queue | undefined;
export function getDeliveriesQueue(): Queue {
  deliveries ??= openQueue(DELIVERIES_QUEUE);
  return deliveries;
}

// The notices queue, for asking the worker to sync its schedulers after a configuration change (requestSchedulerSync).
let notices: Queue | undefined;
export function getNoticesQueue(): Queue {
  notices ??= openQueue(NOTICES_QUEUE);
  return notices;
}

// The system queue, for its figures on the home page.
let system: Queue | undefined;
export function getSystemQueue(): Queue {
  system ??= openQueue(SYSTEM_QUEUE);
  return system;
}

/** The three queues with the names staff read on the home page. */
export function homePageQueues() {
  return [
    { name: NOTICES_QUEUE, label: "Planning runs", queue: getNoticesQueue() },
    { name: DELIVERIES_QUEUE, label: "Sending", queue: getDeliveriesQueue() },
    { name: SYSTEM_QUEUE, label: "Heartbeat", queue: getSystemQueue() },
  ];
}

/** Closes every queue opened here and its Redis connection, for a process that should end (the CLI, scripts). */
export async function closeProducerQueues() {
  deliveries = notices = system = undefined;
  for (const { queue, connection } of opened.splice(0)) {
    await queue.close().catch(() => {});
    await connection.quit().catch(() => connection.disconnect());
  }
}

export const sendJobOptions = () => ({ attempts: env.SEND_ATTEMPTS, backoffMs: env.SEND_BACKOFF_MS });
