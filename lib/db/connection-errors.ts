// Errors that say "the database could not be reached or dropped the connection", not "the statement was wrong": a
// restart (57P01 admin shutdown, 57P03 starting up), a refused or reset socket, a pool that could not connect in time;
// and Redis' equivalents from ioredis (a closed connection, retries per request used up while it reconnects).
// Work that already happened elsewhere (an SMTP server's 250) is kept and written again once the database is back.
const CODES = new Set(["57P01", "57P02", "57P03", "53300", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"]);
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|Client has encountered a connection error|the database system is (starting up|shutting down)|Can't reach database server|Client was closed|not queryable|Connection is closed|max retries per request/i;

export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === "string" && (CODES.has(e.code) || e.code.startsWith("08"))) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== err && isConnectionError(e.cause);
}

/**
 * Runs `write` until it succeeds, waiting with capped exponential backoff while the database is unreachable; any other
 * error is thrown at once. Gives up (throws the last error) after `maxMs`.
 */
export async function retryWhileUnreachable<T>(write: () => Promise<T>, options: {
  onRetry?: (err: unknown, attempt: number, waitMs: number) => void; firstWaitMs?: number; maxWaitMs?: number; maxMs?: number;
} = {}): Promise<T> {
  const started = Date.now();
  let wait = options.firstWaitMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() - started > (options.maxMs ?? 60 * 60_000)) throw err;
      options.onRetry?.(err, attempt, wait);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, options.maxWaitMs ?? 10_000);
    }
  }
}
