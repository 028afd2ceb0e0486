// Errors that say "the database could not be reached or dropped the connection", not "the statement was wrong": a
// restart (57P01 admin shutdown, 57P03 starting up), too many connections (53300), a refused, reset or timed-out
// socket, a pool that could not connect in time; Prisma's codes for the same through its pg adapter (P1001 can't
// reach, P1002 / P1008 timed out, P1017 server closed the connection, P2037 too many connections; the pg error itself
// sits in meta.driverAdapterError.cause); and Redis' from ioredis (a closed connection, a stream not writeable while
// it reconnects, retries per request used up).
// Work that already happened elsewhere (an SMTP server's 250) is kept and written again once the database is back.
const CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2037", "57P01", "57P02", "57P03", "53300",
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "DatabaseNotReachable", "ConnectionClosed"]);
const MESSAGES = new RegExp([
  "Connection terminated", "connection timeout", "timeout exceeded when trying to connect", "terminating connection",
  "Client has encountered a connection error", "the database system is (starting up|shutting down)",
  "Can't reach database server", "Server has closed the connection", "Client was closed", "not queryable",
  "Connection is closed", "Stream isn't writeable", "max retries per request",
].join("|"), "i");

export function isConnectionError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  for (const code of [e.code, e.originalCode, e.kind]) {
    if (typeof code === "string" && (CODES.has(code) || /^08/.test(code))) return true;
  }
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  return [e.cause, e.meta?.driverAdapterError].some((inner) => inner !== err && isConnectionError(inner, depth + 1));
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
