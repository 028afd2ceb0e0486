import type { z } from "zod";
import { AppError } from "./errors";

/** A zod issue path as the field it names: "items[3].contacts[0].email"; "body" for the whole input. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "body";
}

/** Each zod issue as the field it concerns and its reason. */
export function describeIssues(error: z.ZodError) {
  return error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
}

/** Parses input for an action or a route; anything malformed is an AppError (422) naming each field and reason. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new AppError("INVALID", issues.map((i) => `${i.field}: ${i.message}`).join("; "),
      Object.fromEntries(issues.map((i) => [i.field, [i.message]])));
  }
  return parsed.data;
}
