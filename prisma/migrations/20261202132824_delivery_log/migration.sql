-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "sentMessage" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_createdAt_id_idx" ON "Delivery"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_status_createdAt_id_idx" ON "Delivery"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_address_createdAt_id_idx" ON "Delivery"("address", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_channel_createdAt_id_idx" ON "Delivery"("channel", "createdAt", "id");
