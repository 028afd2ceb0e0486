// Suppliers as staff save them: details, the library's account number, currency, claim period and contacts.
// Decision: a supplier with no contact who receives orders is refused when it is saved active (the field named is
// "contacts"); an inactive supplier may have none, so a supplier can be kept for history after its contacts leave.
import { z } from "zod";

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const optional = (max: number, schema: z.ZodString = z.string()) =>
  z.preprocess((v) => (blank(v) ? null : typeof v === "string" ? v.trim() : v), schema.max(max, `at most ${max} characters`).nullable());

// ISO 4217 codes as the runtime knows them (Intl's list is kept with the ICU data, no table of our own to age).
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
export const ZCurrency = z.string().trim().toUpperCase()
  .refine((c) => CURRENCIES.has(c), "a currency code such as EUR, GBP or USD (ISO 4217)");

export const ZSupplierContact = z.object({
  name: z.string().trim().min(1, "the contact's name").max(120, "at most 120 characters"),
  role: optional(120),
  email: optional(200, z.string().email("an email address such as orders@supplier.example")),
  phone: optional(50),
  receivesOrders: z.boolean().default(false),
  receivesClaims: z.boolean().default(false),
}).superRefine((c, ctx) => {
  if ((c.receivesOrders || c.receivesClaims) && !c.email) {
    ctx.addIssue({ code: "custom", path: ["email"], message: "an email address, so orders and claims can reach this contact" });
  }
});

export const ZSupplierInput = z.object({
  id: z.number().int().positive().optional(),
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, "letters, digits, - or _, up to 40 (e.g. DAWSON)"),
  name: z.string().trim().min(1, "the supplier's name").max(200, "at most 200 characters"),
  email: optional(200, z.string().email("an email address such as sales@supplier.example")),
  phone: optional(50),
  address: optional(500),
  accountNumber: optional(60),
  currency: ZCurrency,
  claimPeriodDays: z.coerce.number({ error: "a whole number of days" }).int("a whole number of days").min(1, "at least 1 day").max(365, "at most 365 days"),
  isActive: z.boolean().default(true),
  contacts: z.array(ZSupplierContact).max(50, "at most 50 contacts"),
}).superRefine((s, ctx) => {
  if (s.isActive && !s.contacts.some((c) => c.receivesOrders && c.email)) {
    ctx.addIssue({ code: "custom", path: ["contacts"], message: "an active supplier needs at least one contact who receives orders, with an email address" });
  }
});
export type TSupplierInput = z.output<typeof ZSupplierInput>;

export const ZSupplierId = z.object({ id: z.number().int().positive() });
export const ZSupplierActive = z.object({ id: z.number().int().positive(), isActive: z.boolean() });

export const ZSupplierListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  inactive: z.enum(["1"]).optional().catch(undefined),
  after: z.coerce.number().int().positive().optional().catch(undefined),
});
export type TSupplierListQuery = z.infer<typeof ZSupplierListQuery>;
