// What every /api/v1/config handler shares: codes in the path, no unknown query parameters, bodies checked for NUL
// before any schema (the configuration file's own schema lets one through, and Postgres would answer a 500), the token
// as the audit rows' actor, and the worker told to re-sync its schedulers after a change that moves them.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getNoticesQueue } from "@/lib/jobs/producer";
import { logger } from "@/lib/logger";
import { requestSchedulerSync } from "@/lib/notices/sync-schedulers";
import { fieldPath, parseOrThrow } from "@/lib/parse-input";
import { NO_NUL, safeString } from "./safe-text";
import type { ApiCaller } from "./tokens";
import type { Actor } from "@/lib/audit/actor";

const ZCode = z.object({ code: safeString("text").min(1, "required").max(100, "at most 100 characters") });

/** A code in the path (scenario, branch, list entry), as Next decoded it. */
export function codeParam(code: unknown): string {
  return parseOrThrow(ZCode, { code }).code;
}

/** Refuses any query parameter: a misspelt one would otherwise be silently ignored. */
export function noQuery(query: URLSearchParams, allowed: string[] = []) {
  const unknown = [...new Set(query.keys())].filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new AppError("INVALID", `Unknown query parameter${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}.`,
      Object.fromEntries(unknown.map((k) => [k.slice(0, 100), ["unknown parameter"]])));
  }
}

function findNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = k.includes("\u0000") ? [...path, k] : findNul(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** A body parsed with `schema`, after refusing a NUL anywhere in it (naming where). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const nul = findNul(body, []);
  if (nul) {
    const field = fieldPath(nul).replaceAll("\u0000", "\\u0000");
    throw new AppError("INVALID", `${field}: ${NO_NUL}`, { [field]: [NO_NUL] });
  }
  return parseOrThrow(schema, body);
}

/** `code` given in a body must be the path's (changing a code is not a save of the same record). */
export function samePathCode(bodyCode: string | undefined, pathCode: string) {
  if (bodyCode !== undefined && bodyCode !== pathCode) {
    throw new AppError("INVALID", `code: "${bodyCode}" is not the path's "${pathCode}"`, { code: [`the path's code ("${pathCode}"), or left out`] });
  }
}

/** The audit rows' actor for a token: no staff user, actorKind "api:<token id>" (as batch and events record it). */
export const apiActor = (caller: Pick<ApiCaller, "tokenId">): Actor => ({ id: null, actorKind: `api:${caller.tokenId}` });

/**
 * Asks the worker to re-sync its schedulers, after the change is committed. Redis being down does not undo the change:
 * the worker's minute sweep still plans by the saved schedule (as after a dashboard save).
 */
export async function requestSync(what: string) {
  await requestSchedulerSync(getNoticesQueue())
    .catch((err: Error) => logger.warn({ err: err.message }, `scheduler sync request failed after ${what} through the API`));
}
