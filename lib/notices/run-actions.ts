"use server";

import { revalidatePath } from "next/cache";
import { requireStaff } from "@/lib/auth/require-staff";
import { prisma } from "@/lib/db/client";
import { actionFailure, type ActionResult } from "@/lib/errors";
import { getNoticesQueue } from "@/lib/jobs/producer";
import { logger } from "@/lib/logger";
import { parseOrThrow } from "@/lib/parse-input";
import { RequestRunInput, requestRun } from "./request-run";

/** Run now / replay a date (circulation staff and administrators): records the run and hands it to the worker. */
export async function requestRunAction(input: unknown): Promise<ActionResult<{ runId: number }>> {
  try {
    const staff = await requireStaff("notices.manage");
    const run = await requestRun(prisma, parseOrThrow(RequestRunInput, input), { staff, queue: getNoticesQueue() });
    revalidatePath("/notices");
    return { ok: true, data: { runId: run.runId }, message: `Run #${run.runId} for ${run.runDate} is being planned.` };
  } catch (err) {
    return actionFailure(err, "Starting the run", (e) => logger.error({ err: e }, "starting a run failed"));
  }
}
