-- A case carries its student's full name (decision 026): the planner reads a city's due cases in
-- pages of a thousand, and each case's student was a row of Student read at random, 40,000 on a
-- school day. The database keeps the copy: the name is set when a case is stored with a student
-- and follows the student's name, whatever code writes either row.
ALTER TABLE "Case" ADD COLUMN "studentName" TEXT;

UPDATE "Case" c SET "studentName" = s."fullName" FROM "Student" s WHERE s."id" = c."studentId";

CREATE FUNCTION "Case_names_student"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."studentName" := (SELECT s."fullName" FROM "Student" s WHERE s."id" = NEW."studentId");
  RETURN NEW;
END
$$;

CREATE TRIGGER "Case_names_student" BEFORE INSERT OR UPDATE OF "studentId", "studentName" ON "Case"
  FOR EACH ROW EXECUTE FUNCTION "Case_names_student"();

CREATE FUNCTION "Student_renames_cases"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Case" SET "studentName" = NEW."fullName" WHERE "studentId" = NEW."id";
  RETURN NEW;
END
$$;

CREATE TRIGGER "Student_renames_cases" AFTER UPDATE OF "fullName" ON "Student"
  FOR EACH ROW WHEN (OLD."fullName" IS DISTINCT FROM NEW."fullName") EXECUTE FUNCTION "Student_renames_cases"();
