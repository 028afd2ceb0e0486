import { apiActor, noQuery, parseBody } from "@/lib/api/config-params";
import { ApiOrder, getOrderJson, orderNumberParam, putOrder } from "@/lib/api/orders";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";

// GET /api/v1/orders/<number>: one order with its lines and totals.
export const GET = apiRoute<{ number: string }>("READ", ({ params, query }) => {
  noQuery(query);
  return getOrderJson(prisma, orderNumberParam(params.number));
});

// PUT /api/v1/orders/<number>: creates the order as a draft, or replaces a draft's lines; a sent order is 409.
export const PUT = apiRoute<{ number: string }>("READ_WRITE", async ({ params, query, body, caller }) => {
  noQuery(query);
  const number = orderNumberParam(params.number);
  return putOrder(prisma, number, parseBody(ApiOrder, await body()), apiActor(caller));
});
