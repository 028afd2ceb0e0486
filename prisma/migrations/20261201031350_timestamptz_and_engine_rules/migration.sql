-- Hand-edited after generation (issue 10):
-- * Instants become timestamptz. They were "timestamp without time zone" holding UTC, so Postgres read them as local
--   time wherever a zone was applied ((col AT TIME ZONE tz)::date dated a 14:00 NZDT event a day early). Existing
--   values are converted as UTC (USING col AT TIME ZONE 'UTC'), and indexes over them are rebuilt by the ALTER.
-- * Notice.levelId: the ledger's key names the level by its stable id, and existing notices get their level's id.
-- * Loan.resolvedClaim / notifyResolution filled from loans already resolved (they were all notified before).
-- * A partial index for the LCRR / LCRNBR candidates (a resolved claim may be on a returned loan, outside the
--   planner's partial index).
-- * Notices dated by an event (lost, claimed, resolved, ready, completed, inactive, debarred) were recorded with the
--   old, wrong date. Where a notice's occurrence is the old date of its subject's instant, it is moved to the right
--   date, so the ledger still knows it was sent and the first night after the upgrade sends it no second time.
-- * Scenario.scheduleSetAt counts existing schedules as set a day ago: an upgraded library catches up its latest slot
--   as before, not a month of weekly slots. A trigger moves it whenever the schedule changes, whoever changes it.
--   After upgrading, run VACUUM ANALYZE "Loan", "Notice" (the type changes rewrite both tables, and the planner's
--   index-only scans need the visibility map). It cannot run inside a migration.
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
UPDATE "Scenario" SET "scheduleSetAt" = now() - interval '1 day';
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

-- Re-date the ledger's event-dated notices (see the top). old_date is what (col AT TIME ZONE tz)::date gave when col
-- was a timestamp holding UTC and the session zone was UTC, new_date what it gives now.
UPDATE "Notice" n SET occurrence = e.new_date FROM (
WITH tz AS (SELECT "timeZone" AS z FROM "LibrarySettings" WHERE id = 1),
instants AS (
  SELECT n.id, n."scenarioId", n."levelId", n."subjectId", n.occurrence,
    CASE WHEN n.kind IN ('LL', 'LLO', 'LLR', 'LR', 'LCR', 'LCRNB') THEN l."statusSetAt"
         WHEN n.kind IN ('LCRR', 'LCRNBR') THEN l."statusResolvedAt"
         WHEN n.kind = 'V' THEN r."readyAt"
         WHEN n.kind IN ('RU', 'RE', 'RC', 'RS') THEN r."completedAt"
         WHEN n.kind = 'IB' THEN p."lastActivityAt"
         WHEN n.kind = 'DB' THEN p."statusSetAt" END AS at
  FROM "Notice" n
  LEFT JOIN "Loan" l ON n.kind IN ('LL', 'LLO', 'LLR', 'LR', 'LCR', 'LCRNB', 'LCRR', 'LCRNBR') AND l.id = n."subjectId"
  LEFT JOIN "Reservation" r ON n.kind IN ('V', 'RU', 'RE', 'RC', 'RS') AND r.id = n."subjectId"
  LEFT JOIN "Patron" p ON n.kind IN ('IB', 'DB') AND p.id = n."subjectId"
  WHERE n.kind IN ('LL', 'LLO', 'LLR', 'LR', 'LCR', 'LCRNB', 'LCRR', 'LCRNBR', 'V', 'RU', 'RE', 'RC', 'RS', 'IB', 'DB'))
SELECT i.id, (i.at AT TIME ZONE tz.z)::date AS new_date
FROM instants i, tz
WHERE i.at IS NOT NULL
  AND i.occurrence = (((i.at AT TIME ZONE 'UTC') AT TIME ZONE tz.z) AT TIME ZONE 'UTC')::date
  AND i.occurrence <> (i.at AT TIME ZONE tz.z)::date
  AND NOT EXISTS (SELECT 1 FROM "Notice" o WHERE o."scenarioId" = i."scenarioId" AND o."subjectId" = i."subjectId"
    AND o."levelId" = i."levelId" AND o.occurrence = (i.at AT TIME ZONE tz.z)::date)
) e WHERE n.id = e.id;

-- A schedule change (run time, frequency, day, enabled) takes effect from the next slot: catch-up never runs a slot
-- from before it. Set here, not in each writer, unless the statement sets scheduleSetAt itself.
-- (The body is an escape string with \073 for each semicolon: the WebAssembly schema engine splits a migration at every
-- semicolon, even inside a function body.)
CREATE FUNCTION "Scenario_schedule_set_at"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW."scheduleSetAt" IS NOT DISTINCT FROM OLD."scheduleSetAt" AND (
      NEW."runAt" IS DISTINCT FROM OLD."runAt" OR NEW.frequency IS DISTINCT FROM OLD.frequency
      OR NEW.weekday IS DISTINCT FROM OLD.weekday OR NEW."monthDay" IS DISTINCT FROM OLD."monthDay"
      OR NEW."isEnabled" IS DISTINCT FROM OLD."isEnabled") THEN
    NEW."scheduleSetAt" := now()\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "Scenario_schedule_set_at" BEFORE UPDATE ON "Scenario"
  FOR EACH ROW EXECUTE FUNCTION "Scenario_schedule_set_at"();
