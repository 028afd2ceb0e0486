import { runBatch } from "@/lib/api/batch";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";
import { resourceParam } from "../../_lib/resource";

// POST /api/v1/<resource>/batch {"items": [...]}: upsert up to 10,000 records by their own keys, all or nothing.
export const POST = apiRoute<{ resource: string }>("READ_WRITE", async ({ params, body, caller }) =>
  runBatch(prisma, resourceParam(params.resource), await body(), caller));
