import type { NextRequest } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { startRunFromBody } from "@/lib/notices/requests";
import { withStaff } from "@/app/api/_lib/with-staff";

// POST /api/notices/runs {"date": "YYYY-MM-DD", "scenarios": ["overdue", ...]}: plan that date now and send what was
// never sent. Answers with the run id; GET /api/notices/runs/<id> follows its progress. The body is bounded like the
// API's (413 beyond API_MAX_BODY_BYTES, counted as it streams).
export async function POST(request: NextRequest) {
  return withStaff("notices.manage", async (staff) => {
    const body = await readJsonBody(request, env.API_MAX_BODY_BYTES);
    return startRunFromBody(prisma, body, `staff:${staff.id}`);
  });
}
