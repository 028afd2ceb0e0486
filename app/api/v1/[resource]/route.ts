import { listRecords } from "@/lib/api/read";
import { listQuery } from "@/lib/api/schemas";
import { prisma } from "@/lib/db/client";
import { parseOrThrow } from "@/lib/parse-input";
import { apiRoute } from "../_lib/api-route";
import { resourceParam } from "../_lib/resource";

// GET /api/v1/<resource>?limit=100&after=<next>: a page of records; `next` is the cursor of the following page.
export const GET = apiRoute<{ resource: string }>("READ", ({ params, query }) =>
  listRecords(prisma, resourceParam(params.resource), parseOrThrow(listQuery, Object.fromEntries(query))));
