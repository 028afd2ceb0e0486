import type { Queue } from "bullmq";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueDeliveries, type SendJobOptions } from "./enqueue-deliveries";
import { planRun } from "./plan-run";
import { resolveScenarioCodes } from "./preview-run";

/**
 * Runs the planner for an explicit date now (a replay) and hands its email deliveries to the worker. Anything already
 * recorded for that date is not planned again, so replaying a date sends only what was never sent.
 */
export async function startReplay(
  db: PrismaClient,
  options: { runDate: string; scenarioCodes?: string[]; requestedBy: string; queue: Queue; send: SendJobOptions },
) {
  const scenarioIds = await resolveScenarioCodes(db, options.scenarioCodes);
  const result = await planRun(db, {
    runDate: options.runDate,
    scenarioIds,
    trigger: "REPLAY",
    requestedBy: options.requestedBy,
    onBatch: ({ emailDeliveryIds }) => enqueueDeliveries(db, options.queue, emailDeliveryIds, options.send).then(() => {}),
  });
  return { runId: result.runId!, notices: result.notices, deliveries: result.deliveries, emailDeliveries: result.emailDeliveries };
}

/** A run and how far its deliveries have got. */
export async function getRunProgress(db: PrismaClient, runId: number) {
  const run = await db.noticeRun.findUnique({ where: { id: runId } });
  if (!run) return null;
  const counts = await db.delivery.groupBy({ by: ["status", "channel"], where: { runId }, _count: true });
  const byStatus: Record<string, number> = {};
  for (const c of counts) byStatus[c.status] = (byStatus[c.status] ?? 0) + c._count;
  const isPending = (status: string) => status === "PLANNED" || status === "QUEUED" || status === "SENDING";
  return {
    id: run.id,
    key: run.key,
    runDate: run.runDate.toISOString().slice(0, 10),
    trigger: run.trigger,
    status: run.status,
    noticesPlanned: run.noticesPlanned,
    deliveriesPlanned: run.deliveriesPlanned,
    deliveries: byStatus,
    // Print and SMS deliveries wait for their own batch; "done" speaks of email.
    isEmailDone: run.status === "PLANNED" && !counts.some((c) => c.channel === "EMAIL" && isPending(c.status)),
    inFlight: counts.filter((c) => isPending(c.status)).reduce((n, c) => n + c._count, 0),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
