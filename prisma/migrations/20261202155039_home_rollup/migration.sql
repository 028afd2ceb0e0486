-- CreateTable
CREATE TABLE "DeliveryDayCount" (
    "day" DATE NOT NULL,
    "runId" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "DeliveryDayCount_pkey" PRIMARY KEY ("day","runId","channel","status")
);

-- CreateTable
CREATE TABLE "NoticeDayCount" (
    "day" DATE NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "NoticeDayCount_pkey" PRIMARY KEY ("day","kind")
);

-- CreateTable
CREATE TABLE "LedgerDayCounted" (
    "day" DATE NOT NULL,
    "countedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LedgerDayCounted_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "HomeFigures" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "date" DATE NOT NULL,
    "patrons" INTEGER NOT NULL,
    "activeLoans" INTEGER NOT NULL,
    "overdueLoans" INTEGER NOT NULL,
    "reservationsReady" INTEGER NOT NULL,
    "lostOrClaimed" INTEGER NOT NULL,
    "unpaidCharges" INTEGER NOT NULL,
    "unpaidBalance" DECIMAL(14,2) NOT NULL,
    "countedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HomeFigures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerRollup" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "deliveryMaxId" INTEGER NOT NULL,
    "noticeMaxId" INTEGER NOT NULL,
    "countedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LedgerRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EveryRunNotice_createdAt_idx" ON "EveryRunNotice" USING BRIN ("createdAt" timestamptz_minmax_ops);

-- CreateIndex
CREATE INDEX "Notice_createdAt_idx" ON "Notice" USING BRIN ("createdAt" timestamptz_minmax_ops);
