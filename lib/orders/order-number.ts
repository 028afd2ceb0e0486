// Order numbers: PO-<year>-<five digits>, counting from 1 each year. The counter row is bumped inside the order's own
// transaction: a second order made at the same moment waits on the row lock and gets the next number, and a rolled
// back order gives its number back (no gaps from refused saves).
import type { Prisma } from "@/lib/generated/prisma/client";

export async function nextOrderNumber(tx: Prisma.TransactionClient, year: number): Promise<string> {
  const [{ last }] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "PurchaseOrderCounter" (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = "PurchaseOrderCounter".last + 1
    RETURNING last`;
  return `PO-${year}-${String(last).padStart(5, "0")}`;
}
