import { ApiOrderQuery, listOrdersJson } from "@/lib/api/orders";
import { prisma } from "@/lib/db/client";
import { parseOrThrow } from "@/lib/parse-input";
import { apiRoute } from "../_lib/api-route";

// GET /api/v1/orders?status=SENT&limit=50&after=<id>: purchase orders, newest first, in keyset pages.
export const GET = apiRoute("READ", ({ query }) => listOrdersJson(prisma, parseOrThrow(ApiOrderQuery, Object.fromEntries(query))));
