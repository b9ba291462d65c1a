-- Issue 14: a student's parents and legal guardians, and the class teacher's «характеристика».
ALTER TABLE "Student" ADD COLUMN "characteristic" TEXT;
ALTER TABLE "Student" ADD COLUMN "characteristicOn" TEXT;
ALTER TABLE "Student" ADD COLUMN "characteristicBy" INTEGER;
CREATE TABLE "StudentParent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StudentParent_studentId_schoolId_fkey" FOREIGN KEY ("studentId", "schoolId") REFERENCES "Student" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "StudentParent_studentId_idx" ON "StudentParent"("studentId");
