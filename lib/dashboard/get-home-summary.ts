import { sqlPool } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addDays } from "@/lib/notices/rules/day-count";
import { localDate } from "@/lib/time/library-date";
import { buildCharts, buildRecentRuns } from "./home-figures";
import { readLedgerCounts, type DeliveryCount } from "./ledger-counts";
import { getNeedsAttention } from "./needs-attention";
import { getQueueFigures, getWorkers, type NamedQueue } from "./queue-health";
import { readLibraryFigures } from "./library-figures";
import { getRunsToday } from "./runs-today";

export type HomeSummary = Awaited<ReturnType<typeof getHomeSummary>>;

export const CHART_DAYS = 30;
export const RECENT_RUN_DAYS = 7;

/** Everything on the dashboard home, loaded in parallel. `queues` are left out by callers that only want the database. */
export async function getHomeSummary(db: PrismaClient, options: { now?: Date; queues?: NamedQueue[] } = {}) {
  const now = options.now ?? new Date();
  const settings = await db.librarySettings.findUnique({ where: { id: 1 } });
  const timeZone = settings?.timeZone ?? "UTC";
  const today = localDate(timeZone, now);
  const chartFrom = addDays(today, -(CHART_DAYS - 1));
  const runsFrom = addDays(today, -(RECENT_RUN_DAYS - 1));
  const [figures, runsToday, recent, counts, attention, queues, workers] = await Promise.all([
    readLibraryFigures(db, { today, now }),
    getRunsToday(db, { timeZone, now }),
    sqlPool(db).query<{ id: number; runDate: string; trigger: string; status: string; startedAt: Date; noticesPlanned: number; isMoving: boolean }>(
      // isMoving: still sending, or done since the roll-up last counted: its deliveries are counted live below.
      `SELECT id, to_char("runDate", 'YYYY-MM-DD') AS "runDate", trigger, status, "startedAt", "noticesPlanned",
         (status <> 'FAILED' AND ("sendingFinishedAt" IS NULL
           OR "sendingFinishedAt" >= COALESCE((SELECT max("countedAt") FROM "LedgerRollup"), '-infinity'))) AS "isMoving"
       FROM "NoticeRun" WHERE "startedAt" >= $1::date::timestamp AT TIME ZONE $2 ORDER BY id DESC LIMIT 200`,
      [runsFrom, timeZone],
    ),
    readLedgerCounts(db, { timeZone, from: chartFrom }),
    getNeedsAttention(db, now),
    options.queues ? getQueueFigures(options.queues) : Promise.resolve(null),
    getWorkers(db, now),
  ]);
  // A run still sending (or done since the roll-up) is counted as it is now, through Delivery (runId, id): the roll-up
  // recounts today every minute, but the week's table must not show a run sending that its own page calls done.
  const moving = recent.rows.filter((r) => r.isMoving).map((r) => r.id);
  const live = moving.length === 0 ? [] : (await sqlPool(db).query<DeliveryCount>(
    `SELECT '' AS day, "runId", channel, status, count(*)::int AS count FROM "Delivery" WHERE "runId" = ANY($1::int[]) GROUP BY 2, 3, 4`,
    [moving])).rows;
  const runCounts = counts.deliveries.filter((c) => !moving.includes(c.runId)).concat(live);
  return {
    libraryName: settings?.name ?? "Noticeboard",
    timeZone,
    today,
    ...figures,
    figuresCountedAt: figures.countedAt,
    unpaidTotal: new Intl.NumberFormat("en-GB", { style: "currency", currency: settings?.currency ?? "GBP" }).format(figures.unpaidBalance),
    runsToday,
    recentRuns: buildRecentRuns(recent.rows.map(({ isMoving: _moving, ...r }) => r), runCounts),
    charts: buildCharts({ from: chartFrom, today, counts }),
    attention,
    queues,
    workers,
    worker: { isAlive: workers.some((w) => w.isAlive), lastBeat: workers[0]?.beatAt ?? null },
  };
}
