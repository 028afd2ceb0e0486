import { NextResponse } from "next/server";
import { errorResponse } from "@/app/api/_lib/error-response";
import { requireStaff } from "@/lib/auth/require-staff";
import { exportConfig } from "@/lib/config-file/export-config";
import { prisma } from "@/lib/db/client";

// Settings → Configuration file → Download: the whole configuration as one JSON file (administrators).
export async function GET() {
  try {
    await requireStaff("settings.manage");
    const file = await exportConfig(prisma);
    return new NextResponse(JSON.stringify(file, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="noticeboard-configuration-${file.exportedAt!.slice(0, 10)}.json"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err, "configuration export");
  }
}
