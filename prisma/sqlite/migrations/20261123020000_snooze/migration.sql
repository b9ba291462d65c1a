-- CreateTable
CREATE TABLE "Snooze" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "until" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Snooze_userId_caseId_stepId_key" ON "Snooze"("userId", "caseId", "stepId");

