-- The deputy in charge of a case (issue 12), the school's deputy for learning, and the school's
-- choice to escalate routine lateness to the director (off by default).
ALTER TABLE "Member" ADD COLUMN "learningDeputy" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "School" ADD COLUMN "escalateToDirector" BOOLEAN NOT NULL DEFAULT false;

-- RedefineTables (a column with a foreign key)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "regulationId" TEXT NOT NULL,
    "regulationVersion" INTEGER NOT NULL,
    "studentId" INTEGER,
    "classId" INTEGER,
    "teacherId" INTEGER NOT NULL,
    "deputyMemberId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedOn" TEXT NOT NULL,
    "firstAbsenceOn" TEXT,
    "daysMissed" INTEGER,
    "closedOn" TEXT,
    "closeReason" TEXT,
    "closeNote" TEXT,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "steps" TEXT NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Case_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Case_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "Member" ("id") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "Case_deputyMemberId_fkey" FOREIGN KEY ("deputyMemberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("classId", "closeNote", "closeReason", "closedOn", "createdAt", "daysMissed", "firstAbsenceOn", "flags", "id", "openedOn", "regulationId", "regulationVersion", "revision", "schoolId", "status", "steps", "studentId", "teacherId", "updatedAt") SELECT "classId", "closeNote", "closeReason", "closedOn", "createdAt", "daysMissed", "firstAbsenceOn", "flags", "id", "openedOn", "regulationId", "regulationVersion", "revision", "schoolId", "status", "steps", "studentId", "teacherId", "updatedAt" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_schoolId_status_idx" ON "Case"("schoolId", "status");
CREATE INDEX "Case_schoolId_teacherId_status_idx" ON "Case"("schoolId", "teacherId", "status");
CREATE INDEX "Case_studentId_idx" ON "Case"("studentId");
CREATE INDEX "Case_deputyMemberId_idx" ON "Case"("deputyMemberId");
CREATE UNIQUE INDEX "Case_id_schoolId_key" ON "Case"("id", "schoolId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The deputy in charge of every open case: the deputy the school named for upbringing, else its
-- first active deputy (what "the deputy" meant before). Closed cases and schools without a deputy
-- stay null: the rule decides when they are read.
UPDATE "Case" SET "deputyMemberId" = (
  SELECT m."id" FROM "Member" m
   WHERE m."schoolId" = "Case"."schoolId" AND m."active"
     AND (m."upbringingDeputy" OR EXISTS (SELECT 1 FROM "MemberRole" r WHERE r."memberId" = m."id" AND r."role" = 'deputy'))
   ORDER BY m."upbringingDeputy" DESC, m."id" LIMIT 1)
 WHERE "status" = 'open';
