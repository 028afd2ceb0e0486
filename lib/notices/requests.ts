// The notice endpoints' work, shared by the dashboard's /api/notices (staff session) and /api/v1/notices (API token):
// parse, run, and turn a bad scenario code into a 422 naming the field.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { getDeliveriesQueue, sendJobOptions } from "@/lib/jobs/producer";
import { idParam } from "@/lib/api/params";
import { PreviewRequest, StartRunRequest } from "@/lib/api/schemas";
import { parseOrThrow } from "@/lib/parse-input";
import { previewRun } from "./preview-run";
import { getRunProgress, startReplay } from "./start-replay";

async function scenarioField<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Error && err.message.startsWith("scenario:")) throw new AppError("INVALID", err.message, { [field]: [err.message] });
    throw err;
  }
}

/** ?date=YYYY-MM-DD[&scenario=code...][&limit=500]: what a run on that date would send now. Writes nothing. */
export function previewFromQuery(db: PrismaClient, params: URLSearchParams) {
  const query = parseOrThrow(PreviewRequest, {
    date: params.get("date") ?? undefined,
    scenario: params.getAll("scenario").length ? params.getAll("scenario") : undefined,
    limit: params.get("limit") ?? undefined,
  });
  return scenarioField("scenario", () => previewRun(db, { runDate: query.date, scenarioCodes: query.scenario, limit: query.limit }));
}

/** {"date": "YYYY-MM-DD", "scenarios": [...]}: plan that date now and send what was never sent. */
export function startRunFromBody(db: PrismaClient, body: unknown, requestedBy: string) {
  const input = parseOrThrow(StartRunRequest, body);
  return scenarioField("scenarios", () => startReplay(db, {
    runDate: input.date, scenarioCodes: input.scenarios, requestedBy, queue: getDeliveriesQueue(), send: sendJobOptions(),
  }));
}

export async function runProgress(db: PrismaClient, id: string) {
  const runId = idParam(id);
  const progress = await getRunProgress(db, runId);
  if (!progress) throw new AppError("NOT_FOUND", `No run ${runId}.`);
  return progress;
}
