-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mutedFrom" TEXT,
ADD COLUMN     "mutedUntil" TEXT,
ADD COLUMN     "reminderEndHour" INTEGER,
ADD COLUMN     "reminderStartHour" INTEGER;

-- CreateTable
CREATE TABLE "PlanMeasure" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "who" TEXT NOT NULL,
    "dueOn" TEXT,
    "doneOn" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PlanMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "telegramFile" TEXT NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "addedBy" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanMeasure_caseId_idx" ON "PlanMeasure"("caseId");

-- CreateIndex
CREATE INDEX "CaseAttachment_caseId_idx" ON "CaseAttachment"("caseId");

-- AddForeignKey
ALTER TABLE "PlanMeasure" ADD CONSTRAINT "PlanMeasure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAttachment" ADD CONSTRAINT "CaseAttachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

