-- AlterTable
ALTER TABLE "LibrarySettings" ADD COLUMN     "frameTranslations" JSONB NOT NULL DEFAULT '{}';
