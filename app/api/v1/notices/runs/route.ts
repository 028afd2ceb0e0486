import { prisma } from "@/lib/db/client";
import { startRunFromBody } from "@/lib/notices/requests";
import { apiRoute } from "../../_lib/api-route";

// POST /api/v1/notices/runs {"date": "YYYY-MM-DD", "scenarios": [...]}: start a run for that date now.
export const POST = apiRoute("READ_WRITE", async ({ body, caller }) => startRunFromBody(prisma, await body(), `api:${caller.tokenId}`), { status: 201 });
