-- The first day of absence and the school days missed, as the teacher gave them on opening.
ALTER TABLE "Case" ADD COLUMN "daysMissed" INTEGER;
ALTER TABLE "Case" ADD COLUMN "firstAbsenceOn" TEXT;

-- Step 1 of the absence regulation is done on opening now (the notice is why the case exists):
-- cases opened before keep their data, with that step marked done on the notice date.
UPDATE "Case"
SET "steps" = json_set("steps", '$.receiveNotice', json_object(
  'state', 'done', 'completedOn', "openedOn", 'completedBy', CAST("teacherId" AS TEXT), 'occurrences', json('[]')))
WHERE "regulationId" = 'absence-criterion-22' AND json_extract("steps", '$.receiveNotice.state') = 'open';
