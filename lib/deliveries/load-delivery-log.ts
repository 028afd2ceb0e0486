// What the delivery log page reads (and the benchmark times): the library's zone, the scenarios for the filter and
// names, and one page of deliveries.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LogQuery } from "./log-filters";
import { listDeliveries } from "./list-deliveries";
import { libraryTimeZone } from "@/lib/time/library-time-zone";

export async function loadDeliveryLog(db: PrismaClient, query: Pick<LogQuery, "filter" | "before" | "after">) {
  const [timeZone, scenarios] = await Promise.all([
    libraryTimeZone(db),
    db.scenario.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const page = await listDeliveries(db, { ...query, timeZone });
  return { page, scenarios, timeZone };
}
