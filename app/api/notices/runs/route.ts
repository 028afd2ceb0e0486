import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { startRunFromBody } from "@/lib/notices/requests";
import { withStaff } from "@/app/api/_lib/with-staff";

// POST /api/notices/runs {"date": "YYYY-MM-DD", "scenarios": ["overdue", ...]}: plan that date now and send what was
// never sent. Answers with the run id; GET /api/notices/runs/<id> follows its progress.
export async function POST(request: NextRequest) {
  return withStaff("notices.manage", async (staff) => {
    const body = await request.json().catch(() => {
      throw new AppError("INVALID", "body: not valid JSON", { body: ["not valid JSON"] });
    });
    return startRunFromBody(prisma, body, `staff:${staff.id}`);
  });
}
