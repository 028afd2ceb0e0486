"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { getNoticesQueue } from "@/lib/jobs/producer";
import { logger } from "@/lib/logger";
import { requestSchedulerSync } from "@/lib/notices/sync-schedulers";
import { importConfig, type ImportReport } from "./import-config";

const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

/** Checks a configuration file: what importing it would change (run and rolled back: nothing is written). */
export async function checkConfigAction(file: unknown): Promise<ActionResult<ImportReport>> {
  try {
    const staff = await requireStaff("settings.manage");
    return { ok: true, data: await importConfig(prisma, file, { apply: false }, staff) };
  } catch (err) {
    return failure(err, "Checking the configuration file");
  }
}

/** Imports a configuration file in one transaction, then asks the worker to re-sync its schedulers. */
export async function applyConfigAction(file: unknown): Promise<ActionResult<ImportReport>> {
  try {
    const staff = await requireStaff("settings.manage");
    const report = await importConfig(prisma, file, { apply: true }, staff);
    await requestSchedulerSync(getNoticesQueue()).catch((err: Error) => logger.warn({ err: err.message }, "scheduler sync request failed after a configuration import"));
    revalidatePath("/", "layout");
    return { ok: true, data: report, message: `Imported: ${report.changes.length} change(s), ${report.unchanged} unchanged.` };
  } catch (err) {
    return failure(err, "Importing the configuration file");
  }
}
