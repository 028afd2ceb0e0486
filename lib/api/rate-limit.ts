import type { Redis } from "ioredis";
import { AppError } from "@/lib/errors";

/**
 * A fixed one-minute window per token in Redis (INCR + EXPIRE in one MULTI): simple, shared by every web process,
 * and forgiving at window edges (at most twice the limit across a boundary), which is fine for an integration API.
 * Throws 429 with the seconds until the window ends. `now` is the clock (tests give one, so the window is known).
 */
export async function checkRateLimit(
  redis: Redis,
  options: { prefix: string; tokenId: number; limitPerMinute: number; now?: () => number },
) {
  const { prefix, tokenId, limitPerMinute } = options;
  const now = (options.now ?? Date.now)();
  const window = Math.floor(now / 60_000);
  const key = `${prefix}:ratelimit:${tokenId}:${window}`;
  const results = await redis.multi().incr(key).expire(key, 120).exec().catch((err: Error) => {
    throw new AppError("UNAVAILABLE", `The API is unavailable (rate limiter: ${err.message}); retry shortly.`);
  });
  const count = Number(results?.[0]?.[1] ?? 0);
  if (count > limitPerMinute) {
    const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000));
    throw Object.assign(new AppError("RATE_LIMITED", `Too many requests: ${limitPerMinute} a minute per token. Retry in ${retryAfter} s.`), { retryAfter });
  }
  return { count, limit: limitPerMinute };
}
