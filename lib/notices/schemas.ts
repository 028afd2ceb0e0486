import { z } from "zod";
import { dateOnly } from "@/lib/time/library-date";

const ZRunDate = z
  .string({ error: "required, as YYYY-MM-DD" })
  .refine((v) => {
    try {
      dateOnly(v);
      return true;
    } catch {
      return false;
    }
  }, "a real calendar date as YYYY-MM-DD");

export const ZPreviewQuery = z.object({
  date: ZRunDate,
  scenario: z.array(z.string().min(1).max(100)).max(50).optional(),
  limit: z.coerce.number().int().min(0).max(100_000).default(500),
});

export const ZStartRun = z.object({
  date: ZRunDate,
  scenarios: z.array(z.string().min(1).max(100)).max(50).optional(),
});

export type TStartRun = z.infer<typeof ZStartRun>;

/** "date: a real calendar date ..." — each issue with the field it concerns, for a 400 response. */
