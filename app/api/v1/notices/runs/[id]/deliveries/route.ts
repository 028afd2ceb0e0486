import { runDeliveries } from "@/lib/api/read";
import { runDeliveriesQuery } from "@/lib/api/schemas";
import { prisma } from "@/lib/db/client";
import { parseOrThrow } from "@/lib/parse-input";
import { apiRoute } from "../../../../_lib/api-route";

// GET /api/v1/notices/runs/<id>/deliveries?status=&limit=&after=: the run's deliveries, a page at a time.
export const GET = apiRoute<{ id: string }>("READ", ({ params, query }) =>
  runDeliveries(prisma, params.id, parseOrThrow(runDeliveriesQuery, Object.fromEntries(query))));
