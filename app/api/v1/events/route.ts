import { applyEvents } from "@/lib/api/events";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../_lib/api-route";

// POST /api/v1/events {"items": [{"type": "return", "loanExternalId": "L1"}, ...]}: circulation events, in order, all or none.
export const POST = apiRoute("READ_WRITE", async ({ body, caller }) => applyEvents(prisma, await body(), caller));
