import { getRecord } from "@/lib/api/read";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";
import { resourceParam } from "../../_lib/resource";

// GET /api/v1/<resource>/<key>: one record by the library's key (card number, barcode, code or external id).
export const GET = apiRoute<{ resource: string; key: string }>("READ", ({ params }) =>
  getRecord(prisma, resourceParam(params.resource), decodeURIComponent(params.key)));
