-- A case carries its student's full name and its class's label (decision 026), as on PostgreSQL:
-- the planner names a case's student and class without reading other tables per case. The
-- database keeps the copies: set when a case is stored, following the student's name and the
-- class's label, whatever code writes the rows. Dropped with their table should a migration
-- rebuild "Case", "Student" or "SchoolClass": test/db/subject-names.test.ts fails then.
ALTER TABLE "Case" ADD COLUMN "studentName" TEXT;
ALTER TABLE "Case" ADD COLUMN "classLabel" TEXT;

UPDATE "Case" SET
  "studentName" = (SELECT s."fullName" FROM "Student" s WHERE s."id" = "Case"."studentId"),
  "classLabel" = (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = "Case"."classId");

CREATE TRIGGER "Case_names_subject" AFTER INSERT ON "Case"
BEGIN
  UPDATE "Case" SET
    "studentName" = (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId"),
    "classLabel" = (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = NEW."classId")
  WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Case_renames_subject" AFTER UPDATE OF "studentId", "classId", "studentName", "classLabel" ON "Case"
  WHEN NEW."studentName" IS NOT (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId")
    OR NEW."classLabel" IS NOT (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = NEW."classId")
BEGIN
  UPDATE "Case" SET
    "studentName" = (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId"),
    "classLabel" = (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = NEW."classId")
  WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Student_renames_cases" AFTER UPDATE OF "fullName" ON "Student"
  WHEN OLD."fullName" IS NOT NEW."fullName"
BEGIN
  UPDATE "Case" SET "studentName" = NEW."fullName" WHERE "studentId" = NEW."id";
END;

CREATE TRIGGER "SchoolClass_renames_cases" AFTER UPDATE OF "label" ON "SchoolClass"
  WHEN OLD."label" IS NOT NEW."label"
BEGIN
  UPDATE "Case" SET "classLabel" = NEW."label" WHERE "classId" = NEW."id";
END;
