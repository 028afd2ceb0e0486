import { codeParam, noQuery } from "@/lib/api/config-params";
import { getScenario, putScenario } from "@/lib/api/config-scenarios";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../../_lib/api-route";

type Params = { code: string };

// GET /api/v1/config/scenarios/<code>: one scenario in the configuration file's shape, with its updatedAt.
export const GET = apiRoute<Params>("READ", ({ params, query }) => {
  noQuery(query);
  return getScenario(prisma, codeParam(params.code));
});

// PUT /api/v1/config/scenarios/<code> {scenario}: create or replace it, as the configuration import saves one.
export const PUT = apiRoute<Params>("READ_WRITE", async ({ params, query, body, caller }) => {
  noQuery(query);
  return putScenario(prisma, codeParam(params.code), await body(), caller);
});
