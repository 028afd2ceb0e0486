// The one place that reads process.env. Validated once, at first import, so a bad setting stops start-up with
// the variable's name instead of failing later in a request or a job.
import { existsSync } from "node:fs";
import { z } from "zod";

// Next.js loads .env itself; the worker and scripts (plain Node) load it here. Existing variables win.
// SKIP_ENV_FILE=1: read the environment only. Tests give the processes they start every setting themselves, so a
// developer's .env (another database, a real SMTP relay, SEND_ATTEMPTS=1...) never reaches them.
if (!process.env.NEXT_RUNTIME && process.env.SKIP_ENV_FILE !== "1" && existsSync(".env")) process.loadEnvFile(".env");

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .default("false")
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().refine((u) => u.startsWith("postgres"), "must be a postgresql:// URL"),
  REDIS_URL: z.url().refine((u) => u.startsWith("redis"), "must be a redis:// URL"),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters"),
  NEXTAUTH_URL: z.url().optional(),
  SMTP_HOST: z.string().min(1),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535),
  // true: TLS from the first byte (port 465); false: plain, upgraded by STARTTLS when the server offers it.
  SMTP_SECURE: bool,
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  // Deadlines of an SMTP exchange (lib/mail/smtp-sender.ts): opening the TCP connection; the greeting and each command
  // (EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA); the message body and the reply to its final ".". Past one, the
  // connection is dropped: before the "." the message is retried later, after it its outcome is UNKNOWN.
  SMTP_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  SMTP_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  SMTP_DATA_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  MAIL_FROM: z.string().min(3),
  // Where the local mail catcher writes .eml files and the dashboard's Outbox reads them. Unset in production.
  MAIL_CATCHER_DIR: z.string().optional(),
  MAIL_CATCHER_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  SERVICE_NAME: z.string().default("noticeboard"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  QUEUE_PREFIX: z.string().min(1).default("noticeboard"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  HEARTBEAT_CRON: z.string().default("* * * * *"),
  // Notices: parallel sends per worker; how long a send claim lasts before another worker may take it over;
  // retries of temporary SMTP failures (exponential from the base delay); the sweep and event-run schedules.
  SEND_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(1).default(120),
  SEND_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  SEND_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
  // How long a send job's lock lasts without renewal: after a crash, BullMQ gives its jobs to another worker this soon.
  SEND_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  SWEEP_CRON: z.string().default("* * * * *"),
  // On SIGTERM/SIGINT the worker finishes the jobs in hand for up to this long, then aborts its SMTP sends and exits
  // (what it leaves SENDING, the sweep sends again once the lease has passed).
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).default(30_000),
  // At start, plan each schedule slot whose latest run never happened (downtime), and when Redis holds none of the
  // worker's job schedulers (a first start, or Redis lost its data) re-enqueue what Postgres says is unsent. Off only
  // for benchmarks.
  CATCH_UP_ON_START: bool.default(true),
  EVENTS_CRON: z.string().default("* * * * *"),
  // /api/v1: requests per token per minute (429 beyond), and the largest request body accepted (413 beyond).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(10_000_000),
  // Sign-in throttling (Redis): failed attempts allowed per account and per client address within the window.
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // true only behind a reverse proxy that sets X-Forwarded-For: then its last entry is the client's address.
  TRUST_PROXY: bool,
});

// The placeholder .env.example ships with. Anyone who has the repository can sign session cookies with it.
export const EXAMPLE_NEXTAUTH_SECRET_PREFIX = "change-me";

export type Env = z.infer<typeof EnvSchema>;

/**
 * Validates a set of variables. `webServer`: the Next.js server is running (not building), which signs sessions
 * with NEXTAUTH_SECRET: in production it refuses the example secret. The worker and scripts never use the secret.
 */
export function parseEnv(source: Record<string, string | undefined>, options: { webServer: boolean }): Env {
  const parsed = EnvSchema.safeParse(source);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  if (
    parsed.success &&
    options.webServer &&
    parsed.data.NODE_ENV === "production" &&
    parsed.data.NEXTAUTH_SECRET.startsWith(EXAMPLE_NEXTAUTH_SECRET_PREFIX)
  ) {
    lines.push(
      "  NEXTAUTH_SECRET: is the example value from .env.example; set a secret of your own in production " +
        "(e.g. `openssl rand -base64 32`)",
    );
  }
  if (lines.length > 0) throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  return parsed.data!;
}

export const env: Env = parseEnv(process.env, {
  webServer: !!process.env.NEXT_RUNTIME && process.env.NEXT_PHASE !== "phase-production-build",
});
