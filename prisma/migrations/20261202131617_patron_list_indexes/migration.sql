-- CreateIndex
CREATE INDEX "Patron_categoryId_idx" ON "Patron"("categoryId");

-- CreateIndex
CREATE INDEX "Patron_academicLevelId_idx" ON "Patron"("academicLevelId");
