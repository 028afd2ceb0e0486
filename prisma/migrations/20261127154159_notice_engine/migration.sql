/*
  Warnings:

  - A unique constraint covering the columns `[noticeId]` on the table `Charge` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('LM', 'LW', 'O', 'OE', 'LF', 'OF', 'LL', 'LLO', 'LLR', 'LR', 'LCR', 'LCRNB', 'LCRR', 'LCRNBR', 'V', 'RX', 'RU', 'RE', 'RC', 'RS', 'I', 'CL', 'CLNS', 'BX', 'BR', 'IB', 'DB');

-- CreateEnum
CREATE TYPE "ScheduleFrequency" AS ENUM ('DAILY', 'WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('EMAIL', 'SMS', 'PRINT');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('SCHEDULED', 'EVENT', 'REPLAY');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('PLANNING', 'PLANNED', 'FAILED');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('PLANNED', 'COVERED', 'SENT', 'SKIPPED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PLANNED', 'QUEUED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED', 'CANCELLED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AttemptOutcome" AS ENUM ('SENT', 'TEMPORARY_FAILURE', 'PERMANENT_FAILURE', 'UNKNOWN', 'SKIPPED');

-- AlterTable
ALTER TABLE "Charge" ADD COLUMN     "noticeId" INTEGER;

-- CreateTable
CREATE TABLE "Scenario" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "name" TEXT NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "frequency" "ScheduleFrequency" NOT NULL DEFAULT 'DAILY',
    "weekday" INTEGER,
    "monthDay" INTEGER,
    "runAt" TEXT NOT NULL DEFAULT '02:00',
    "catchUpDays" INTEGER DEFAULT 30,
    "restrictChannels" "Channel"[],
    "printOverride" BOOLEAN NOT NULL DEFAULT false,
    "separationGroup" TEXT,
    "excludeCategoryIds" INTEGER[],
    "excludeAcademicLevelIds" INTEGER[],
    "excludeLibraryGroupIds" INTEGER[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScenarioLevel" (
    "id" SERIAL NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 1,
    "periodDays" INTEGER NOT NULL DEFAULT 0,
    "amount" DECIMAL(10,2),
    "contactKinds" "ContactKind"[] DEFAULT ARRAY['SELF']::"ContactKind"[],
    "subject" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "processingChargeCode" TEXT,
    "processingChargeAmount" DECIMAL(10,2),
    "showItemCost" BOOLEAN NOT NULL DEFAULT false,
    "printMedia" TEXT,
    "separationGroup" TEXT,

    CONSTRAINT "ScenarioLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeRun" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "runDate" DATE NOT NULL,
    "trigger" "RunTrigger" NOT NULL,
    "scenarioIds" INTEGER[],
    "status" "RunStatus" NOT NULL DEFAULT 'PLANNING',
    "requestedBy" TEXT,
    "noticesPlanned" INTEGER NOT NULL DEFAULT 0,
    "deliveriesPlanned" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "NoticeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "scenarioId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "patronId" INTEGER NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "loanId" INTEGER,
    "reservationId" INTEGER,
    "chargeId" INTEGER,
    "occurrence" DATE NOT NULL,
    "metric" DECIMAL(12,2),
    "status" "NoticeStatus" NOT NULL DEFAULT 'PLANNED',
    "skipReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "patronId" INTEGER NOT NULL,
    "contactKind" "ContactKind" NOT NULL,
    "contactKey" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "address" TEXT,
    "separationGroup" TEXT NOT NULL DEFAULT '',
    "printMedia" TEXT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PLANNED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMP(3),
    "handingOverAt" TIMESTAMP(3),
    "messageId" TEXT,
    "subject" TEXT,
    "smtpCode" INTEGER,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "noticeIds" INTEGER[],

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" SERIAL NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" "AttemptOutcome" NOT NULL,
    "smtpCode" INTEGER,
    "response" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_code_key" ON "Scenario"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ScenarioLevel_scenarioId_level_key" ON "ScenarioLevel"("scenarioId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeRun_key_key" ON "NoticeRun"("key");

-- CreateIndex
CREATE INDEX "Notice_loanId_scenarioId_idx" ON "Notice"("loanId", "scenarioId");

-- CreateIndex
CREATE INDEX "Notice_patronId_idx" ON "Notice"("patronId");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_scenarioId_level_subjectId_occurrence_key" ON "Notice"("scenarioId", "level", "subjectId", "occurrence");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_messageId_key" ON "Delivery"("messageId");

-- CreateIndex
CREATE INDEX "Delivery_status_claimedAt_idx" ON "Delivery"("status", "claimedAt");

-- CreateIndex
CREATE INDEX "Delivery_patronId_createdAt_idx" ON "Delivery"("patronId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_runId_patronId_contactKey_channel_separationGroup_key" ON "Delivery"("runId", "patronId", "contactKey", "channel", "separationGroup");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_idx" ON "DeliveryAttempt"("deliveryId");

-- CreateIndex
CREATE UNIQUE INDEX "Charge_noticeId_key" ON "Charge"("noticeId");

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioLevel" ADD CONSTRAINT "ScenarioLevel_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_runId_fkey" FOREIGN KEY ("runId") REFERENCES "NoticeRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;
