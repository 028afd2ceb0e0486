import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { previewRun } from "@/lib/notices/preview-run";
import { ZPreviewQuery } from "@/lib/notices/schemas";
import { parseOrThrow, withStaff } from "@/app/api/_lib/with-staff";

// GET /api/notices/preview?date=YYYY-MM-DD[&scenario=code...][&limit=500]: what a run on that date would send now.
// Writes nothing. Totals count everything; `limit` caps the deliveries listed.
export async function GET(request: NextRequest) {
  return withStaff("dashboard.view", async () => {
    const params = request.nextUrl.searchParams;
    const query = parseOrThrow(ZPreviewQuery, {
      date: params.get("date") ?? undefined,
      scenario: params.getAll("scenario").length ? params.getAll("scenario") : undefined,
      limit: params.get("limit") ?? undefined,
    });
    try {
      return await previewRun(prisma, { runDate: query.date, scenarioCodes: query.scenario, limit: query.limit });
    } catch (err) {
      if (err instanceof Error && err.message.startsWith("scenario:")) throw new AppError("INVALID", err.message, { scenario: [err.message] });
      throw err;
    }
  });
}
