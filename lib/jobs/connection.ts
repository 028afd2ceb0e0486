import { Redis, type RedisOptions } from "ioredis";
import { env } from "@/lib/env";

// Workers block on Redis and must wait out a reconnect rather than fail commands (BullMQ requires null here).
export function createWorkerConnection(url = env.REDIS_URL) {
  return new Redis(url, { maxRetriesPerRequest: null } satisfies RedisOptions);
}

// Producers in the web app fail fast when Redis is down, so a request errors instead of hanging.
export function createProducerConnection(url = env.REDIS_URL) {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 } satisfies RedisOptions);
}
