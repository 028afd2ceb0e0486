import { deleteEntry, getEntry, listParam, putEntry } from "@/lib/api/config-lists";
import { codeParam, noQuery } from "@/lib/api/config-params";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../../_lib/api-route";

type Params = { list: string; code: string };

// GET /api/v1/config/<list>/<code>: one entry of patron-categories, academic-levels or library-groups.
export const GET = apiRoute<Params>("READ", ({ params, query }) => {
  const list = listParam(params.list);
  noQuery(query);
  return getEntry(prisma, list, codeParam(params.code));
});

// PUT /api/v1/config/<list>/<code> {name}: create or rename it.
export const PUT = apiRoute<Params>("READ_WRITE", async ({ params, query, body, caller }) => {
  const list = listParam(params.list);
  noQuery(query);
  return putEntry(prisma, list, codeParam(params.code), await body(), caller);
});

// DELETE /api/v1/config/<list>/<code>: 409 while patrons or scenarios name it.
export const DELETE = apiRoute<Params>("READ_WRITE", ({ params, query, caller }) => {
  const list = listParam(params.list);
  noQuery(query);
  return deleteEntry(prisma, list, codeParam(params.code), caller);
});
