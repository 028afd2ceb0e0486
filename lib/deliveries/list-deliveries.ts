// The delivery log (issue 14): every delivery, newest first, filtered, one keyset page at a time.
// A page is an index range scan on the partitioned Delivery table, keyed by its partition key and id
// ("createdAt", id): no OFFSET, so page 1,000 costs what page 1 does. Each filter has an index that starts with it
// ((status|address|channel, createdAt, id), (patronId, createdAt)); scenario and level are read from the delivery's
// notices of its own run (by primary key, one month's partition of EveryRunNotice) while walking the newest first.
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Channel, ContactKind, DeliveryStatus } from "@/lib/generated/prisma/enums";
import { sqlPool } from "@/lib/db/client";
import type { LogFilter, PageKey } from "./log-filters";

export const LOG_PAGE_SIZE = 50;

/** What the log's row and the delivery page both show of a delivery. */
export type DeliveryCore = {
  id: number;
  createdAt: Date;
  runId: number;
  patronId: number;
  cardNumber: string;
  patronName: string;
  contactKind: ContactKind;
  contactName: string;
  channel: Channel;
  address: string | null;
  status: DeliveryStatus;
  attempts: number;
  subject: string | null;
  smtpCode: number | null;
  sentAt: Date | null;
};

export type LogRow = DeliveryCore & { scenarioIds: number[]; level: number | null };

export type LogPage = { rows: LogRow[]; older?: PageKey; newer?: PageKey };

// The notices this delivery's run recorded for it (a delivery also lists earlier notices again; those are not what it
// is about). Every-run notices are looked up in the run date's partition only.
const THIS_RUN = `LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT x."scenarioId" ORDER BY x."scenarioId") AS "scenarioIds", max(x.level) AS level FROM (
      SELECT n."scenarioId", n.level FROM "Notice" n WHERE n.id = ANY(d."noticeIds") AND n."runId" = d."runId"
      UNION ALL
      SELECT e."scenarioId", e.level FROM "EveryRunNotice" e
      WHERE e.id = ANY(d."noticeIds") AND e.occurrence = r."runDate" AND e."runId" = d."runId") x) m ON true`;

export async function listDeliveries(db: PrismaClient, options: { filter: LogFilter; before?: PageKey; after?: PageKey; timeZone: string; pageSize?: number }): Promise<LogPage> {
  const { filter, before, after, timeZone } = options;
  const size = options.pageSize ?? LOG_PAGE_SIZE;
  const values: unknown[] = [];
  const param = (v: unknown) => `$${values.push(v)}`;
  const where: string[] = [];
  // A run's deliveries: through (runId, id) per month, sorted (a night's run is a few hundred thousand rows at most).
  if (filter.run !== undefined) where.push(`d."runId" = ${param(filter.run)}::int`);
  if (filter.card !== undefined) where.push(`d."patronId" = (SELECT id FROM "Patron" WHERE "cardNumber" = ${param(filter.card)})`);
  if (filter.recipient !== undefined) where.push(`d.address = ${param(filter.recipient)}`);
  if (filter.status !== undefined) where.push(`d.status = ${param(filter.status)}::"DeliveryStatus"`);
  if (filter.channel !== undefined) where.push(`d.channel = ${param(filter.channel)}::"Channel"`);
  // Dates are the library's calendar days: from its midnight to the midnight after `to`.
  if (filter.from !== undefined) where.push(`d."createdAt" >= (${param(filter.from)}::date::timestamp AT TIME ZONE ${param(timeZone)})`);
  if (filter.to !== undefined) where.push(`d."createdAt" < ((${param(filter.to)}::date + 1)::timestamp AT TIME ZONE ${param(timeZone)})`);
  if (filter.scenario !== undefined) where.push(`${param(filter.scenario)}::int = ANY(m."scenarioIds")`);
  if (filter.level !== undefined) where.push(`m.level = ${param(filter.level)}::int`);
  const key = before ?? after;
  if (key) where.push(`(d."createdAt", d.id) ${before ? "<" : ">"} (${param(key.createdAt)}::timestamptz, ${param(key.id)}::int)`);
  const direction = after ? "ASC" : "DESC";

  const { rows } = await (sqlPool(db) as pg.Pool).query<LogRow>(
    `SELECT d.id, d."createdAt", d."runId", d."patronId", p."cardNumber",
        trim(concat_ws(' ', p."firstName", p."lastName")) AS "patronName", d."contactKind", d."contactName", d.channel,
        d.address, d.status, d.attempts, d.subject, d."smtpCode", d."sentAt", coalesce(m."scenarioIds", '{}') AS "scenarioIds", m.level
     FROM "Delivery" d
     JOIN "NoticeRun" r ON r.id = d."runId"
     ${THIS_RUN}
     JOIN "Patron" p ON p.id = d."patronId"
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY d."createdAt" ${direction}, d.id ${direction}
     LIMIT ${size + 1}`,
    values,
  );
  const hasMore = rows.length > size;
  const page = rows.slice(0, size);
  if (after) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const keyOf = (r: LogRow) => ({ createdAt: r.createdAt, id: r.id });
  return {
    rows: page,
    // Going back (Newer) always leaves an Older page behind, and going forward a Newer one.
    older: last && (after || hasMore) ? keyOf(last) : undefined,
    newer: first && (before || (after && hasMore)) ? keyOf(first) : undefined,
  };
}
