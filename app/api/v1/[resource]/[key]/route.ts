import { keyParam } from "@/lib/api/params";
import { getRecord } from "@/lib/api/read";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";
import { resourceParam } from "../../_lib/resource";

// GET /api/v1/<resource>/<key>: one record by the library's key (card number, barcode, code or external id). Next has
// decoded the key already: decoding it again broke keys holding "%" (a bare 500).
export const GET = apiRoute<{ resource: string; key: string }>("READ", ({ params }) =>
  getRecord(prisma, resourceParam(params.resource), keyParam(params.key)));
