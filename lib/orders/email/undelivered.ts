/** Orders (not cancelled) whose latest email of a kind and claim level failed or has an unknown outcome: the supplier may
 * not have it. A later email of the same kind and level that went (sent again) clears it. */
export const UNDELIVERED_ORDER_IDS = `SELECT DISTINCT e."orderId" AS id FROM "OrderEmail" e JOIN "PurchaseOrder" o ON o.id = e."orderId"
  WHERE e.status IN ('FAILED', 'UNKNOWN') AND o.status <> 'CANCELLED'
    AND NOT EXISTS (SELECT 1 FROM "OrderEmail" l WHERE l."orderId" = e."orderId" AND l.kind = e.kind
      AND l."claimLevel" IS NOT DISTINCT FROM e."claimLevel" AND l.id > e.id)`;
