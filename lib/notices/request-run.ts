// "Run now" and "Replay a date" from the dashboard: the run is recorded here (so staff can open its page at once) and
// planned by the worker (planning a large library takes half a minute: too long for a request).
import type { Queue } from "bullmq";
import { z } from "zod";
import { sqlPool } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { planRunJob } from "@/lib/jobs/notices";
import { localDate } from "@/lib/time/library-date";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const RequestRunInput = z.object({
  // "now": today's date in the library; "replay": a past date (or today), planned as it was.
  mode: z.enum(["now", "replay"]),
  date: z.string().trim().optional(),
  // Left out or empty: every enabled scenario.
  scenarioIds: z.array(z.coerce.number().int().positive()).max(200).optional(),
  // Made when the form opens: a second click, or a second tab with the same form, finds the first run.
  requestKey: z.uuid("a request key from the form"),
});

/**
 * Records the run (PLANNING) with its audit row in one transaction, then asks the worker to plan it. The run key is
 * the form's request key, so the same request twice gives one run, one audit row and one job (its id is the run key's).
 */
export async function requestRun(db: PrismaClient, input: z.infer<typeof RequestRunInput>, options: { staff: { id: number }; queue: Queue; now?: Date }) {
  const settings = await db.librarySettings.findUnique({ where: { id: 1 }, select: { timeZone: true } });
  if (!settings) throw new AppError("UNAVAILABLE", "The library has no settings yet: run the seed or set it up first.");
  const today = localDate(settings.timeZone, options.now);
  const runDate = input.mode === "now" ? today : input.date ?? "";
  if (input.mode === "replay") {
    if (!isRealDate(runDate)) throw new AppError("INVALID", "Choose the date to replay.", { date: ["a date as YYYY-MM-DD"] });
    if (runDate < "2000-01-01") throw new AppError("INVALID", "That date is too far back.", { date: ["from 2000-01-01"] });
    if (runDate > today) throw new AppError("INVALID", "A replay is for a date that has come: today or earlier.", { date: [`today (${today}) or earlier`] });
  }
  const enabled = await db.scenario.findMany({ where: { isEnabled: true }, select: { id: true }, orderBy: { id: "asc" } });
  const chosen = input.scenarioIds?.length ? [...new Set(input.scenarioIds)].sort((a, b) => a - b) : enabled.map((s) => s.id);
  const unknown = chosen.filter((id) => !enabled.some((s) => s.id === id));
  if (unknown.length) throw new AppError("INVALID", "Choose enabled scenarios only.", { scenarioIds: [`not an enabled scenario: ${unknown.join(", ")}`] });
  if (chosen.length === 0) throw new AppError("INVALID", "No scenario is enabled: enable one first.", { scenarioIds: ["no enabled scenario"] });

  const key = `${input.mode === "now" ? "now" : "replay"}:${runDate}:${input.requestKey}`;
  const requestedBy = `staff:${options.staff.id}`;
  const run = await inTransaction(sqlPool(db), async (tx) => {
    const { rows: [created] } = await tx.query<{ id: number }>(
      `INSERT INTO "NoticeRun" (key, "runDate", trigger, "scenarioIds", "requestedBy") VALUES ($1, $2::date, 'REPLAY', $3::int[], $4)
       ON CONFLICT (key) DO NOTHING RETURNING id`, [key, runDate, chosen, requestedBy]);
    if (!created) {
      const { rows: [existing] } = await tx.query<{ id: number; requestedBy: string | null }>(
        `SELECT id, "requestedBy" FROM "NoticeRun" WHERE key = $1`, [key]);
      // A request key is only ever a form's own: another staff member's key is not a way into their run.
      if (existing.requestedBy !== requestedBy) throw new AppError("CONFLICT", "This form was already used. Reload the page and try again.");
      return { id: existing.id, isNew: false };
    }
    await tx.query(
      `INSERT INTO "AuditLog" ("actorId", "actorKind", action, entity, "entityId", details) VALUES ($1, 'staff', $2, 'notice-run', $3, $4)`,
      [options.staff.id, input.mode === "now" ? "notices.run-now" : "notices.replay", String(created.id),
        JSON.stringify({ runDate, scenarioIds: chosen })]);
    return { id: created.id, isNew: true };
  });
  // Added again on a repeated request too (the first may have failed between its commit and here): the job id is the
  // run key's, so BullMQ keeps one; and a run already planned is not planned again. A run whose job never arrives is
  // planned by the sweep after 10 minutes, like any run left PLANNING.
  await options.queue.add(planRunJob.name, { runDate, trigger: "REPLAY", runKey: key, scenarioIds: chosen, requestedBy },
    { ...planRunJob.options, jobId: planRunJob.jobId(key) });
  return { runId: run.id, isNew: run.isNew, runDate };
}
