-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "claimPeriodDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'GBP',
ADD COLUMN     "isActive" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "SupplierContact" ADD COLUMN     "receivesClaims" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "receivesOrders" BOOLEAN NOT NULL DEFAULT false;

-- Contacts kept as the primary one so far are the ones orders went to
UPDATE "SupplierContact" SET "receivesOrders" = true WHERE "isPrimary";
