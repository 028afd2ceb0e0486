-- DropForeignKey
ALTER TABLE "Charge" DROP CONSTRAINT "Charge_noticeId_fkey";

-- DropIndex
DROP INDEX "Loan_status_statusSetAt_id_idx";

-- Written by hand (Prisma's schema cannot state WHERE or INCLUDE).
-- The planner reads a range of patrons' current loans per scenario and batch. Loans are stored in the order they
-- were lent, so one patron range touched almost every page of the table (10,671 of 12,107 pages for 2.5% of the
-- patrons of the benchmark library), for every batch and scenario. Keyed by patron and carrying every column the
-- candidate queries read, this index answers them from its own pages (an index-only scan: 2.7 ms instead of 90 ms a
-- batch). Partial: returned loans, most of a library's history, are never candidates.
CREATE INDEX "Loan_planner_idx" ON "Loan" ("patronId", status, "dueDate", id)
  INCLUDE ("renewalsUsed", "renewalsAllowed", "statusSetAt", "statusResolvedAt")
  WHERE status <> 'RETURNED';

-- An index-only scan reads the table for pages changed since the last VACUUM. A day of returns and renewals changes
-- rows on most pages of the loan table, and autovacuum's default waits for 20% of the rows to change: vacuum (and
-- analyze) the loan table after 1% instead, so the night's planning finds it mostly all-visible. Cheap: vacuum skips
-- pages that are already all-visible.
ALTER TABLE "Loan" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
  autovacuum_analyze_scale_factor = 0.02);
