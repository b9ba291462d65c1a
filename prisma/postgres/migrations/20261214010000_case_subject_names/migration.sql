-- A case carries its student's full name and its class's label (decision 026): the planner reads
-- a city's due cases in pages of a thousand, and each case's student was a row of Student read at
-- random, 40,000 on a school day, and its class one more lookup. The database keeps the copies:
-- set when a case is stored, following the student's name and the class's label (classes are
-- renamed every year), whatever code writes the rows.
ALTER TABLE "Case" ADD COLUMN "studentName" TEXT, ADD COLUMN "classLabel" TEXT;

UPDATE "Case" c SET "studentName" = s."fullName" FROM "Student" s WHERE s."id" = c."studentId";
UPDATE "Case" c SET "classLabel" = k."label" FROM "SchoolClass" k WHERE k."id" = c."classId";

CREATE FUNCTION "Case_names_subject"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."studentName" := (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId");
  NEW."classLabel" := (SELECT k."label" FROM "SchoolClass" k WHERE k."id" = NEW."classId");
  RETURN NEW;
END
$$;

CREATE TRIGGER "Case_names_subject" BEFORE INSERT OR UPDATE OF "studentId", "classId", "studentName", "classLabel" ON "Case"
  FOR EACH ROW EXECUTE FUNCTION "Case_names_subject"();

CREATE FUNCTION "Student_renames_cases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Case" SET "studentName" = NEW."fullName" WHERE "studentId" = NEW."id";
  RETURN NEW;
END
$$;

CREATE TRIGGER "Student_renames_cases" AFTER UPDATE OF "fullName" ON "Student"
  FOR EACH ROW WHEN (OLD."fullName" IS DISTINCT FROM NEW."fullName") EXECUTE FUNCTION "Student_renames_cases"();

CREATE FUNCTION "SchoolClass_renames_cases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Case" SET "classLabel" = NEW."label" WHERE "classId" = NEW."id";
  RETURN NEW;
END
$$;

CREATE TRIGGER "SchoolClass_renames_cases" AFTER UPDATE OF "label" ON "SchoolClass"
  FOR EACH ROW WHEN (OLD."label" IS DISTINCT FROM NEW."label") EXECUTE FUNCTION "SchoolClass_renames_cases"();
