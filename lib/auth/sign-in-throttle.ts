import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { SIGN_IN_UNAVAILABLE, tooManyAttempts } from "./sign-in-messages";

export type SignInThrottleOptions = {
  redis: Redis;
  prefix: string;
  /** Failed attempts allowed per account (email) within the window; the next is refused. */
  perAccount: number;
  /** Failed attempts allowed per client address within the window. */
  perAddress: number;
  windowMs: number;
  now?: () => number;
};

/** A refused sign-in: the message names the wait and says nothing about whether the account exists. */
export class SignInThrottledError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(tooManyAttempts(Math.max(1, Math.ceil(retryAfterMs / 60_000))));
    this.name = "SignInThrottledError";
  }
}

export class SignInUnavailableError extends Error {
  constructor(readonly reason: unknown) {
    super(SIGN_IN_UNAVAILABLE);
    this.name = "SignInUnavailableError";
  }
}

/**
 * Sign-in throttling in Redis, shared by every web process: a sliding window of failed attempts per account and per
 * client address (a sorted set of attempt times per key). Each attempt is recorded before the password is checked,
 * in one MULTI with the count, so concurrent guesses cannot all slip under the limit; a refused attempt removes its
 * own entry again (refusals do not extend the wait), and so does a success. A success clears the account's failures.
 * Unknown emails are counted like known ones, so the answer never reveals whether an account exists.
 * If Redis does not answer, sign-in is refused (fails closed) rather than unthrottled.
 */
export function createSignInThrottle(options: SignInThrottleOptions) {
  const now = options.now ?? Date.now;
  const accountKey = (email: string) =>
    `${options.prefix}:signin:account:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
  const addressKey = (address: string) => `${options.prefix}:signin:address:${address}`;

  async function run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw new SignInUnavailableError(err);
    }
  }

  return {
    /** Runs `verify` unless the account or the address is over its limit; counts a null answer as a failure. */
    async attempt<T>(who: { email: string; address: string }, verify: () => Promise<T | null>): Promise<T | null> {
      const at = now();
      const member = `${at}:${randomUUID()}`;
      const keys = [
        { key: accountKey(who.email), limit: options.perAccount },
        { key: addressKey(who.address), limit: options.perAddress },
      ];
      const recorded = await run(() => {
        const m = options.redis.multi();
        for (const { key } of keys) {
          m.zremrangebyscore(key, "-inf", at - options.windowMs).zadd(key, at, member).zcard(key).pexpire(key, options.windowMs);
        }
        return m.exec();
      });
      if (!recorded || recorded.some(([err]) => err)) throw new SignInUnavailableError(recorded?.find(([e]) => e)?.[0]);
      const counts = keys.map((_, i) => Number(recorded[i * 4 + 2][1]));

      const forget = () => run(() => Promise.all(keys.map(({ key }) => options.redis.zrem(key, member))));
      const over = keys.filter(({ limit }, i) => counts[i] > limit);
      if (over.length > 0) {
        await forget();
        // Wait until enough failures leave the window: the oldest one beyond what the limit allows.
        const waits = await run(() =>
          Promise.all(
            over.map(async ({ key, limit }) => {
              const [, score] = await options.redis.zrange(key, -limit, -limit, "WITHSCORES");
              return Number(score ?? at) + options.windowMs - at;
            }),
          ),
        );
        throw new SignInThrottledError(Math.max(1, ...waits));
      }

      let result: T | null;
      try {
        result = await verify();
      } catch (err) {
        await forget().catch(() => undefined); // not a failed guess: the check itself broke
        throw err;
      }
      if (result !== null) {
        await run(() => options.redis.multi().del(keys[0].key).zrem(keys[1].key, member).exec());
      }
      return result;
    },
  };
}
