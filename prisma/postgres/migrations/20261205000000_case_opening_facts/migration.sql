-- The first day of absence and the school days missed, as the teacher gave them on opening.
ALTER TABLE "Case" ADD COLUMN     "daysMissed" INTEGER,
ADD COLUMN     "firstAbsenceOn" TEXT;

-- Step 1 of the absence regulation is done on opening now (the notice is why the case exists):
-- cases opened before keep their data, with that step marked done on the notice date.
UPDATE "Case"
SET "steps" = jsonb_set("steps"::jsonb, '{receiveNotice}', jsonb_build_object(
  'state', 'done', 'completedOn', "openedOn", 'completedBy', "teacherId"::text, 'occurrences', '[]'::jsonb))::text
WHERE "regulationId" = 'absence-criterion-22' AND ("steps"::jsonb #>> '{receiveNotice,state}') = 'open';
