-- Issue 14: the school's requisites for its papers (the full name, the address, the director).
ALTER TABLE "School" ADD COLUMN "officialName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "School" ADD COLUMN "address" TEXT NOT NULL DEFAULT '';
ALTER TABLE "School" ADD COLUMN "directorName" TEXT NOT NULL DEFAULT '';
