import { idParam } from "@/lib/api/params";
import { sqlPool, prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getRunProgressView } from "@/lib/notices/run-progress";
import { withStaff } from "@/app/api/_lib/with-staff";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

// GET /api/notices/runs/<id>/progress: the run page's bar and counts, polled every 2 s until the run is done.
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return withStaff("dashboard.view", async () => {
    const runId = idParam((await context.params).id);
    const view = await getRunProgressView(sqlPool(prisma), runId, await libraryTimeZone(prisma));
    if (!view) throw new AppError("NOT_FOUND", `No run ${runId}.`);
    return view;
  });
}
