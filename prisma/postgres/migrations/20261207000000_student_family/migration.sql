-- Issue 14: a student's parents and legal guardians, and the class teacher's «характеристика».
ALTER TABLE "Student" ADD COLUMN "characteristic" TEXT;
ALTER TABLE "Student" ADD COLUMN "characteristicOn" TEXT;
ALTER TABLE "Student" ADD COLUMN "characteristicBy" INTEGER;
CREATE TABLE "StudentParent" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudentParent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "StudentParent_studentId_idx" ON "StudentParent"("studentId");
ALTER TABLE "StudentParent" ADD CONSTRAINT "StudentParent_studentId_schoolId_fkey" FOREIGN KEY ("studentId", "schoolId") REFERENCES "Student"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;
