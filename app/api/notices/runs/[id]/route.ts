import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getRunProgress } from "@/lib/notices/start-replay";
import { withStaff } from "@/app/api/_lib/with-staff";

// GET /api/notices/runs/<id>: the run and its deliveries by status.
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return withStaff("dashboard.view", async () => {
    const { id } = await context.params;
    const runId = Number(id);
    if (!Number.isInteger(runId) || runId <= 0) throw new AppError("INVALID", "id: a positive whole number", { id: ["a positive whole number"] });
    const progress = await getRunProgress(prisma, runId);
    if (!progress) throw new AppError("NOT_FOUND", `No run ${runId}.`);
    return progress;
  });
}
