import { z } from "zod";

const ZEmail = z.string().trim().toLowerCase().pipe(z.email({ error: "not an email address" }));

// "Email order" / "Claim now" / "Send again" from the order screen. `requestKey` is the form's one-off key: the same
// form posted twice (a double click) makes one email. `expectedEmails`: how many emails the order had when the page was
// loaded, so a second member of staff's form, made before the first one's email, is refused rather than sent again.
export const ZRequestOrderEmail = z.object({
  orderId: z.coerce.number().int().positive(),
  what: z.enum(["order", "claim"]),
  again: z.boolean().default(false),
  reason: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(500, "at most 500 characters").optional()),
  recipients: z.array(ZEmail, { error: "choose at least one recipient" })
    .min(1, "choose at least one recipient").max(20, "at most 20 recipients")
    .transform((list) => [...new Set(list)]),
  requestKey: z.string().min(8).max(100),
  expectedEmails: z.coerce.number().int().min(0),
}).superRefine((v, ctx) => {
  if (v.again && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "say why it is sent again (kept with the order's history)" });
});
export type TRequestOrderEmail = z.infer<typeof ZRequestOrderEmail>;

/** Recipients as typed in "other addresses": separated by commas, semicolons, spaces or lines. */
export function splitAddresses(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

export const ZRunClaims = z.object({
  runDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2026-12-01"),
  requestKey: z.string().min(8).max(100),
});

export const ZClaimSettings = z.object({
  claimsEnabled: z.boolean(),
  claimsRunAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time such as 06:00 (24-hour)"),
  maxClaimLevel: z.coerce.number({ error: "1, 2 or 3" }).int("1, 2 or 3").min(1, "1, 2 or 3").max(3, "1, 2 or 3"),
  orderTemplateId: z.coerce.number().int().positive().nullable(),
  claimTemplateId: z.coerce.number().int().positive().nullable(),
});
export type TClaimSettings = z.infer<typeof ZClaimSettings>;

export const EMAIL_STATUS_LABELS: Record<string, string> = {
  PLANNED: "Waiting to send", QUEUED: "Waiting to send", SENDING: "Sending", SENT: "Sent", FAILED: "Failed",
  SKIPPED: "Not sent", CANCELLED: "Cancelled", UNKNOWN: "Outcome unknown",
};
