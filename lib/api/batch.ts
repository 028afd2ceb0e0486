import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { parseOrThrow } from "@/lib/parse-input";
import { batchSchema, type Resource } from "./schemas";
import type { ApiCaller } from "./tokens";
import { upsertRows, type UpsertResult } from "./upsert";

/** POST /api/v1/<resource>/batch: validate every row, then upsert all of them or none. */
export async function runBatch(db: PrismaClient, resource: Resource, body: unknown, caller: Pick<ApiCaller, "tokenId">): Promise<UpsertResult & { resource: Resource }> {
  const { items } = parseOrThrow(batchSchema(resource), body);
  const result = await inTransaction(sqlPool(db), async (tx) => {
    const counts = await upsertRows(tx, resource, items);
    await tx.query(`INSERT INTO "AuditLog" ("actorKind", action, entity, details) VALUES ($1, $2, $3, $4)`,
      [`api:${caller.tokenId}`, `${resource}.upsert`, resource, JSON.stringify({ rows: items.length, ...counts })]);
    return counts;
  });
  return { resource, ...result };
}
