-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "resendOfId" INTEGER;

-- Written by hand (Prisma's schema cannot say WHERE): only resends are indexed, so the delivery page finds a
-- delivery's resends without a scan, and the nightly inserts (resendOfId NULL) do not pay for the index.
-- Declared on the partitioned parent, so every month's partition has it.
CREATE INDEX "Delivery_resendOfId_idx" ON "Delivery" ("resendOfId") WHERE "resendOfId" IS NOT NULL;
