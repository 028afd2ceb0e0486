import { z } from "zod";
import { env } from "@/lib/env";

// Jobs are declared once here: queue, name, payload schema and schedule. The worker and producers import them.
export const SYSTEM_QUEUE = "system";

export const heartbeatJob = {
  name: "system.heartbeat",
  schedulerId: "system.heartbeat",
  payload: z.object({}).strict(),
  // Every minute by default; the dashboard counts a worker as alive while its last beat is under 3 minutes old.
  pattern: () => env.HEARTBEAT_CRON,
  options: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } },
} as const;
