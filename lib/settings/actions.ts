"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { LedgerRetentionInput, setLedgerRetention } from "./ledger-retention";

/** Sets how many months of notice history are kept (administrators). */
export async function setLedgerRetentionAction(input: unknown): Promise<ActionResult<{ months: number }>> {
  try {
    const staff = await requireStaff("settings.manage");
    const result = await setLedgerRetention(prisma, parseOrThrow(LedgerRetentionInput, input), staff);
    revalidatePath("/settings");
    return {
      ok: true, data: { months: result.after },
      message: result.changed ? `Saved: notice history is kept for ${result.after} months.` : "No change.",
    };
  } catch (err) {
    return actionFailure(err, "Saving the notice history setting", (e) => logger.error({ err: e }, "saving ledger retention failed"));
  }
}
