import { keyParam } from "@/lib/api/params";
import { patronNotices } from "@/lib/api/read";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { apiRoute } from "../../../_lib/api-route";

// GET /api/v1/patrons/<cardNumber>/notices: the patron's notices and the deliveries that carried them, newest first.
export const GET = apiRoute<{ resource: string; key: string }>("READ", ({ params }) => {
  if (params.resource !== "patrons") throw new AppError("NOT_FOUND", "Only patrons have notices: /api/v1/patrons/<cardNumber>/notices.");
  return patronNotices(prisma, keyParam(params.key));
});
