import { prisma } from "@/lib/db/client";
import { runProgress } from "@/lib/notices/requests";
import { apiRoute } from "../../../_lib/api-route";

// GET /api/v1/notices/runs/<id>: the run and its deliveries by status.
export const GET = apiRoute<{ id: string }>("READ", ({ params }) => runProgress(prisma, params.id));
