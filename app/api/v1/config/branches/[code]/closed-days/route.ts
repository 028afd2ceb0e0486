import { addClosedDaysByCode, getClosedDays, removeClosedDaysByCode } from "@/lib/api/config-branches";
import { codeParam, noQuery } from "@/lib/api/config-params";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../../../_lib/api-route";

type Params = { code: string };

// GET /api/v1/config/branches/<code>/closed-days?from=YYYY-MM-DD&to=YYYY-MM-DD: the branch's closed days.
export const GET = apiRoute<Params>("READ", ({ params, query }) => getClosedDays(prisma, codeParam(params.code), query));

// POST /api/v1/config/branches/<code>/closed-days {from, to?, reason?}: close it on a day or a range of days.
export const POST = apiRoute<Params>("READ_WRITE", async ({ params, query, body, caller }) => {
  noQuery(query);
  return addClosedDaysByCode(prisma, codeParam(params.code), await body(), caller);
});

// DELETE /api/v1/config/branches/<code>/closed-days?date=YYYY-MM-DD (repeated), or a body {dates: [...]}: reopen them.
export const DELETE = apiRoute<Params>("READ_WRITE", ({ params, request, query, body, caller }) =>
  removeClosedDaysByCode(prisma, codeParam(params.code), { query, hasBody: request.body !== null, body }, caller));
