import { listEntries, listParam } from "@/lib/api/config-lists";
import { noQuery } from "@/lib/api/config-params";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";

// GET /api/v1/config/<patron-categories|academic-levels|library-groups>: the list's entries with their patron counts.
// (scenarios, settings and branches have folders of their own, which Next matches before this one.)
export const GET = apiRoute<{ list: string }>("READ", ({ params, query }) => {
  const list = listParam(params.list);
  noQuery(query);
  return listEntries(prisma, list);
});
