-- CreateEnum
CREATE TYPE "PatronStatus" AS ENUM ('ACTIVE', 'EXPIRED', 'DEBARRED', 'INACTIVE');

-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('SELF', 'PARENT', 'GUARDIAN', 'TEACHER', 'OTHER');

-- CreateEnum
CREATE TYPE "LoanStatus" AS ENUM ('ON_LOAN', 'RETURNED', 'LOST', 'LONG_OVERDUE', 'REPORTED_LOST', 'RECALLED', 'CLAIMED_RETURNED', 'CLAIMED_NEVER_BORROWED');

-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('WAITING', 'READY_FOR_PICKUP', 'COLLECTED', 'EXPIRED_UNCOLLECTED', 'EXPIRED_UNFULFILLED', 'CANCELLED', 'AUTO_CANCELLED');

-- CreateEnum
CREATE TYPE "ChargeKind" AS ENUM ('OVERDUE_FINE', 'LOST_ITEM', 'PROCESSING', 'RESERVATION_FEE', 'MEMBERSHIP', 'DAMAGE', 'OTHER');

-- CreateEnum
CREATE TYPE "PurchaseOrderStatus" AS ENUM ('DRAFT', 'SENT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('ADMIN', 'CIRCULATION', 'ACQUISITIONS', 'READ_ONLY');

-- CreateTable
CREATE TABLE "LibrarySettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "closingTime" TEXT NOT NULL DEFAULT '17:00',
    "senderAddress" TEXT NOT NULL,
    "senderName" TEXT,
    "replyToAddress" TEXT,
    "defaultLanguage" TEXT NOT NULL DEFAULT 'en',
    "currency" TEXT NOT NULL DEFAULT 'GBP',
    "countOpenDaysOnly" BOOLEAN NOT NULL DEFAULT false,
    "logoUrl" TEXT,
    "address" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LibrarySettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Branch" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "openingHours" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BranchClosedDay" (
    "id" SERIAL NOT NULL,
    "branchId" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "reason" TEXT,

    CONSTRAINT "BranchClosedDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatronCategory" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "PatronCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AcademicLevel" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "AcademicLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LibraryGroup" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "LibraryGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patron" (
    "id" SERIAL NOT NULL,
    "cardNumber" TEXT NOT NULL,
    "externalId" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT,
    "preferredLanguage" TEXT,
    "addressLine1" TEXT,
    "addressLine2" TEXT,
    "city" TEXT,
    "postcode" TEXT,
    "homeBranchId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "academicLevelId" INTEGER,
    "registeredOn" DATE NOT NULL,
    "expiresOn" DATE NOT NULL,
    "lastActivityAt" TIMESTAMP(3),
    "status" "PatronStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusSetAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Patron_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatronContact" (
    "id" SERIAL NOT NULL,
    "patronId" INTEGER NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT,

    CONSTRAINT "PatronContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatronLibraryGroup" (
    "patronId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,

    CONSTRAINT "PatronLibraryGroup_pkey" PRIMARY KEY ("patronId","groupId")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "barcode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "callNumber" TEXT,
    "isbn" TEXT,
    "replacementCost" DECIMAL(10,2) NOT NULL DEFAULT 0,
    "branchId" INTEGER NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Loan" (
    "id" SERIAL NOT NULL,
    "externalId" TEXT,
    "patronId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "branchId" INTEGER,
    "loanedAt" TIMESTAMP(3) NOT NULL,
    "dueDate" DATE NOT NULL,
    "returnedAt" TIMESTAMP(3),
    "renewalsUsed" INTEGER NOT NULL DEFAULT 0,
    "renewalsAllowed" INTEGER NOT NULL DEFAULT 3,
    "status" "LoanStatus" NOT NULL DEFAULT 'ON_LOAN',
    "statusSetAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statusResolvedAt" TIMESTAMP(3),

    CONSTRAINT "Loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reservation" (
    "id" SERIAL NOT NULL,
    "externalId" TEXT,
    "patronId" INTEGER NOT NULL,
    "itemId" INTEGER,
    "title" TEXT,
    "pickupBranchId" INTEGER NOT NULL,
    "status" "ReservationStatus" NOT NULL DEFAULT 'WAITING',
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),
    "pickupBy" DATE,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Reservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Charge" (
    "id" SERIAL NOT NULL,
    "externalId" TEXT,
    "patronId" INTEGER NOT NULL,
    "loanId" INTEGER,
    "kind" "ChargeKind" NOT NULL,
    "code" TEXT,
    "description" TEXT,
    "amount" DECIMAL(10,2) NOT NULL,
    "balance" DECIMAL(10,2) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMP(3),

    CONSTRAINT "Charge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "externalId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "accountNumber" TEXT,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplierContact" (
    "id" SERIAL NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SupplierContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "supplierId" INTEGER NOT NULL,
    "branchId" INTEGER,
    "status" "PurchaseOrderStatus" NOT NULL DEFAULT 'DRAFT',
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOrderLine" (
    "id" SERIAL NOT NULL,
    "orderId" INTEGER NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "author" TEXT,
    "isbn" TEXT,
    "quantity" INTEGER NOT NULL,
    "unitPrice" DECIMAL(10,2) NOT NULL,
    "fund" TEXT,

    CONSTRAINT "PurchaseOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorKind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "worker" TEXT NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("worker")
);

-- CreateIndex
CREATE UNIQUE INDEX "Branch_code_key" ON "Branch"("code");

-- CreateIndex
CREATE UNIQUE INDEX "BranchClosedDay_branchId_date_key" ON "BranchClosedDay"("branchId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "PatronCategory_code_key" ON "PatronCategory"("code");

-- CreateIndex
CREATE UNIQUE INDEX "AcademicLevel_code_key" ON "AcademicLevel"("code");

-- CreateIndex
CREATE UNIQUE INDEX "LibraryGroup_code_key" ON "LibraryGroup"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Patron_cardNumber_key" ON "Patron"("cardNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Patron_externalId_key" ON "Patron"("externalId");

-- CreateIndex
CREATE INDEX "Patron_expiresOn_idx" ON "Patron"("expiresOn");

-- CreateIndex
CREATE INDEX "Patron_lastActivityAt_idx" ON "Patron"("lastActivityAt");

-- CreateIndex
CREATE INDEX "Patron_lastName_firstName_idx" ON "Patron"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "PatronContact_patronId_idx" ON "PatronContact"("patronId");

-- CreateIndex
CREATE INDEX "PatronLibraryGroup_groupId_idx" ON "PatronLibraryGroup"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Item_barcode_key" ON "Item"("barcode");

-- CreateIndex
CREATE INDEX "Item_branchId_idx" ON "Item"("branchId");

-- CreateIndex
CREATE UNIQUE INDEX "Loan_externalId_key" ON "Loan"("externalId");

-- CreateIndex
CREATE INDEX "Loan_status_dueDate_id_idx" ON "Loan"("status", "dueDate", "id");

-- CreateIndex
CREATE INDEX "Loan_status_statusSetAt_id_idx" ON "Loan"("status", "statusSetAt", "id");

-- CreateIndex
CREATE INDEX "Loan_patronId_status_idx" ON "Loan"("patronId", "status");

-- CreateIndex
CREATE INDEX "Loan_itemId_idx" ON "Loan"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "Reservation_externalId_key" ON "Reservation"("externalId");

-- CreateIndex
CREATE INDEX "Reservation_status_readyAt_id_idx" ON "Reservation"("status", "readyAt", "id");

-- CreateIndex
CREATE INDEX "Reservation_status_pickupBy_id_idx" ON "Reservation"("status", "pickupBy", "id");

-- CreateIndex
CREATE INDEX "Reservation_status_completedAt_id_idx" ON "Reservation"("status", "completedAt", "id");

-- CreateIndex
CREATE INDEX "Reservation_patronId_status_idx" ON "Reservation"("patronId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Charge_externalId_key" ON "Charge"("externalId");

-- CreateIndex
CREATE INDEX "Charge_patronId_idx" ON "Charge"("patronId");

-- CreateIndex
CREATE INDEX "Charge_balance_createdAt_id_idx" ON "Charge"("balance", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Charge_loanId_idx" ON "Charge"("loanId");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_code_key" ON "Supplier"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_externalId_key" ON "Supplier"("externalId");

-- CreateIndex
CREATE INDEX "SupplierContact_supplierId_idx" ON "SupplierContact"("supplierId");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_number_key" ON "PurchaseOrder"("number");

-- CreateIndex
CREATE INDEX "PurchaseOrder_supplierId_idx" ON "PurchaseOrder"("supplierId");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrderLine_orderId_lineNo_key" ON "PurchaseOrderLine"("orderId", "lineNo");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "BranchClosedDay" ADD CONSTRAINT "BranchClosedDay_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patron" ADD CONSTRAINT "Patron_homeBranchId_fkey" FOREIGN KEY ("homeBranchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patron" ADD CONSTRAINT "Patron_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "PatronCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Patron" ADD CONSTRAINT "Patron_academicLevelId_fkey" FOREIGN KEY ("academicLevelId") REFERENCES "AcademicLevel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatronContact" ADD CONSTRAINT "PatronContact_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatronLibraryGroup" ADD CONSTRAINT "PatronLibraryGroup_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatronLibraryGroup" ADD CONSTRAINT "PatronLibraryGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LibraryGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Loan" ADD CONSTRAINT "Loan_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reservation" ADD CONSTRAINT "Reservation_pickupBranchId_fkey" FOREIGN KEY ("pickupBranchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Charge" ADD CONSTRAINT "Charge_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplierContact" ADD CONSTRAINT "SupplierContact_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrderLine" ADD CONSTRAINT "PurchaseOrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "PurchaseOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;
