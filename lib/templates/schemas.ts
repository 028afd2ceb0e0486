import { z } from "zod";

// A language tag as patrons' preferredLanguage holds it: "en", "cy", "fr-CA".
export const languageTag = z.string().trim().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "a language tag such as en, cy or fr-CA");

export const templateTextInput = z.object({
  templateId: z.coerce.number().int().positive(),
  language: languageTag,
  subject: z.string().max(500, "at most 500 characters"),
  body: z.string().max(20_000, "at most 20,000 characters"),
  closing: z.string().max(5_000, "at most 5,000 characters").default(""),
});
export type TemplateTextInput = z.infer<typeof templateTextInput>;

export const previewInput = templateTextInput.extend({
  // A real patron's card number: preview with their loans, reservations or charges instead of the sample.
  cardNumber: z.string().trim().max(64).optional().transform((v) => v || undefined),
});
export type PreviewInput = z.infer<typeof previewInput>;
