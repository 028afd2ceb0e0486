import { listBranchesJson } from "@/lib/api/config-branches";
import { noQuery } from "@/lib/api/config-params";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";

// GET /api/v1/config/branches: every branch with its weekly opening hours.
export const GET = apiRoute("READ", ({ query }) => {
  noQuery(query);
  return listBranchesJson(prisma);
});
