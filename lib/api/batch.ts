import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { parseOrThrow } from "@/lib/parse-input";
import { batchSchema, type Resource } from "./schemas";
import type { ApiCaller } from "./tokens";
import { upsertRows, type UpsertResult } from "./upsert";

/** Runs work in one transaction on a pooled pg client: committed whole or rolled back whole. */
export async function inTransaction<T>(db: PrismaClient, work: (tx: import("pg").PoolClient) => Promise<T>): Promise<T> {
  const client = await sqlPool(db).connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** POST /api/v1/<resource>/batch: validate every row, then upsert all of them or none. */
export async function runBatch(db: PrismaClient, resource: Resource, body: unknown, caller: Pick<ApiCaller, "tokenId">): Promise<UpsertResult & { resource: Resource }> {
  const { items } = parseOrThrow(batchSchema(resource), body);
  const result = await inTransaction(db, async (tx) => {
    const counts = await upsertRows(tx, resource, items);
    await tx.query(`INSERT INTO "AuditLog" ("actorKind", action, entity, details) VALUES ($1, $2, $3, $4)`,
      [`api:${caller.tokenId}`, `${resource}.upsert`, resource, JSON.stringify({ rows: items.length, ...counts })]);
    return counts;
  });
  return { resource, ...result };
}
