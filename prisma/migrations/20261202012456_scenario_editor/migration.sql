-- AlterTable
ALTER TABLE "Scenario" ADD COLUMN     "includeCategoryIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "ScenarioLevel" ADD COLUMN     "isEnabled" BOOLEAN NOT NULL DEFAULT true;
