-- AlterTable
ALTER TABLE "Student" ADD COLUMN     "leftOn" TEXT;

