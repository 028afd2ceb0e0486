// The claims pass for a date (the library's calendar): every sent order with copies still to come whose next claim is
// due gets one claim email, recorded in one transaction with the pass. Due: the first claim the supplier's claim
// period after the order was sent (the day its email was accepted), each further level the same period after the
// claim before it, up to the settings' maxClaimLevel. One level per order per pass.
//
// Once per order and level: the partial unique index "OrderEmail_claim_level_key" (the insert does nothing on a level
// recorded already, by an earlier pass or by staff claiming on demand at the same moment). Once per pass: ClaimRun's
// unique key ("scheduled:<date>" for the daily pass, so two workers' sweeps cannot both run it).
import type { Queue } from "bullmq";
import type pg from "pg";
import { inTransaction } from "@/lib/db/transaction";
import type { SendJobOptions } from "@/lib/notices/enqueue-deliveries";
import { localDateTime } from "@/lib/time/library-date";
import { enqueueOrderEmails } from "./enqueue-order-emails";

export type ClaimsPass = { runId: number | null; runDate: string; claims: { id: number; orderId: number; level: number }[] };

export async function planClaims(pool: pg.Pool, input: { runDate: string; key: string; requestedBy: string; staffId?: number }): Promise<ClaimsPass> {
  return inTransaction(pool, async (tx) => {
    const { rows: [run] } = await tx.query<{ id: number }>(
      `INSERT INTO "ClaimRun" (key, "runDate", "requestedBy") VALUES ($1, $2::date, $3) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [input.key, input.runDate, input.requestedBy]);
    if (!run) return { runId: null, runDate: input.runDate, claims: [] };
    const { rows: claims } = await tx.query<{ id: number; orderId: number; level: number }>(
      `WITH s AS (SELECT "timeZone" AS tz FROM "LibrarySettings" WHERE id = 1),
       a AS (SELECT "maxClaimLevel" AS max FROM "AcquisitionsSettings" WHERE id = 1),
       due AS (
         SELECT o.id, o."supplierId", COALESCE(c.level, 0) + 1 AS level
         FROM "PurchaseOrder" o
         JOIN "Supplier" sup ON sup.id = o."supplierId"
         CROSS JOIN s
         LEFT JOIN LATERAL (SELECT e."claimLevel" AS level, e."claimDate" AS on_date FROM "OrderEmail" e
           WHERE e."orderId" = o.id AND e.kind = 'CLAIM' AND e."resendOfId" IS NULL ORDER BY e."claimLevel" DESC LIMIT 1) c ON true
         WHERE o.status IN ('SENT', 'PARTIALLY_RECEIVED') AND o."sentAt" IS NOT NULL
           AND EXISTS (SELECT 1 FROM "PurchaseOrderLine" l WHERE l."orderId" = o.id AND l."receivedQuantity" < l.quantity)
           AND COALESCE(c.level, 0) < COALESCE((SELECT max FROM a), 3)
           AND COALESCE(c.on_date, (o."sentAt" AT TIME ZONE s.tz)::date) + sup."claimPeriodDays" <= $1::date)
       INSERT INTO "OrderEmail" ("orderId", kind, "claimLevel", "claimDate", recipients, "requestedBy")
       SELECT due.id, 'CLAIM', due.level, $1::date,
         COALESCE(NULLIF(ARRAY(SELECT lower(sc.email) FROM "SupplierContact" sc WHERE sc."supplierId" = due."supplierId" AND sc."receivesClaims" AND sc.email IS NOT NULL ORDER BY sc.id), '{}'),
                  ARRAY(SELECT lower(sc.email) FROM "SupplierContact" sc WHERE sc."supplierId" = due."supplierId" AND sc."receivesOrders" AND sc.email IS NOT NULL ORDER BY sc.id)),
         $2
       FROM due ORDER BY due.id
       ON CONFLICT ("orderId", "claimLevel") WHERE kind = 'CLAIM' AND "resendOfId" IS NULL DO NOTHING
       RETURNING id, "orderId", "claimLevel" AS level`,
      [input.runDate, input.requestedBy]);
    await tx.query(`UPDATE "ClaimRun" SET claims = $2 WHERE id = $1`, [run.id, claims.length]);
    if (input.staffId) {
      await tx.query(
        `INSERT INTO "AuditLog" ("actorId", "actorKind", action, entity, "entityId", details) VALUES ($1, 'staff', 'claims.run', 'claim-run', $2, $3)`,
        [input.staffId, String(run.id), JSON.stringify({ runDate: input.runDate, claims: claims.length, orders: claims.map((c) => c.orderId) })]);
    }
    return { runId: run.id, runDate: input.runDate, claims };
  });
}

/**
 * The daily pass, from the worker's minute sweep: once the library's clock has reached the settings' run time, today's
 * pass runs if it has not (key "scheduled:<date>"). A worker down at that time runs it when it is back, the same day.
 */
export async function runScheduledClaims(pool: pg.Pool, queue: Queue, send: SendJobOptions, now = new Date()) {
  const { rows: [row] } = await pool.query<{ tz: string; enabled: boolean; runAt: string }>(
    `SELECT l."timeZone" AS tz, a."claimsEnabled" AS enabled, a."claimsRunAt" AS "runAt"
     FROM "LibrarySettings" l CROSS JOIN "AcquisitionsSettings" a WHERE l.id = 1 AND a.id = 1`);
  if (!row?.enabled) return null;
  const { date, time } = localDateTime(row.tz, now);
  if (time < row.runAt) return null;
  const pass = await planClaims(pool, { runDate: date, key: `scheduled:${date}`, requestedBy: "claims schedule" });
  if (pass.claims.length) await enqueueOrderEmails(pool, queue, pass.claims.map((c) => c.id), send);
  return pass;
}
