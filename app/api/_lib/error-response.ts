import { NextResponse } from "next/server";
import { isConnectionError } from "@/lib/db/connection-errors";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { logger } from "@/lib/logger";

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
 * An error as the JSON answer every route gives: `{error, fields}` with its 4xx status; 503 with Retry-After while
 * Postgres or Redis cannot be reached; anything unexpected is logged (500).
 */
export function errorResponse(err: unknown, what = "request") {
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
  // The database (or Redis) is restarting or unreachable: nothing the caller did, nothing written; ask to come back.
  if (isConnectionError(err)) {
    logger.warn({ err: (err as Error).message }, `${what}: a service is unavailable`);
    return NextResponse.json({ error: "The service is briefly unavailable (database or Redis not answering); try again shortly.", fields: {} },
      { status: 503, headers: { "retry-after": "10" } });
  }
  logger.error({ err }, `${what} failed`);
  return NextResponse.json({ error: "Something went wrong; it has been logged." }, { status: 500 });
}
