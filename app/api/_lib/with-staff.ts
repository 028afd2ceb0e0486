import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/require-staff";
import type { Permission } from "@/lib/auth/permissions";
import type { Staff } from "@/lib/auth/load-staff";
import { errorResponse } from "./error-response";

/** JSON route wrapper: authorise, run, and turn expected errors into 4xx with the field named; never a bare 500. */
export async function withStaff(permission: Permission, handler: (staff: Staff) => Promise<unknown>) {
  try {
    const staff = await requireStaff(permission);
    return NextResponse.json(await handler(staff));
  } catch (err) {
    return errorResponse(err, "dashboard API request");
  }
}

export { parseOrThrow } from "@/lib/parse-input";
