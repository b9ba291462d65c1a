-- The deputy in charge of a case (issue 12), the school's deputy for learning, and the school's
-- choice to escalate routine lateness to the director (off by default).
-- AlterTable
ALTER TABLE "Case" ADD COLUMN "deputyMemberId" INTEGER;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN "learningDeputy" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "School" ADD COLUMN "escalateToDirector" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Case_deputyMemberId_idx" ON "Case"("deputyMemberId");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_deputyMemberId_fkey" FOREIGN KEY ("deputyMemberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The deputy in charge of every open case: the deputy the school named for upbringing, else its
-- first active deputy (what "the deputy" meant before). Closed cases and schools without a deputy
-- stay null: the rule decides when they are read.
UPDATE "Case" SET "deputyMemberId" = (
  SELECT m."id" FROM "Member" m
   WHERE m."schoolId" = "Case"."schoolId" AND m."active"
     AND (m."upbringingDeputy" OR EXISTS (SELECT 1 FROM "MemberRole" r WHERE r."memberId" = m."id" AND r."role" = 'deputy'))
   ORDER BY m."upbringingDeputy" DESC, m."id" LIMIT 1)
 WHERE "status" = 'open';
