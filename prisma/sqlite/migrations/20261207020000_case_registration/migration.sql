-- Issue 14: the date of registration (ВШУ) the ИПР names, recorded on the case.
ALTER TABLE "Case" ADD COLUMN "registeredOn" TEXT;
