-- Issue 14: a measure's named person and result, the ИПР's areas and the parents' reading of it,
-- and parents invited to meetings about a case (how, when, whether they came).
-- CaseEventType gains "parentInvited" and "parentAttended": SQLite keeps the enum as text.
ALTER TABLE "CaseMeasure" ADD COLUMN "person" TEXT;
ALTER TABLE "CaseMeasure" ADD COLUMN "result" TEXT;
ALTER TABLE "PlanMeasure" ADD COLUMN "area" TEXT;
ALTER TABLE "Case" ADD COLUMN "planReadOn" TEXT;
CREATE TABLE "ParentMeeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "parentName" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "invitedVia" TEXT NOT NULL,
    "invitedOn" TEXT NOT NULL,
    "meetingOn" TEXT NOT NULL,
    "attended" BOOLEAN,
    "invitedBy" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ParentMeeting_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParentMeeting_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "StudentParent" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "ParentMeeting_caseId_idx" ON "ParentMeeting"("caseId");
CREATE INDEX "ParentMeeting_parentId_idx" ON "ParentMeeting"("parentId");
