import { NextResponse } from "next/server";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { readJsonBody } from "@/lib/api/read-body";
import { authenticate, type ApiCaller } from "@/lib/api/tokens";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import type { ApiScope } from "@/lib/generated/prisma/enums";
import { Redis } from "ioredis";
import { logger } from "@/lib/logger";

// The rate limiter's connection: commands wait for the first connect, then fail fast if Redis goes away.
let redis: Redis | undefined;

type Context<P> = { request: Request; caller: ApiCaller; params: P; body: () => Promise<unknown>; query: URLSearchParams };

// Postgres errors that are the caller's doing: a unique key taken by another row, a reference that does not exist,
// a value out of range. Anything else is ours (500, logged).
const PG_CLIENT_ERRORS: Record<string, { code: "CONFLICT" | "INVALID"; message: string }> = {
  "23505": { code: "CONFLICT", message: "another record already has this key" },
  "23503": { code: "INVALID", message: "a referenced record does not exist" },
  "22001": { code: "INVALID", message: "a value is too long" },
  "22003": { code: "INVALID", message: "a number is out of range" },
  "22007": { code: "INVALID", message: "a date is not valid" },
  "22008": { code: "INVALID", message: "a date is out of range" },
};

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
      await checkRateLimit(redis, env.QUEUE_PREFIX, caller.tokenId, env.API_RATE_LIMIT_PER_MINUTE);
      const result = await handler({
        request, caller, params: await route.params, query: new URL(request.url).searchParams,
        body: () => readJsonBody(request, env.API_MAX_BODY_BYTES),
      });
      return NextResponse.json(result, { status: options.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function errorResponse(err: unknown) {
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    const retryAfter = (err as AppError & { retryAfter?: number }).retryAfter;
    if (retryAfter) headers["retry-after"] = String(retryAfter);
    return NextResponse.json({ error: err.message, fields: err.fieldErrors }, { status: HTTP_STATUS[err.code], headers });
  }
  const pgCode = (err as { code?: string }).code;
  const known = pgCode ? PG_CLIENT_ERRORS[pgCode] : undefined;
  if (known) {
    const detail = (err as { detail?: string }).detail;
    return NextResponse.json({ error: `${known.message}${detail ? `: ${detail}` : ""}`, fields: {} }, { status: HTTP_STATUS[known.code] });
  }
  logger.error({ err }, "API request failed");
  return NextResponse.json({ error: "Something went wrong on our side; it has been logged." }, { status: 500 });
}
