import { noQuery } from "@/lib/api/config-params";
import { listScenarios } from "@/lib/api/config-scenarios";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";

// GET /api/v1/config/scenarios: every scenario in the configuration file's shape, with its updatedAt.
export const GET = apiRoute("READ", ({ query }) => {
  noQuery(query);
  return listScenarios(prisma);
});
