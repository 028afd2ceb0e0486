import type { NextRequest } from "next/server";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getDeliveriesQueue, sendJobOptions } from "@/lib/jobs/producer";
import { ZStartRun } from "@/lib/notices/schemas";
import { startReplay } from "@/lib/notices/start-replay";
import { parseOrThrow, withStaff } from "@/app/api/_lib/with-staff";

// POST /api/notices/runs {"date": "YYYY-MM-DD", "scenarios": ["overdue", ...]}: plan that date now and send what was
// never sent. Answers with the run id; GET /api/notices/runs/<id> follows its progress.
export async function POST(request: NextRequest) {
  return withStaff("notices.manage", async (staff) => {
    const body = await request.json().catch(() => {
      throw new AppError("INVALID", "body: not valid JSON", { body: ["not valid JSON"] });
    });
    const input = parseOrThrow(ZStartRun, body);
    try {
      return await startReplay(prisma, {
        runDate: input.date,
        scenarioCodes: input.scenarios,
        requestedBy: `staff:${staff.id}`,
        queue: getDeliveriesQueue(),
        send: sendJobOptions(),
      });
    } catch (err) {
      if (err instanceof Error && err.message.startsWith("scenario:")) throw new AppError("INVALID", err.message, { scenarios: [err.message] });
      throw err;
    }
  });
}
