import { NextResponse } from "next/server";
import { requireStaff } from "@/lib/auth/require-staff";
import { getHomeSummary } from "@/lib/dashboard/get-home-summary";
import { prisma } from "@/lib/db/client";
import { AppError, HTTP_STATUS } from "@/lib/errors";

// The home page's figures as JSON, for the dashboard and for IT's monitoring. Signed-in staff only.
export async function GET() {
  try {
    await requireStaff("dashboard.view");
  } catch (err) {
    if (err instanceof AppError) return NextResponse.json({ error: err.message }, { status: HTTP_STATUS[err.code] });
    throw err;
  }
  return NextResponse.json(await getHomeSummary(prisma));
}
