-- A case carries its student's full name (decision 026), as on PostgreSQL: the planner names a
-- case's student without reading a row of Student per case. The database keeps the copy: set when
-- a case is stored with a student, following the student's name, whatever code writes either row.
-- Dropped with their table should a migration rebuild "Case" or "Student": test/db/student-name.test.ts fails then.
ALTER TABLE "Case" ADD COLUMN "studentName" TEXT;

UPDATE "Case" SET "studentName" = (SELECT s."fullName" FROM "Student" s WHERE s."id" = "Case"."studentId");

CREATE TRIGGER "Case_names_student" AFTER INSERT ON "Case"
BEGIN
  UPDATE "Case" SET "studentName" = (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Case_renames_student" AFTER UPDATE OF "studentId", "studentName" ON "Case"
  WHEN NEW."studentName" IS NOT (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId")
BEGIN
  UPDATE "Case" SET "studentName" = (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Student_renames_cases" AFTER UPDATE OF "fullName" ON "Student"
  WHEN OLD."fullName" IS NOT NEW."fullName"
BEGIN
  UPDATE "Case" SET "studentName" = NEW."fullName" WHERE "studentId" = NEW."id";
END;
