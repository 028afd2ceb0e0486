import type pg from "pg";
import { groupBy } from "@/lib/group-by";
import type { Recipient } from "./plan-types";

/** Every contact point of these patrons: themselves ("self") and their PatronContact rows. One query. */
export async function loadRecipients(db: pg.Pool | pg.ClientBase, patronIds: number[]): Promise<Map<number, Recipient[]>> {
  if (patronIds.length === 0) return new Map();
  const { rows } = await db.query<Recipient>(
    `SELECT p.id AS "patronId", 'SELF' AS "contactKind", 'self' AS "contactKey",
        p."firstName" || ' ' || p."lastName" AS "contactName", p.email, p.mobile
     FROM "Patron" p WHERE p.id = ANY($1::int[])
     UNION ALL
     SELECT c."patronId", c.kind::text, 'contact:' || c.id, c.name, c.email, c.mobile
     FROM "PatronContact" c WHERE c."patronId" = ANY($1::int[])`,
    [patronIds],
  );
  return groupBy(rows, (r) => r.patronId);
}
