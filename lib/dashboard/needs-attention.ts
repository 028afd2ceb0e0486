// What staff should look at: counted live and exactly (staff act on these rows, and the count must move when they do).
// Each count reads one index range (Delivery's status and channel indexes), not the ledger.
import { sqlPool } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const STUCK_SENDING_MS = 10 * 60_000;

export type Attention = { key: "failed" | "unknown" | "print" | "stuck"; label: string; hint: string; count: number; href: string };

export async function getNeedsAttention(db: PrismaClient, now = new Date()): Promise<Attention[]> {
  const { rows: [c] } = await sqlPool(db).query<{ failed: number; unknown: number; print: number; stuck: number }>(
    `SELECT (SELECT count(*) FROM "Delivery" WHERE status = 'FAILED')::int AS failed,
            (SELECT count(*) FROM "Delivery" WHERE status = 'UNKNOWN')::int AS unknown,
            (SELECT count(*) FROM "Delivery" WHERE status = 'PLANNED' AND channel = 'PRINT')::int AS print,
            (SELECT count(*) FROM "Delivery" WHERE status = 'SENDING' AND "claimedAt" < $1::timestamptz)::int AS stuck`,
    [new Date(now.getTime() - STUCK_SENDING_MS)],
  );
  const log = (query: string) => `/notices/deliveries?${query}`;
  return [
    { key: "failed", label: "Failed", hint: "The mail server refused them: check the address, then retry", count: c.failed, href: log("status=FAILED") },
    { key: "unknown", label: "Outcome unknown", hint: "The connection dropped as they were handed over: check, then settle", count: c.unknown, href: log("status=UNKNOWN") },
    { key: "print", label: "Letters to print", hint: "Print deliveries not printed yet", count: c.print, href: log("channel=PRINT&status=PLANNED") },
    { key: "stuck", label: "Sending for over 10 minutes", hint: "A worker may have stopped while sending them", count: c.stuck, href: log("status=SENDING") },
  ];
}
