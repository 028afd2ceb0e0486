// The ledger as one list of notices, one row per subject (a loan, reservation, charge or patron), whichever table holds
// it: an every-run notice (EveryRunNotice) gives one row per loan or charge it lists, all with its id. What the tests
// asked of prisma.notice before every-run notices became one row per document (issue 12).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { NoticeKind, NoticeStatus } from "@/lib/generated/prisma/enums";
import { noticeRows } from "@/lib/notices/notice-rows";

export type NoticeRow = {
  id: number; runId: number; scenarioId: number; levelId: number; level: number; kind: NoticeKind; patronId: number;
  subjectId: number; loanId: number | null; reservationId: number | null; chargeId: number | null; occurrence: Date;
  metric: string | null; status: NoticeStatus; skipReason: string | null;
};

type Where = Partial<Record<"id" | "runId" | "scenarioId" | "patronId" | "loanId" | "kind" | "status", number | string>> & {
  ids?: readonly number[];
};

/** Notices matching every given field (`ids`: any of them), ordered by `orderBy` (default id, then listed order). */
export async function findNotices(db: PrismaClient, where: Where = {}, orderBy: "id" | "level desc" = "id"): Promise<NoticeRow[]> {
  const values: unknown[] = [];
  const conditions = Object.entries(where).map(([field, value]) => {
    values.push(value);
    return field === "ids" ? `n.id = ANY($${values.length}::int[])` : `n."${field}"::text = $${values.length}::text`;
  });
  const rows = await db.$queryRawUnsafe<(NoticeRow & { metric: unknown })[]>(
    `SELECT n.id, n."runId", n."scenarioId", n."levelId", n.level, n.kind::text AS kind, n."patronId", n."subjectId",
       n."loanId", n."reservationId", n."chargeId", n.occurrence, n.metric::text AS metric, n.status::text AS status, n."skipReason"
     FROM (${noticeRows()}) n ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
     ORDER BY ${orderBy === "id" ? "n.id, n.ord" : "n.level DESC, n.id"}`,
    ...values,
  );
  return rows;
}

export async function findNotice(db: PrismaClient, where: Where): Promise<NoticeRow> {
  const [row] = await findNotices(db, where);
  if (!row) throw new Error(`no notice where ${JSON.stringify(where)}`);
  return row;
}

/** How many notices, counted per subject as before (an every-run notice listing three loans is three). */
export async function countNotices(db: PrismaClient): Promise<number> {
  return (await findNotices(db)).length;
}
