-- CreateTable
CREATE TABLE "Snooze" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "until" TEXT NOT NULL,

    CONSTRAINT "Snooze_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Snooze_userId_caseId_stepId_key" ON "Snooze"("userId", "caseId", "stepId");

