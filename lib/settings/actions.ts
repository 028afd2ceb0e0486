"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { getNoticesQueue } from "@/lib/jobs/producer";
import { requestSchedulerSync } from "@/lib/notices/sync-schedulers";
import { LedgerRetentionInput, setLedgerRetention } from "./ledger-retention";
import { LibrarySettingsInput, saveLibrarySettings } from "./library-settings";

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

/** Saves Settings → Library (administrators); a new time zone re-syncs the worker's schedulers. */
export async function saveLibrarySettingsAction(input: unknown): Promise<ActionResult<{ changed: string[] }>> {
  try {
    const staff = await requireStaff("settings.manage");
    const result = await saveLibrarySettings(prisma, parseOrThrow(LibrarySettingsInput, input), staff);
    if (result.timeZoneChanged) {
      await requestSchedulerSync(getNoticesQueue()).catch((err: Error) => logger.warn({ err: err.message }, "scheduler sync request failed after a time zone change"));
    }
    revalidatePath("/", "layout");
    return { ok: true, data: { changed: result.changed }, message: result.changed.length ? "Saved." : "No change." };
  } catch (err) {
    return actionFailure(err, "Saving the library settings", (e) => logger.error({ err: e }, "saving library settings failed"));
  }
}
