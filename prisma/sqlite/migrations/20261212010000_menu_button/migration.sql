-- AlterTable
ALTER TABLE "User" ADD COLUMN "menuButtonUrl" TEXT;
