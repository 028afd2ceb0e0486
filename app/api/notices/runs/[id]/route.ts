import { prisma } from "@/lib/db/client";
import { runProgress } from "@/lib/notices/requests";
import { withStaff } from "@/app/api/_lib/with-staff";

// GET /api/notices/runs/<id>: the run and its deliveries by status.
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  return withStaff("dashboard.view", async () => runProgress(prisma, (await context.params).id));
}
