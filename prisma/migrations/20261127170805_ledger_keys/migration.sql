/*
  Warnings:

  - A unique constraint covering the columns `[scenarioId,subjectId,occurrence,level]` on the table `Notice` will be added. If there are existing duplicate values, this will fail.

*/
-- DropForeignKey
ALTER TABLE "Notice" DROP CONSTRAINT "Notice_runId_fkey";

-- DropForeignKey
ALTER TABLE "Notice" DROP CONSTRAINT "Notice_scenarioId_fkey";

-- DropIndex
DROP INDEX "Notice_loanId_scenarioId_idx";

-- DropIndex
DROP INDEX "Notice_scenarioId_level_subjectId_occurrence_key";

-- CreateIndex
CREATE UNIQUE INDEX "Notice_scenarioId_subjectId_occurrence_level_key" ON "Notice"("scenarioId", "subjectId", "occurrence", "level");
