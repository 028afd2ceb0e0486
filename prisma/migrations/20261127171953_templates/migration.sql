/*
  Warnings:

  - You are about to drop the column `intro` on the `ScenarioLevel` table. All the data in the column will be lost.
  - You are about to drop the column `subject` on the `ScenarioLevel` table. All the data in the column will be lost.
  - Added the required column `templateId` to the `ScenarioLevel` table without a default value. This is not possible if the table is not empty.

*/
-- Hand-edited: the generated migration dropped ScenarioLevel's subject and intro. Instead each existing level's text
-- becomes a template of its own (version 1 in the library's language) before the columns go.

-- CreateEnum
CREATE TYPE "TemplateFamily" AS ENUM ('LOAN', 'RESERVATION', 'CHARGE', 'ACCOUNT', 'SUPPLIER_ORDER');

-- AlterTable
ALTER TABLE "LibrarySettings" ADD COLUMN     "brandColor" TEXT NOT NULL DEFAULT '#1e3a8a',
ADD COLUMN     "footerText" TEXT,
ADD COLUMN     "openingHours" TEXT;

-- CreateTable
CREATE TABLE "Template" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "family" "TemplateFamily" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateVersion" (
    "id" SERIAL NOT NULL,
    "templateId" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "closing" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Template_name_key" ON "Template"("name");

-- CreateIndex
CREATE UNIQUE INDEX "TemplateVersion_templateId_language_version_key" ON "TemplateVersion"("templateId", "language", "version");

-- Move each level's subject and intro into a template of its own
ALTER TABLE "ScenarioLevel" ADD COLUMN "templateId" INTEGER;

INSERT INTO "Template" ("name", "family", "updatedAt")
SELECT s."name" || ' - level ' || l."level",
  (CASE WHEN s."kind"::text IN ('V', 'RX', 'RU', 'RE', 'RC', 'RS') THEN 'RESERVATION'
        WHEN s."kind"::text = 'I' THEN 'CHARGE'
        WHEN s."kind"::text IN ('BX', 'BR', 'IB', 'DB') THEN 'ACCOUNT'
        ELSE 'LOAN' END)::"TemplateFamily",
  now()
FROM "ScenarioLevel" l JOIN "Scenario" s ON s."id" = l."scenarioId";

INSERT INTO "TemplateVersion" ("templateId", "language", "version", "subject", "body", "closing", "createdBy")
SELECT t."id", COALESCE((SELECT "defaultLanguage" FROM "LibrarySettings" WHERE "id" = 1), 'en'), 1, l."subject",
  E'Dear {{ contact.name }},\n\n' || l."intro", E'Yours sincerely,\n{{ library.name }}', 'migration'
FROM "ScenarioLevel" l JOIN "Scenario" s ON s."id" = l."scenarioId" JOIN "Template" t ON t."name" = s."name" || ' - level ' || l."level";

UPDATE "ScenarioLevel" l SET "templateId" = t."id"
FROM "Scenario" s, "Template" t WHERE s."id" = l."scenarioId" AND t."name" = s."name" || ' - level ' || l."level";

ALTER TABLE "ScenarioLevel" ALTER COLUMN "templateId" SET NOT NULL, DROP COLUMN "intro", DROP COLUMN "subject";

-- AddForeignKey
ALTER TABLE "ScenarioLevel" ADD CONSTRAINT "ScenarioLevel_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateVersion" ADD CONSTRAINT "TemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE CASCADE ON UPDATE CASCADE;
