-- AlterTable
ALTER TABLE "School" ADD COLUMN "attendanceWarnDays" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "School" ADD COLUMN "attendanceMarkMap" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "AttendanceNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "runFrom" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byUserId" INTEGER,
    "at" DATETIME NOT NULL,
    CONSTRAINT "AttendanceNote_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceNote_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AttendanceNote_schoolId_runFrom_idx" ON "AttendanceNote"("schoolId", "runFrom");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceNote_studentId_runFrom_kind_key" ON "AttendanceNote"("studentId", "runFrom", "kind");
