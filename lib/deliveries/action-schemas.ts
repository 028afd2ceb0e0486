// The staff actions' inputs, parsed by the server actions and by nothing else (the use-cases take them parsed).
import { z } from "zod";

const deliveryId = z.number().int().positive().max(2147483647);
const reason = z.string().trim().min(3, "Say why, in a few words (at least 3 characters).").max(500, "Keep it under 500 characters.");

// What the staff member saw when the dialog opened, so a double click or a colleague's earlier action is refused.
export const ZResendDelivery = z.object({ deliveryId, reason, expectedResends: z.number().int().min(0) });
export const ZCancelDelivery = z.object({ deliveryId, reason });
export const ZSettleDelivery = z.object({ deliveryId, reason, outcome: z.enum(["sent", "not-sent"]) });
export const ZRetryDelivery = z.object({ deliveryId, expectedAttempts: z.number().int().min(0) });

export type TResendDelivery = z.infer<typeof ZResendDelivery>;
export type TCancelDelivery = z.infer<typeof ZCancelDelivery>;
export type TSettleDelivery = z.infer<typeof ZSettleDelivery>;
export type TRetryDelivery = z.infer<typeof ZRetryDelivery>;
