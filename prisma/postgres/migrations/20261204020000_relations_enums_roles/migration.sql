-- Relations, cascades, enums and the roles table (issue 11). Existing rows are kept:
--   * Member.roles ("teacher,deputy") becomes one MemberRole row per known role;
--   * text statuses and kinds become enum types (a value outside the set fails the migration);
--   * MeetingInvitee, SchoolEventClass and Snooze take schoolId from their meeting, event or case;
--   * Notification.caseId is read from the key ("<user>:<case id>:…"), where that case is in the row's school;
--   * rows that already pointed at nothing (left behind by the hand-written erasure) are removed, and
--     links to nothing become null, so the new foreign keys hold.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('teacher', 'deputy', 'specialist', 'director', 'admin');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "CaseEventType" AS ENUM ('caseOpened', 'stepCompleted', 'stepAnswered', 'occurrenceRecorded', 'stepSkipped', 'caseFlagged', 'caseReassigned', 'caseClosed', 'caseReopened', 'linkedCaseRequested', 'comment');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('pending', 'sending', 'sent', 'failed', 'unreachable', 'expired');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('overdue', 'dueToday', 'dueSoon', 'windowOpens', 'toldDeputy', 'toldDirector', 'escalationDeputy', 'escalationDirector', 'notice', 'emergency', 'userUnreachable', 'sosAlert', 'sosAcknowledged', 'meetingDayBefore', 'meetingHourBefore', 'deputyDigest', 'councilReview');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('parents', 'workingGroup');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('proposed', 'cancelled');

-- CreateEnum
CREATE TYPE "InviteeStatus" AS ENUM ('invited', 'confirmed', 'declined');

-- CreateEnum
CREATE TYPE "CouncilStatus" AS ENUM ('proposed', 'agreed', 'refused');

-- CreateEnum
CREATE TYPE "ConsentState" AS ENUM ('given', 'pending', 'refused');

-- DropForeignKey
ALTER TABLE "Case" DROP CONSTRAINT "Case_teacherId_fkey";

-- DropForeignKey
ALTER TABLE "Student" DROP CONSTRAINT "Student_classId_fkey";

-- CreateTable
CREATE TABLE "MemberRole" (
    "memberId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "role" "Role" NOT NULL,

    CONSTRAINT "MemberRole_pkey" PRIMARY KEY ("memberId","role")
);

INSERT INTO "MemberRole" ("memberId", "schoolId", "role")
SELECT DISTINCT m."id", m."schoolId", r::"Role"
FROM "Member" m, unnest(string_to_array(replace(m."roles", ' ', ''), ',')) AS r
WHERE r IN ('teacher', 'deputy', 'specialist', 'director', 'admin');

ALTER TABLE "Member" DROP COLUMN "roles";

-- Rows that point at nothing.
DELETE FROM "MeetingInvitee" i WHERE NOT EXISTS (
  SELECT 1 FROM "Meeting" mt JOIN "Member" mb ON mb."schoolId" = mt."schoolId"
  WHERE mt."id" = i."meetingId" AND mb."id" = i."memberId");
DELETE FROM "SchoolEventClass" ec WHERE NOT EXISTS (
  SELECT 1 FROM "SchoolEvent" e JOIN "SchoolClass" c ON c."schoolId" = e."schoolId"
  WHERE e."id" = ec."eventId" AND c."id" = ec."classId");
DELETE FROM "Snooze" WHERE "caseId" NOT IN (SELECT "id" FROM "Case") OR "userId" NOT IN (SELECT "id" FROM "User");
DELETE FROM "CaseMeasure" cm WHERE NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."id" = cm."caseId" AND c."schoolId" = cm."schoolId");
DELETE FROM "Meeting" WHERE "caseId" IS NOT NULL AND "caseId" NOT IN (SELECT "id" FROM "Case");
DELETE FROM "MeetingInvitee" WHERE "meetingId" NOT IN (SELECT "id" FROM "Meeting");
DELETE FROM "CouncilRequest" cr WHERE NOT EXISTS (SELECT 1 FROM "Student" s WHERE s."id" = cr."studentId" AND s."schoolId" = cr."schoolId");
DELETE FROM "CouncilRequest" WHERE "caseId" IS NOT NULL AND "caseId" NOT IN (SELECT "id" FROM "Case");
DELETE FROM "Notification" WHERE "userId" NOT IN (SELECT "id" FROM "User");
UPDATE "Meeting" SET "classId" = NULL WHERE "classId" NOT IN (SELECT "id" FROM "SchoolClass");
UPDATE "SosAlert" SET "studentId" = NULL WHERE "studentId" NOT IN (SELECT "id" FROM "Student");
UPDATE "SosAlert" SET "acknowledgedBy" = NULL WHERE "acknowledgedBy" NOT IN (SELECT "id" FROM "Member");
UPDATE "SchoolEventClass" SET "answeredBy" = NULL WHERE "answeredBy" NOT IN (SELECT "id" FROM "Member");
UPDATE "CaseEvent" SET "actorId" = NULL WHERE "actorId" NOT IN (SELECT "id" FROM "Member");
UPDATE "CaseAttachment" SET "addedBy" = NULL WHERE "addedBy" NOT IN (SELECT "id" FROM "Member");
UPDATE "Invite" SET "createdBy" = NULL WHERE "createdBy" NOT IN (SELECT "id" FROM "User");
UPDATE "Invite" SET "usedBy" = NULL WHERE "usedBy" NOT IN (SELECT "id" FROM "User");
UPDATE "User" SET "activeSchoolId" = NULL WHERE "activeSchoolId" NOT IN (SELECT "id" FROM "School");

-- schoolId on the rows that lacked it, from their parent.
ALTER TABLE "MeetingInvitee" ADD COLUMN "schoolId" INTEGER;
UPDATE "MeetingInvitee" i SET "schoolId" = m."schoolId" FROM "Meeting" m WHERE m."id" = i."meetingId";
ALTER TABLE "MeetingInvitee" ALTER COLUMN "schoolId" SET NOT NULL;
ALTER TABLE "SchoolEventClass" ADD COLUMN "schoolId" INTEGER;
UPDATE "SchoolEventClass" ec SET "schoolId" = e."schoolId" FROM "SchoolEvent" e WHERE e."id" = ec."eventId";
ALTER TABLE "SchoolEventClass" ALTER COLUMN "schoolId" SET NOT NULL;
ALTER TABLE "Snooze" ADD COLUMN "schoolId" INTEGER;
UPDATE "Snooze" sz SET "schoolId" = c."schoolId" FROM "Case" c WHERE c."id" = sz."caseId";
ALTER TABLE "Snooze" ALTER COLUMN "schoolId" SET NOT NULL;

-- The case a notification is about.
ALTER TABLE "Notification" ADD COLUMN "caseId" INTEGER;
UPDATE "Notification" n SET "caseId" = c."id"
FROM "Case" c
WHERE split_part(n."key", ':', 2) ~ '^[1-9][0-9]{0,8}$'
  AND c."id" = split_part(n."key", ':', 2)::INTEGER
  AND c."schoolId" = n."schoolId";

-- Text to enums, values kept.
ALTER TABLE "Meeting" ALTER COLUMN "kind" TYPE "MeetingKind" USING "kind"::"MeetingKind";
ALTER TABLE "Meeting" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Meeting" ALTER COLUMN "status" TYPE "MeetingStatus" USING "status"::"MeetingStatus";
ALTER TABLE "Meeting" ALTER COLUMN "status" SET DEFAULT 'proposed';
ALTER TABLE "MeetingInvitee" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "MeetingInvitee" ALTER COLUMN "status" TYPE "InviteeStatus" USING "status"::"InviteeStatus";
ALTER TABLE "MeetingInvitee" ALTER COLUMN "status" SET DEFAULT 'invited';
ALTER TABLE "CouncilRequest" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "CouncilRequest" ALTER COLUMN "status" TYPE "CouncilStatus" USING "status"::"CouncilStatus";
ALTER TABLE "CouncilRequest" ALTER COLUMN "status" SET DEFAULT 'proposed';
ALTER TABLE "CouncilRequest" ALTER COLUMN "teacherConsent" DROP DEFAULT;
ALTER TABLE "CouncilRequest" ALTER COLUMN "teacherConsent" TYPE "ConsentState" USING "teacherConsent"::"ConsentState";
ALTER TABLE "CouncilRequest" ALTER COLUMN "teacherConsent" SET DEFAULT 'given';
ALTER TABLE "Case" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Case" ALTER COLUMN "status" TYPE "CaseStatus" USING "status"::"CaseStatus";
ALTER TABLE "Case" ALTER COLUMN "status" SET DEFAULT 'open';
ALTER TABLE "CaseEvent" ALTER COLUMN "type" TYPE "CaseEventType" USING "type"::"CaseEventType";
ALTER TABLE "Notification" ALTER COLUMN "kind" TYPE "NotificationKind" USING "kind"::"NotificationKind";
ALTER TABLE "Notification" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Notification" ALTER COLUMN "status" TYPE "NotificationStatus" USING "status"::"NotificationStatus";
ALTER TABLE "Notification" ALTER COLUMN "status" SET DEFAULT 'pending';

-- CreateIndex
CREATE INDEX "MemberRole_schoolId_role_idx" ON "MemberRole"("schoolId", "role");

-- CreateIndex
CREATE INDEX "SosAlert_studentId_idx" ON "SosAlert"("studentId");

-- CreateIndex
CREATE INDEX "Meeting_caseId_idx" ON "Meeting"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_id_schoolId_key" ON "Meeting"("id", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolEvent_id_schoolId_key" ON "SchoolEvent"("id", "schoolId");

-- CreateIndex
CREATE INDEX "SchoolEventClass_classId_idx" ON "SchoolEventClass"("classId");

-- CreateIndex
CREATE INDEX "CouncilRequest_caseId_idx" ON "CouncilRequest"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_id_schoolId_key" ON "Case"("id", "schoolId");

-- CreateIndex
CREATE INDEX "Notification_caseId_idx" ON "Notification"("caseId");

-- CreateIndex
CREATE INDEX "Snooze_caseId_idx" ON "Snooze"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_id_schoolId_key" ON "Member"("id", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolClass_id_schoolId_key" ON "SchoolClass"("id", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "Student_id_schoolId_key" ON "Student"("id", "schoolId");

-- AddForeignKey
ALTER TABLE "SosAlert" ADD CONSTRAINT "SosAlert_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SosAlert" ADD CONSTRAINT "SosAlert_teacherMemberId_schoolId_fkey" FOREIGN KEY ("teacherMemberId", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SosAlert" ADD CONSTRAINT "SosAlert_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SosAlert" ADD CONSTRAINT "SosAlert_acknowledgedBy_fkey" FOREIGN KEY ("acknowledgedBy") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMeasure" ADD CONSTRAINT "CaseMeasure_caseId_schoolId_fkey" FOREIGN KEY ("caseId", "schoolId") REFERENCES "Case"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMeasure" ADD CONSTRAINT "CaseMeasure_memberId_schoolId_fkey" FOREIGN KEY ("memberId", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_organizerMemberId_schoolId_fkey" FOREIGN KEY ("organizerMemberId", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitee" ADD CONSTRAINT "MeetingInvitee_meetingId_schoolId_fkey" FOREIGN KEY ("meetingId", "schoolId") REFERENCES "Meeting"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitee" ADD CONSTRAINT "MeetingInvitee_memberId_schoolId_fkey" FOREIGN KEY ("memberId", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolEvent" ADD CONSTRAINT "SchoolEvent_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolEvent" ADD CONSTRAINT "SchoolEvent_createdBy_schoolId_fkey" FOREIGN KEY ("createdBy", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolEventClass" ADD CONSTRAINT "SchoolEventClass_eventId_schoolId_fkey" FOREIGN KEY ("eventId", "schoolId") REFERENCES "SchoolEvent"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolEventClass" ADD CONSTRAINT "SchoolEventClass_classId_schoolId_fkey" FOREIGN KEY ("classId", "schoolId") REFERENCES "SchoolClass"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolEventClass" ADD CONSTRAINT "SchoolEventClass_answeredBy_fkey" FOREIGN KEY ("answeredBy") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilRequest" ADD CONSTRAINT "CouncilRequest_studentId_schoolId_fkey" FOREIGN KEY ("studentId", "schoolId") REFERENCES "Student"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilRequest" ADD CONSTRAINT "CouncilRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouncilRequest" ADD CONSTRAINT "CouncilRequest_requestedBy_schoolId_fkey" FOREIGN KEY ("requestedBy", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "Member"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAttachment" ADD CONSTRAINT "CaseAttachment_addedBy_fkey" FOREIGN KEY ("addedBy") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snooze" ADD CONSTRAINT "Snooze_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Snooze" ADD CONSTRAINT "Snooze_caseId_schoolId_fkey" FOREIGN KEY ("caseId", "schoolId") REFERENCES "Case"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_activeSchoolId_fkey" FOREIGN KEY ("activeSchoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberRole" ADD CONSTRAINT "MemberRole_memberId_schoolId_fkey" FOREIGN KEY ("memberId", "schoolId") REFERENCES "Member"("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdBy_fkey" FOREIGN KEY ("createdBy") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_usedBy_fkey" FOREIGN KEY ("usedBy") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- References that must hold but may be broken for a moment inside one erasure: who ran a case,
-- organised a meeting or asked for a council, and a student's class. Erasing a school deletes
-- the referenced members and classes and, further down its cascade, the rows that name them;
-- PostgreSQL checks a NO ACTION key as each cascade step ends, so these are checked at commit.
-- (SQLite checks NO ACTION at the end of the statement already.) Prisma's schema cannot say this.
ALTER TABLE "Case" ALTER CONSTRAINT "Case_teacherId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "Student" ALTER CONSTRAINT "Student_classId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "SosAlert" ALTER CONSTRAINT "SosAlert_teacherMemberId_schoolId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "CaseMeasure" ALTER CONSTRAINT "CaseMeasure_memberId_schoolId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "Meeting" ALTER CONSTRAINT "Meeting_organizerMemberId_schoolId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "SchoolEvent" ALTER CONSTRAINT "SchoolEvent_createdBy_schoolId_fkey" DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE "CouncilRequest" ALTER CONSTRAINT "CouncilRequest_requestedBy_schoolId_fkey" DEFERRABLE INITIALLY DEFERRED;
