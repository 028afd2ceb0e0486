"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { getNoticesQueue } from "@/lib/jobs/producer";
import { logger } from "@/lib/logger";
import { requestSchedulerSync } from "@/lib/notices/sync-schedulers";
import { parseOrThrow } from "@/lib/parse-input";
import { previewScenarioChange } from "./preview-change";
import { saveScenario, type SaveScenarioResult } from "./save-scenario";
import { ScenarioInput } from "./schemas";

const failure = (err: unknown, what: string) => actionFailure(err, what, (e) => logger.error({ err: e }, `${what} failed`));

/**
 * Saves a scenario (circulation staff and administrators), then asks the worker to re-sync its schedulers at once. The
 * save is committed first: were Redis down, the worker's minute sweep still plans slots by the saved schedule.
 */
export async function saveScenarioAction(input: unknown): Promise<ActionResult<SaveScenarioResult>> {
  try {
    const staff = await requireStaff("notices.manage");
    const saved = await saveScenario(prisma, parseOrThrow(ScenarioInput, input), staff);
    let synced = true;
    await requestSchedulerSync(getNoticesQueue()).catch((err: Error) => {
      synced = false;
      logger.warn({ err: err.message, scenario: saved.code }, "scheduler sync request failed after a scenario save");
    });
    revalidatePath("/scenarios");
    revalidatePath(`/scenarios/${saved.id}`);
    const sync = synced ? "" : " The worker could not be told at once; it picks the change up within a minute.";
    return { ok: true, data: saved, message: `${saved.created ? "Created" : "Saved"}. The next run uses this configuration.${sync}` };
  } catch (err) {
    return failure(err, "Saving the scenario");
  }
}

/** The next run's counts per level as saved and as edited (a dry run: nothing is written). Any staff member may look. */
export async function previewScenarioChangeAction(input: unknown, count: "saved" | "edited" | "both" = "both"): Promise<ActionResult<Awaited<ReturnType<typeof previewScenarioChange>>>> {
  try {
    await requireStaff("dashboard.view");
    return { ok: true, data: await previewScenarioChange(prisma, parseOrThrow(ScenarioInput, input), { count }) };
  } catch (err) {
    return failure(err, "Counting what the change would send");
  }
}
