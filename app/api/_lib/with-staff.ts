import { NextResponse } from "next/server";
import type { z } from "zod";
import { requireStaff } from "@/lib/auth/require-staff";
import type { Permission } from "@/lib/auth/permissions";
import type { Staff } from "@/lib/auth/load-staff";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { describeIssues } from "@/lib/notices/schemas";

/** JSON route wrapper: authorise, run, and turn expected errors into 4xx with the field named; never a bare 500. */
export async function withStaff(permission: Permission, handler: (staff: Staff) => Promise<unknown>) {
  try {
    const staff = await requireStaff(permission);
    return NextResponse.json(await handler(staff));
  } catch (err) {
    if (err instanceof AppError) {
      return NextResponse.json({ error: err.message, fields: err.fieldErrors }, { status: HTTP_STATUS[err.code] });
    }
    logger.error({ err }, "notices API failed");
    return NextResponse.json({ error: "Something went wrong; it has been logged." }, { status: 500 });
  }
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new AppError("INVALID", issues.map((i) => `${i.field}: ${i.message}`).join("; "),
      Object.fromEntries(issues.map((i) => [i.field, [i.message]])));
  }
  return parsed.data;
}
