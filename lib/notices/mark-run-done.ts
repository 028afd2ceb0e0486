// "Done" for a run: planned, and none of its email deliveries still open. Print and SMS deliveries are not waited for
// (nothing sends them yet: the print form is printed by staff, SMS waits for its gateway), so the run page says how
// many of those remain. Recorded once, in NoticeRun.sendingFinishedAt.
import type pg from "pg";
import { inTransaction } from "@/lib/db/transaction";

// A run with email still open: one probe of the partial index "Delivery_open_email_idx" (open email only, by run; its
// migration says why), whose WHERE this repeats word for word so Postgres can use it. Before it, the (status,
// claimedAt) index walked every PLANNED row, unprinted letters included, on every send.
export const RUN_HAS_OPEN_EMAIL = (runId: string) => `EXISTS (SELECT 1 FROM "Delivery" o WHERE o."runId" = ${runId}
  AND o.channel = 'EMAIL' AND o.status IN ('PLANNED', 'QUEUED', 'SENDING'))`;

/**
 * Marks the run done if it is planned and has no open email, exactly once: true only for the caller that set it.
 *
 * The run's row is locked first, and the open-email check is a later statement, so it reads what was committed before
 * the lock was granted. The planner's last write (status PLANNED, then the same check) holds the same lock; so whichever
 * of it and the last send's outcome comes second sees the other's commit, and one of them marks the run (a single
 * UPDATE would read with the snapshot it started with, and both could see the other's work as not done yet).
 */
export async function markRunSendingFinished(sql: pg.Pool, runId: number): Promise<boolean> {
  return inTransaction(sql, async (tx) => {
    const { rows: [run] } = await tx.query<{ status: string; done: boolean }>(
      `SELECT status, "sendingFinishedAt" IS NOT NULL AS done FROM "NoticeRun" WHERE id = $1 FOR UPDATE`, [runId]);
    if (!run || run.status !== "PLANNED" || run.done) return false;
    return markIfNoOpenEmail(tx, runId);
  });
}

/**
 * The planner's last write: the run is PLANNED with its totals, and done at once when no email is open (none planned,
 * or all ended already), under the run's row lock, the lock the last send's mark takes. Returns whether it marked it.
 */
export async function recordPlanned(sql: pg.Pool, runId: number, totals: { notices: number; deliveries: number }): Promise<boolean> {
  return inTransaction(sql, async (tx) => {
    await tx.query(
      `UPDATE "NoticeRun" SET status = 'PLANNED', "finishedAt" = now(), "noticesPlanned" = $2, "deliveriesPlanned" = $3,
         "planBatchesDone" = "planBatches" WHERE id = $1`,
      [runId, totals.notices, totals.deliveries]);
    return markIfNoOpenEmail(tx, runId);
  });
}

/** In a transaction that holds the run's row lock (recordPlanned, markRunSendingFinished). */
async function markIfNoOpenEmail(tx: pg.ClientBase, runId: number): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE "NoticeRun" SET "sendingFinishedAt" = now()
     WHERE id = $1 AND status = 'PLANNED' AND "sendingFinishedAt" IS NULL AND NOT ${RUN_HAS_OPEN_EMAIL("$1")}`, [runId]);
  return rowCount === 1;
}

/**
 * The sweep's pass: runs planned but not yet marked whose email has ended anyway (an outcome the sweep itself set, a
 * staff action on a delivery, or a send whose mark failed). Returns the ids it marked.
 */
export async function markFinishedRuns(sql: pg.Pool): Promise<number[]> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT id FROM "NoticeRun" r WHERE status = 'PLANNED' AND "sendingFinishedAt" IS NULL AND NOT ${RUN_HAS_OPEN_EMAIL("r.id")}
     ORDER BY id LIMIT 100`);
  const marked: number[] = [];
  for (const { id } of rows) if (await markRunSendingFinished(sql, id)) marked.push(id);
  return marked;
}
