import { Redis } from "ioredis";
import { env } from "@/lib/env";

// The web process's connection for its own commands (sign-in throttling, health): one per process, commands wait
// for the first connect, then fail after one retry if Redis goes away, so a request errors instead of hanging.
const globalForRedis = globalThis as unknown as { webRedis?: Redis };

export function webRedis(): Redis {
  globalForRedis.webRedis ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  return globalForRedis.webRedis;
}
