-- AlterTable
ALTER TABLE "NoticeRun" ADD COLUMN     "planBatches" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "planBatchesDone" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sendingFinishedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "RunCount" (
    "runId" INTEGER NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "notices" INTEGER NOT NULL,

    CONSTRAINT "RunCount_pkey" PRIMARY KEY ("runId","scenarioId","level")
);


-- Runs planned before this migration: counted once from the ledger (one pass over each notice table), and marked done
-- when planned with no email delivery still open (at the time their planning finished, the best instant known).
INSERT INTO "RunCount" ("runId", "scenarioId", "level", "notices")
SELECT x."runId", x."scenarioId", x.level, sum(x.n)::int FROM (
  SELECT "runId", "scenarioId", level, count(*) AS n FROM "Notice" GROUP BY 1, 2, 3
  UNION ALL
  SELECT "runId", "scenarioId", level, sum(cardinality("listedIds")) AS n FROM "EveryRunNotice" GROUP BY 1, 2, 3
) x JOIN "NoticeRun" r ON r.id = x."runId"
GROUP BY 1, 2, 3;

UPDATE "NoticeRun" r SET "sendingFinishedAt" = coalesce(r."finishedAt", r."startedAt")
WHERE r.status = 'PLANNED' AND NOT EXISTS (
  SELECT 1 FROM "Delivery" d WHERE d."runId" = r.id AND d.channel = 'EMAIL' AND d.status IN ('PLANNED', 'QUEUED', 'SENDING'));
