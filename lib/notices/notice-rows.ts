// The ledger's two notice tables read as one (docs/ARCHITECTURE.md "The ledger over the years").

/**
 * The notices whose ids are in `ids` (an int[] expression), as rows of Notice's shape: a once-only notice is its row;
 * an every-run notice (EveryRunNotice) is one row per loan or charge it lists, with that row's metric, in listed order
 * (`ord`). Use it as a LATERAL subquery beside the table holding the ids: each table is then read through its primary
 * key. `runDate`, when given, is the run date of every every-run notice named (a delivery's are its run's: they are
 * recorded with it), so only that month's partition is read; without it every month's is probed. Without `ids`: every
 * notice (tests and reports on small ledgers).
 */
export function noticeRows(ids?: string, runDate?: string): string {
  const byId = (alias: string) => (ids ? `WHERE ${alias}.id = ANY(${ids})` : "");
  return `SELECT n.id, n."runId", n."scenarioId", n."levelId", n.level, n.kind, n."patronId", n."subjectId", n."loanId",
         n."reservationId", n."chargeId", n.occurrence, n.metric, n.status, n."skipReason", n."createdAt", 0::bigint AS ord
       FROM "Notice" n ${byId("n")}
     UNION ALL
     SELECT e.id, e."runId", e."scenarioId", e."levelId", e.level, e.kind, e."patronId", u.sid,
         CASE WHEN e.kind <> 'I' THEN u.sid END, NULL::int, CASE WHEN e.kind = 'I' THEN u.sid END, e.occurrence, u.metric,
         CASE WHEN u.sid = ANY(e."droppedIds") THEN 'SKIPPED'::"NoticeStatus" ELSE e.status END, e."skipReason", e."createdAt", u.ord
       FROM "EveryRunNotice" e CROSS JOIN LATERAL unnest(e."listedIds", e.metrics) WITH ORDINALITY AS u(sid, metric, ord)
       ${byId("e")}${ids && runDate ? ` AND e.occurrence = ${runDate}` : ""}`;
}
