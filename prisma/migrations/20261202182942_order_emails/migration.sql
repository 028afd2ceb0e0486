-- CreateEnum
CREATE TYPE "OrderEmailKind" AS ENUM ('ORDER', 'CLAIM');

-- CreateTable
CREATE TABLE "OrderEmail" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "kind" "OrderEmailKind" NOT NULL,
    "claimLevel" INTEGER,
    "claimDate" DATE,
    "resendOfId" INTEGER,
    "reason" TEXT,
    "recipients" TEXT[],
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PLANNED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "handingOverAt" TIMESTAMPTZ(3),
    "messageId" TEXT,
    "subject" TEXT,
    "sentMessage" TEXT,
    "smtpCode" INTEGER,
    "reply" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "requestedBy" TEXT NOT NULL,
    "requestKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcquisitionsSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "claimsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "claimsRunAt" TEXT NOT NULL DEFAULT '06:00',
    "maxClaimLevel" INTEGER NOT NULL DEFAULT 3,
    "orderTemplateId" INTEGER,
    "claimTemplateId" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AcquisitionsSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimRun" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "runDate" DATE NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "claims" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrderEmail_requestKey_key" ON "OrderEmail"("requestKey");

-- CreateIndex
CREATE INDEX "OrderEmail_orderId_id_idx" ON "OrderEmail"("orderId", "id");

-- CreateIndex
CREATE INDEX "OrderEmail_status_claimedAt_idx" ON "OrderEmail"("status", "claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimRun_key_key" ON "ClaimRun"("key");

-- AddForeignKey
ALTER TABLE "OrderEmail" ADD CONSTRAINT "OrderEmail_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "PurchaseOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A claim level is sent once per order (staff sending one again make a row with "resendOfId"): the scheduled pass
-- and an on-demand claim racing for the same level cannot both record it.
CREATE UNIQUE INDEX "OrderEmail_claim_level_key" ON "OrderEmail"("orderId", "claimLevel") WHERE kind = 'CLAIM' AND "resendOfId" IS NULL;

-- The one settings row, with its defaults (claims on, 06:00, three levels, the templates by their default names).
INSERT INTO "AcquisitionsSettings" (id) VALUES (1) ON CONFLICT DO NOTHING;
