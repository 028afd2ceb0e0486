-- DropIndex
DROP INDEX "Notice_patronId_idx";
