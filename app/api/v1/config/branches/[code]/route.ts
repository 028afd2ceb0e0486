import { deleteBranchByCode, getBranch, putBranch } from "@/lib/api/config-branches";
import { codeParam, noQuery } from "@/lib/api/config-params";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../../_lib/api-route";

type Params = { code: string };

// GET /api/v1/config/branches/<code>: one branch.
export const GET = apiRoute<Params>("READ", ({ params, query }) => {
  noQuery(query);
  return getBranch(prisma, codeParam(params.code));
});

// PUT /api/v1/config/branches/<code> {name, email, phone, address, openingHours}: create or replace it.
export const PUT = apiRoute<Params>("READ_WRITE", async ({ params, query, body, caller }) => {
  noQuery(query);
  return putBranch(prisma, codeParam(params.code), await body(), caller);
});

// DELETE /api/v1/config/branches/<code>: 409 while loans, patrons, items, reservations or orders name it.
export const DELETE = apiRoute<Params>("READ_WRITE", ({ params, query, caller }) => {
  noQuery(query);
  return deleteBranchByCode(prisma, codeParam(params.code), caller);
});
