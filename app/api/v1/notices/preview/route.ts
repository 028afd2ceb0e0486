import { prisma } from "@/lib/db/client";
import { previewFromQuery } from "@/lib/notices/requests";
import { apiRoute } from "../../_lib/api-route";

// GET /api/v1/notices/preview?date=YYYY-MM-DD[&scenario=code...][&limit=500]: what a run would send. Writes nothing.
export const GET = apiRoute("READ", ({ query }) => previewFromQuery(prisma, query));
