-- AlterTable
ALTER TABLE "User" ADD COLUMN "mutedFrom" TEXT;
ALTER TABLE "User" ADD COLUMN "mutedUntil" TEXT;
ALTER TABLE "User" ADD COLUMN "reminderEndHour" INTEGER;
ALTER TABLE "User" ADD COLUMN "reminderStartHour" INTEGER;

-- CreateTable
CREATE TABLE "PlanMeasure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "who" TEXT NOT NULL,
    "dueOn" TEXT,
    "doneOn" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "PlanMeasure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "telegramFile" TEXT NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "addedBy" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseAttachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlanMeasure_caseId_idx" ON "PlanMeasure"("caseId");

-- CreateIndex
CREATE INDEX "CaseAttachment_caseId_idx" ON "CaseAttachment"("caseId");

