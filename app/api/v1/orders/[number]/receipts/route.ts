import { apiActor, noQuery, parseBody } from "@/lib/api/config-params";
import { ApiReceipt, orderNumberParam, receiveOrderByNumber } from "@/lib/api/orders";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../../_lib/api-route";

// POST /api/v1/orders/<number>/receipts: copies received so far per line number (totals, so a retry is harmless).
export const POST = apiRoute<{ number: string }>("READ_WRITE", async ({ params, query, body, caller }) => {
  noQuery(query);
  const number = orderNumberParam(params.number);
  return receiveOrderByNumber(prisma, number, parseBody(ApiReceipt, await body()), apiActor(caller));
});
