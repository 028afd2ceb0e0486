-- DropIndex
DROP INDEX "Delivery_runId_patronId_contactKey_channel_separationGroup_key";

-- CreateIndex
CREATE INDEX "Delivery_runId_id_idx" ON "Delivery"("runId", "id");
