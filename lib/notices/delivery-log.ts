// What the worker logs about sending: one line per delivery outcome, and one summary per run when its email is done.
// Ids, codes and counts only: no patron names or addresses reach the logs.
import { Redis } from "ioredis";
import type pg from "pg";
import type { Logger } from "pino";
import { env } from "@/lib/env";
import { RUN_HAS_OPEN_EMAIL } from "./mark-run-done";

export type DeliveryOutcome = {
  runId: number;
  channel: string;
  status: string;
  smtpCode: number | null;
  attempts: number;
  // The run's notices in the delivery: their scenarios' codes ("overdue" or "overdue,overdue-escalation") and
  // the highest level among them (the escalation the letter stands for).
  scenario: string;
  level: number | null;
  // Whether the delivery's run still has email to send, read after this delivery's own commit (see logRunSummaryOnce).
  runHasOpenEmail: boolean;
};

/**
 * The delivery as the send left it, with its notices' scenarios and level, and whether its run still has email open:
 * one round trip per send (the log line and the run's summary used to take two).
 */
export async function readDeliveryOutcome(sql: pg.Pool, deliveryId: number): Promise<DeliveryOutcome | null> {
  const { rows } = await sql.query<DeliveryOutcome>({
    name: "read-delivery-outcome",
    text: `SELECT d."runId", d.channel, d.status, d."smtpCode", d.attempts,
         coalesce(string_agg(DISTINCT s.code, ',' ORDER BY s.code), '') AS scenario, max(n.level) AS level,
         ${RUN_HAS_OPEN_EMAIL('d."runId"')} AS "runHasOpenEmail"
       FROM "Delivery" d
       LEFT JOIN LATERAL (SELECT "scenarioId", level FROM "Notice" WHERE id = ANY(d."noticeIds") AND "runId" = d."runId"
         UNION ALL SELECT "scenarioId", level FROM "EveryRunNotice" WHERE id = ANY(d."noticeIds") AND "runId" = d."runId") n ON true
       LEFT JOIN "Scenario" s ON s.id = n."scenarioId"
       WHERE d.id = $1 GROUP BY d.id, d."createdAt"`,
    values: [deliveryId],
  });
  return rows[0] ?? null;
}

const SUMMARY_KEY_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Logs a run's sending summary once, when none of its email deliveries is still open. Called after every final
 * outcome: the last one to commit always sees the run finished (each check runs after its own commit), and a few
 * that finish together may all see it, so "once" needs a guard shared by every worker.
 *
 * The guard is a Redis `SET key NX EX`: atomic across workers, and it remembers. A Postgres advisory lock only
 * serialises the checkers; with no column to mark the run as summarised (the schema is not ours to change here),
 * the second checker in line would find the same "finished" run and log it again. The key lives a week, long after
 * a run's retries end; if Redis loses it, a later final outcome in the same run (rare: a retried temporary failure)
 * could log the summary a second time, which is harmless. A worker that dies between the last send and the SET logs
 * none: the summary is a convenience, the deliveries in Postgres stay the record.
 *
 * Cost per send: one EXISTS over the open deliveries (RUN_HAS_OPEN_EMAIL), asked with the outcome's own read
 * (`known`) by the send job. A separate, short-lived Redis connection is opened only when a run looks finished, a few
 * times per run.
 */
export async function logRunSummaryOnce(deps: { sql: pg.Pool; log: Logger; keyPrefix: string }, runId: number,
  known?: { runHasOpenEmail: boolean }) {
  const isOpen = known?.runHasOpenEmail ?? (await deps.sql.query<{ open: boolean }>({
    name: "run-has-open-email",
    text: `SELECT ${RUN_HAS_OPEN_EMAIL("$1")} AS open`,
    values: [runId],
  })).rows[0].open;
  if (isOpen) return false;

  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  let isFirst: boolean;
  try {
    isFirst = (await redis.set(`${deps.keyPrefix}:run-summary:${runId}`, "1", "EX", SUMMARY_KEY_TTL_SECONDS, "NX")) === "OK";
  } finally {
    redis.disconnect();
  }
  if (!isFirst) return false;

  const { rows } = await deps.sql.query<Record<string, number | string | null>>({
    text: `SELECT r.key AS "runKey", to_char(r."runDate", 'YYYY-MM-DD') AS "runDate", r.trigger,
         count(d.id)::int AS deliveries,
         count(*) FILTER (WHERE d.status = 'SENT')::int AS sent,
         count(*) FILTER (WHERE d.status = 'FAILED')::int AS failed,
         count(*) FILTER (WHERE d.status = 'SKIPPED')::int AS skipped,
         count(*) FILTER (WHERE d.status = 'UNKNOWN')::int AS unknown,
         count(*) FILTER (WHERE d.status = 'CANCELLED')::int AS cancelled,
         round(extract(epoch FROM max(d."updatedAt") - r."startedAt")::numeric, 1)::float AS seconds
       FROM "NoticeRun" r LEFT JOIN "Delivery" d ON d."runId" = r.id AND d.channel = 'EMAIL'
       WHERE r.id = $1 GROUP BY r.id`,
    values: [runId],
  });
  deps.log.info({ runId, ...rows[0] }, "run finished sending");
  return true;
}
