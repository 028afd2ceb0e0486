import { noQuery } from "@/lib/api/config-params";
import { getSettings, putSettings } from "@/lib/api/config-settings";
import { prisma } from "@/lib/db/client";
import { apiRoute } from "../../_lib/api-route";

// GET /api/v1/config/settings: Settings → Library.
export const GET = apiRoute("READ", ({ query }) => {
  noQuery(query);
  return getSettings(prisma);
});

// PUT /api/v1/config/settings {settings}: replace them; a new time zone re-syncs the worker's schedulers.
export const PUT = apiRoute("READ_WRITE", async ({ query, body, caller }) => {
  noQuery(query);
  return putSettings(prisma, await body(), caller);
});
