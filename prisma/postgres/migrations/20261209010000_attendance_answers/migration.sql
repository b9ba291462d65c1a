-- CreateEnum
CREATE TYPE "AttendanceNoteKind" AS ENUM ('contacted', 'excused');

-- AlterTable
ALTER TABLE "School" ADD COLUMN "attendanceWarnDays" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN "attendanceMarkMap" TEXT NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "AttendanceNote" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "runFrom" TEXT NOT NULL,
    "kind" "AttendanceNoteKind" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byUserId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AttendanceNote_pkey" PRIMARY KEY ("id")
);


CREATE INDEX "AttendanceNote_schoolId_runFrom_idx" ON "AttendanceNote"("schoolId", "runFrom");

CREATE UNIQUE INDEX "AttendanceNote_studentId_runFrom_kind_key" ON "AttendanceNote"("studentId", "runFrom", "kind");

ALTER TABLE "AttendanceNote" ADD CONSTRAINT "AttendanceNote_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AttendanceNote" ADD CONSTRAINT "AttendanceNote_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;
