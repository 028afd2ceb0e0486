// Expected failures: their message is written for staff and reaches the form or the API client as it is.
// Anything else is logged and shown as a generic message.
export type AppErrorCode =
  | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "UNAVAILABLE" | "BAD_REQUEST" | "TOO_LARGE" | "RATE_LIMITED";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID: 422,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  BAD_REQUEST: 400,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** A server action's failure: an AppError's own message and fields, anything else logged by the caller's `log`. */
export function actionFailure(err: unknown, what: string, log: (err: unknown) => void): { ok: false; error: string; fieldErrors?: Record<string, string[]> } {
  if (err instanceof AppError) return { ok: false, error: err.message, fieldErrors: err.fieldErrors };
  log(err);
  return { ok: false, error: `${what} failed; it has been logged.` };
}
