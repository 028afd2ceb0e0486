// What staff should look at: counted live and exactly (staff act on these rows, and the count must move when they do).
// Each count reads one index range (Delivery's status and channel indexes), not the ledger.
import { sqlPool } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UNDELIVERED_ORDER_IDS } from "@/lib/orders/email/undelivered";

export const STUCK_SENDING_MS = 10 * 60_000;
// Counted exactly up to here, then shown as "10,000+": nothing marks print letters printed yet, so a year of them is
// over a million rows and counting them all took 200-400 ms; beyond this many the number tells staff nothing more.
export const ATTENTION_CAP = 10_000;

export type Attention = {
  key: "failed" | "unknown" | "print" | "stuck" | "supplier"; label: string; hint: string; count: number; isCapped: boolean; href: string;
};

export async function getNeedsAttention(db: PrismaClient, now = new Date()): Promise<Attention[]> {
  const { rows: [c] } = await sqlPool(db).query<{ failed: number; unknown: number; print: number; stuck: number; supplier: number }>(
    `SELECT (SELECT count(*) FROM (SELECT FROM "Delivery" WHERE status = 'FAILED' LIMIT $2) x)::int AS failed,
            (SELECT count(*) FROM (SELECT FROM "Delivery" WHERE status = 'UNKNOWN' LIMIT $2) x)::int AS unknown,
            (SELECT count(*) FROM (SELECT FROM "Delivery" WHERE status = 'PLANNED' AND channel = 'PRINT' LIMIT $2) x)::int AS print,
            (SELECT count(*) FROM (SELECT FROM "Delivery" WHERE status = 'SENDING' AND "claimedAt" < $1::timestamptz LIMIT $2) x)::int AS stuck,
            (SELECT count(*) FROM (${UNDELIVERED_ORDER_IDS}) x)::int AS supplier`,
    [new Date(now.getTime() - STUCK_SENDING_MS), ATTENTION_CAP + 1],
  );
  const log = (query: string) => `/notices/deliveries?${query}`;
  const items: Omit<Attention, "isCapped">[] = [
    { key: "failed", label: "Failed", hint: "The mail server refused them: check the address, then retry", count: c.failed, href: log("status=FAILED") },
    { key: "unknown", label: "Outcome unknown", hint: "The connection dropped as they were handed over: check, then settle", count: c.unknown, href: log("status=UNKNOWN") },
    { key: "print", label: "Letters to print", hint: "Print deliveries not printed yet", count: c.print, href: log("channel=PRINT&status=PLANNED") },
    { key: "stuck", label: "Sending for over 10 minutes", hint: "A worker may have stopped while sending them", count: c.stuck, href: log("status=SENDING") },
  ];
  // Shown only when there is one: most libraries' acquisitions go for weeks without a refused email.
  if (c.supplier > 0) {
    items.push({ key: "supplier", label: "Supplier emails not delivered", hint: "An order or claim was refused or may not have arrived: check the address, then send it again", count: c.supplier, href: "/orders?email=problem" });
  }
  return items.map((i) => ({ ...i, count: Math.min(i.count, ATTENTION_CAP), isCapped: i.count > ATTENTION_CAP }));
}
