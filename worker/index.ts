// The worker process: `npm run worker`. Runs scheduled and queued jobs over lib/; never imports app/.
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { smtpSettingsFromEnv } from "@/lib/mail/transport";
import { startWorker } from "./start";

const log = logger.child({ process: "worker" });

// Not awaited before the signal handlers are in place: a SIGTERM during start-up (catch-up can take a while) must
// stop the worker gracefully too, not kill it mid-job with Node's default action.
const starting = startWorker({
  db: prisma,
  log,
  redisUrl: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  concurrency: env.WORKER_CONCURRENCY,
  heartbeatPattern: env.HEARTBEAT_CRON,
  smtp: smtpSettingsFromEnv(),
  mailFrom: env.MAIL_FROM,
  send: {
    concurrency: env.SEND_CONCURRENCY,
    attempts: env.SEND_ATTEMPTS,
    backoffMs: env.SEND_BACKOFF_MS,
    leaseSeconds: env.DELIVERY_LEASE_SECONDS,
    lockMs: env.SEND_LOCK_MS,
  },
  sweepPattern: env.SWEEP_CRON,
  eventsPattern: env.EVENTS_CRON,
  isCatchUpEnabled: env.CATCH_UP_ON_START,
});

async function shutdown(signal: string) {
  log.info({ signal, graceMs: env.SHUTDOWN_GRACE_MS }, "shutdown requested");
  // The last resort: whatever hangs (a database call, a socket), the process is gone shortly after its grace period.
  setTimeout(() => {
    log.error("still running after the grace period: exiting");
    process.exit(1);
  }, env.SHUTDOWN_GRACE_MS + 1_000).unref();
  try {
    const running = await starting;
    await running.stop(env.SHUTDOWN_GRACE_MS);
    await prisma.$disconnect();
    process.exit(0);
  } catch (err) {
    log.error({ err }, "unclean shutdown");
    process.exit(1);
  }
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
await starting;
