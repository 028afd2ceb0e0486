import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { previewFromQuery } from "@/lib/notices/requests";
import { withStaff } from "@/app/api/_lib/with-staff";

// GET /api/notices/preview?date=YYYY-MM-DD[&scenario=code...][&limit=500]: what a run on that date would send now.
// Writes nothing. Totals count everything; `limit` caps the deliveries listed.
export async function GET(request: NextRequest) {
  return withStaff("dashboard.view", () => previewFromQuery(prisma, request.nextUrl.searchParams));
}
