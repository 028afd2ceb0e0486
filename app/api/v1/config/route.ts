import { getConfig } from "@/lib/api/config-scenarios";
import { noQuery } from "@/lib/api/config-params";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../_lib/api-route";

// GET /api/v1/config: the whole configuration, as Settings → Configuration file exports it.
export const GET = apiRoute("READ", ({ query }) => {
  noQuery(query);
  return getConfig(prisma);
});
