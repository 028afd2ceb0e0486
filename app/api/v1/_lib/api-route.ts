import { NextResponse } from "next/server";
import { errorResponse } from "@/app/api/_lib/error-response";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { readJsonBody } from "@/lib/api/read-body";
import { authenticate, type ApiCaller } from "@/lib/api/tokens";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ApiScope } from "@/lib/generated/prisma/enums";
import { Redis } from "ioredis";

// The rate limiter's connection: commands wait for the first connect, then fail fast if Redis goes away.
let redis: Redis | undefined;
/** The rate limiter's clock: Date.now, unless a test sets another to know which minute's window a request counts in. */
export const rateLimitClock = { now: () => Date.now() };

type Context<P> = { request: Request; caller: ApiCaller; params: P; body: () => Promise<unknown>; query: URLSearchParams };

/**
 * Every /api/v1 route: bearer token with the scope the route needs, a per-token rate limit, a bounded JSON body, and
 * errors as 4xx JSON naming the field ({error, fields}), never a bare 500 for bad input. Write handlers run their work
 * in one transaction, so a refused request has written nothing.
 */
export function apiRoute<P = Record<string, string>>(needs: ApiScope, handler: (ctx: Context<P>) => Promise<unknown>, options: { status?: number } = {}) {
  return async (request: Request, route: { params: Promise<P> }) => {
    try {
      const caller = await authenticate(prisma, request.headers.get("authorization"), needs);
      redis ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
      await checkRateLimit(redis, { prefix: env.QUEUE_PREFIX, tokenId: caller.tokenId, limitPerMinute: env.API_RATE_LIMIT_PER_MINUTE, now: rateLimitClock.now });
      const result = await handler({
        request, caller, params: await route.params, query: new URL(request.url).searchParams,
        body: () => readJsonBody(request, env.API_MAX_BODY_BYTES),
      });
      return NextResponse.json(result, { status: options.status ?? 200 });
    } catch (err) {
      return errorResponse(err, "API request");
    }
  };
}
