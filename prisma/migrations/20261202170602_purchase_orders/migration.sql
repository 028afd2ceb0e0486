-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'GBP',
ADD COLUMN     "taxRate" DECIMAL(5,2) NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "PurchaseOrderLine" ADD COLUMN     "note" TEXT,
ADD COLUMN     "receivedQuantity" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PurchaseOrderCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "PurchaseOrderCounter_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE INDEX "PurchaseOrder_status_id_idx" ON "PurchaseOrder"("status", "id");

