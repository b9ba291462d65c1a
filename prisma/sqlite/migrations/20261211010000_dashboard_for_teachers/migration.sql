-- AlterTable
ALTER TABLE "School" ADD COLUMN "dashboardForTeachers" BOOLEAN NOT NULL DEFAULT false;
