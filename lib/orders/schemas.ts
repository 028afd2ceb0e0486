// Purchase orders as staff and the API send them. The same schemas serve the order screen and /api/v1.
import { z } from "zod";
import { normaliseIsbn } from "./isbn";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const optional = (max: number) =>
  z.preprocess((v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v), z.string().max(max, `at most ${max} characters`).nullable());

export const ORDER_STATUSES = ["DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"] as const;
export const STATUS_LABELS: Record<(typeof ORDER_STATUSES)[number], string> = {
  DRAFT: "Draft", SENT: "Sent", PARTIALLY_RECEIVED: "Partly received", RECEIVED: "Received", CANCELLED: "Cancelled",
};

export const ZIsbn = z.string().trim().transform((v, ctx) => {
  const isbn = normaliseIsbn(v);
  if (!isbn) {
    ctx.addIssue({ code: "custom", message: "not a valid ISBN: check the digits (10 or 13, the last is a check digit)" });
    return z.NEVER;
  }
  return isbn;
});

// Prices as typed: digits with up to two decimals, never negative.
const ZPrice = z.preprocess((v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
  z.string({ error: "a price such as 12.50" }).superRefine((v, ctx) => {
    if (v.startsWith("-")) ctx.addIssue({ code: "custom", message: "a price cannot be negative" });
    else if (!/^\d{1,8}(\.\d{1,2})?$/.test(v)) ctx.addIssue({ code: "custom", message: "a price such as 12.50" });
  }));

const ZQuantity = z.coerce.number({ error: "a whole number of copies" }).int("a whole number of copies")
  .min(1, "at least 1 copy (a quantity cannot be zero or negative)").max(100_000, "at most 100,000 copies");

export const ZOrderLine = z.object({
  title: z.string().trim().min(1, "the title ordered").max(500, "at most 500 characters"),
  author: optional(300),
  isbn: z.preprocess((v) => (blank(v) ? null : v), ZIsbn.nullable()),
  quantity: ZQuantity,
  unitPrice: ZPrice,
  fund: optional(100),
  note: optional(500),
});

export const ZTaxRate = z.preprocess((v) => (blank(v) ? "0" : typeof v === "number" ? String(v) : v),
  z.string().regex(/^\d{1,2}(\.\d{1,2})?$|^100$/, "a percentage from 0 to 100, e.g. 20 or 5.5"));

export const ZOrderInput = z.object({
  id: z.number().int().positive().optional(),
  supplierId: z.coerce.number({ error: "choose a supplier" }).int().positive("choose a supplier"),
  taxRate: ZTaxRate,
  notes: optional(2000),
  lines: z.array(ZOrderLine).min(1, "an order needs at least one line").max(500, "at most 500 lines"),
});
export type TOrderInput = z.output<typeof ZOrderInput>;

export const ZOrderId = z.object({ id: z.number().int().positive() });

// Receiving: the copies received so far per line (a total, not an increment, so a double click or a retried API
// call records the same thing twice rather than twice as many).
export const ZReceipt = z.object({
  id: z.number().int().positive(),
  lines: z.array(z.object({
    lineId: z.number().int().positive(),
    received: z.coerce.number({ error: "a whole number of copies" }).int("a whole number of copies").min(0, "cannot be negative"),
  })).min(1, "the lines received"),
});
export type TReceipt = z.output<typeof ZReceipt>;

export const ZOrderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
  email: z.enum(["problem"]).optional().catch(undefined),
});
export type TOrderListQuery = z.infer<typeof ZOrderListQuery>;
