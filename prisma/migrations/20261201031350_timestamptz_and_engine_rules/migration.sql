-- Hand-edited after generation (issue 10):
-- * Instants become timestamptz. They were "timestamp without time zone" holding UTC, so Postgres read them as local
--   time wherever a zone was applied ((col AT TIME ZONE tz)::date dated a 14:00 NZDT event a day early). Existing
--   values are converted as UTC (USING col AT TIME ZONE 'UTC'), and indexes over them are rebuilt by the ALTER.
-- * Notice.levelId: the ledger's key names the level by its stable id, and existing notices get their level's id.
-- * Loan.resolvedClaim / notifyResolution filled from loans already resolved (they were all notified before).
-- * A partial index for the LCRR / LCRNBR candidates (a resolved claim may be on a returned loan, outside the
--   planner's partial index).
-- AlterEnum
ALTER TYPE "NoticeKind" ADD VALUE 'LRM';

-- DropIndex
DROP INDEX "Notice_scenarioId_subjectId_occurrence_level_key";

-- AlterTable
ALTER TABLE "ApiToken" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastUsedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastUsedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "AuditLog" ALTER COLUMN "at" SET DATA TYPE TIMESTAMPTZ(3) USING "at" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Charge" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "paidAt" SET DATA TYPE TIMESTAMPTZ(3) USING "paidAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Delivery" ALTER COLUMN "claimedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "claimedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "handingOverAt" SET DATA TYPE TIMESTAMPTZ(3) USING "handingOverAt" AT TIME ZONE 'UTC',
ALTER COLUMN "sentAt" SET DATA TYPE TIMESTAMPTZ(3) USING "sentAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "DeliveryAttempt" ALTER COLUMN "startedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "startedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "finishedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "finishedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "LibrarySettings" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "notifyResolution" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "resolvedClaim" "LoanStatus",
ALTER COLUMN "loanedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "loanedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "returnedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "returnedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "statusSetAt" SET DATA TYPE TIMESTAMPTZ(3) USING "statusSetAt" AT TIME ZONE 'UTC',
ALTER COLUMN "statusResolvedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "statusResolvedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "levelId" INTEGER,
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "NoticeRun" ALTER COLUMN "startedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "startedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "finishedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "finishedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Patron" ADD COLUMN     "categorySetAt" TIMESTAMPTZ(3),
ADD COLUMN     "reminderDays" INTEGER,
ALTER COLUMN "lastActivityAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastActivityAt" AT TIME ZONE 'UTC',
ALTER COLUMN "statusSetAt" SET DATA TYPE TIMESTAMPTZ(3) USING "statusSetAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "PurchaseOrder" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "sentAt" SET DATA TYPE TIMESTAMPTZ(3) USING "sentAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Reservation" ALTER COLUMN "placedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "placedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "readyAt" SET DATA TYPE TIMESTAMPTZ(3) USING "readyAt" AT TIME ZONE 'UTC',
ALTER COLUMN "completedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "completedAt" AT TIME ZONE 'UTC';

-- AlterTable (scenarios that exist already have always run on their schedule: their slots may be caught up)
ALTER TABLE "Scenario" ADD COLUMN     "scheduleSetAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Scenario" SET "scheduleSetAt" = '2000-01-01T00:00:00Z';
ALTER TABLE "Scenario" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "ScenarioLevel" ADD COLUMN     "excludeAcademicLevelIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "excludeCategoryIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "excludeLibraryGroupIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "StaffUser" ALTER COLUMN "lastSignInAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastSignInAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Template" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "TemplateVersion" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "WorkerHeartbeat" ALTER COLUMN "beatAt" SET DATA TYPE TIMESTAMPTZ(3) USING "beatAt" AT TIME ZONE 'UTC';

-- A notice whose level no longer exists keeps a key of its own (the negative level number).
UPDATE "Notice" n SET "levelId" = COALESCE(
  (SELECT sl.id FROM "ScenarioLevel" sl WHERE sl."scenarioId" = n."scenarioId" AND sl.level = n.level), -n.level);
ALTER TABLE "Notice" ALTER COLUMN "levelId" SET NOT NULL;

UPDATE "Loan" SET "resolvedClaim" = status, "notifyResolution" = true
WHERE "statusResolvedAt" IS NOT NULL AND status IN ('CLAIMED_RETURNED', 'CLAIMED_NEVER_BORROWED');
CREATE INDEX "Loan_resolved_claim_idx" ON "Loan" ("patronId") WHERE "notifyResolution";

-- CreateIndex
CREATE UNIQUE INDEX "Notice_scenarioId_subjectId_occurrence_levelId_key" ON "Notice"("scenarioId", "subjectId", "occurrence", "levelId");
