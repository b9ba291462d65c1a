-- CreateEnum
CREATE TYPE "AbsenceKind" AS ENUM ('unexcused', 'excused');

-- CreateTable
CREATE TABLE "AttendanceDay" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "classId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,

    CONSTRAINT "AttendanceDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "kind" "AbsenceKind" NOT NULL,
    "mark" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AttendanceMark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AttendanceDay_schoolId_on_idx" ON "AttendanceDay"("schoolId", "on");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceDay_classId_on_key" ON "AttendanceDay"("classId", "on");

-- CreateIndex
CREATE INDEX "AttendanceMark_schoolId_on_idx" ON "AttendanceMark"("schoolId", "on");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceMark_studentId_on_key" ON "AttendanceMark"("studentId", "on");

-- AddForeignKey
ALTER TABLE "AttendanceDay" ADD CONSTRAINT "AttendanceDay_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceDay" ADD CONSTRAINT "AttendanceDay_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceMark" ADD CONSTRAINT "AttendanceMark_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceMark" ADD CONSTRAINT "AttendanceMark_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;
