-- CreateTable
CREATE TABLE "AttendanceDay" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "classId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    CONSTRAINT "AttendanceDay_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceDay_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "mark" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "AttendanceMark_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttendanceMark_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AttendanceDay_schoolId_on_idx" ON "AttendanceDay"("schoolId", "on");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceDay_classId_on_key" ON "AttendanceDay"("classId", "on");

-- CreateIndex
CREATE INDEX "AttendanceMark_schoolId_on_idx" ON "AttendanceMark"("schoolId", "on");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceMark_studentId_on_key" ON "AttendanceMark"("studentId", "on");
