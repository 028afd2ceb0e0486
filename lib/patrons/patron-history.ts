// A patron's notice history (/patrons/[id]): their deliveries from the ledger, newest first, each with the notices it
// carried. Keyset pages on (createdAt, id) descending: Delivery's index ("patronId", "createdAt"), present on every
// monthly partition, answers "this patron, created at or before the cursor" by walking backwards, and Postgres merges
// the partitions' walks in order and stops after a page. The notices are found through the page's deliveries (Notice
// has no patron index, see schema.prisma), each table read by primary key (noticeRows).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sqlPool } from "@/lib/db/client";
import { noticeRows } from "@/lib/notices/notice-rows";
import { decodeCursor, encodeCursor } from "./cursor";

export const HISTORY_PAGE_SIZE = 20;

export type HistoryNotice = { id: number; scenario: string; kind: string; level: number; levels: number; status: string; subjects: number };
export type HistoryDelivery = {
  id: number; runId: number; createdAt: Date; sentAt: Date | null; channel: string; status: string; address: string | null;
  contactKind: string; contactName: string; subject: string | null; smtpCode: number | null; lastError: string | null;
  attempts: number; notices: HistoryNotice[];
};

export async function patronHistory(db: PrismaClient, options: { patronId: number; before?: string; limit?: number }) {
  const limit = options.limit ?? HISTORY_PAGE_SIZE;
  const cursor = decodeCursor(options.before, ["s", "n"]);
  const before = cursor && !Number.isNaN(Date.parse(String(cursor[0]))) ? cursor : null;
  const { rows } = await sqlPool(db).query<HistoryDelivery>(
    `SELECT d.id, d."runId", d."createdAt", d."sentAt", d.channel, d.status, d.address, d."contactKind", d."contactName",
       d.subject, d."smtpCode", d."lastError", d.attempts,
       coalesce((SELECT json_agg(json_build_object('id', x.id, 'scenario', s.name, 'kind', x.kind, 'level', x.level,
           'levels', (SELECT count(*) FROM "ScenarioLevel" sl WHERE sl."scenarioId" = s.id), 'status', x.status, 'subjects', x.subjects)
           ORDER BY x.id, x.status)
         FROM (SELECT n.id, n."scenarioId", n.kind, n.level, n.status, count(*)::int AS subjects
           FROM (${noticeRows('d."noticeIds"', 'r."runDate"')}) n GROUP BY 1, 2, 3, 4, 5) x
         JOIN "Scenario" s ON s.id = x."scenarioId"), '[]') AS notices
     FROM "Delivery" d JOIN "NoticeRun" r ON r.id = d."runId"
     WHERE d."patronId" = $1 ${before ? `AND d."createdAt" <= $3 AND (d."createdAt" < $3 OR d.id < $4)` : ""}
     ORDER BY d."createdAt" DESC, d.id DESC LIMIT $2`,
    before ? [options.patronId, limit + 1, before[0], before[1]] : [options.patronId, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  return { deliveries: page, next };
}
