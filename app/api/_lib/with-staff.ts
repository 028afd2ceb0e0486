import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/require-staff";
import type { Permission } from "@/lib/auth/permissions";
import type { Staff } from "@/lib/auth/load-staff";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { logger } from "@/lib/logger";

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

export { parseOrThrow } from "@/lib/parse-input";
