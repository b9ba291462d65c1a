-- Relations, cascades, enums and the roles table (issue 11). Existing rows are kept:
--   * Member.roles ("teacher,deputy") becomes one MemberRole row per known role;
--   * MeetingInvitee, SchoolEventClass and Snooze take schoolId from their meeting, event or case;
--   * Notification.caseId is read from the key ("<user>:<case id>:…"), where that case is in the row's school;
--   * rows that already pointed at nothing (left behind by the hand-written erasure) are removed, and
--     links to nothing become null, so the new foreign keys hold.
-- The migrator runs this with foreign keys off and checks them before it commits (src/db/migrate.ts).

-- Roles, while Member still has its comma-separated column.
CREATE TABLE "MemberRole" (
    "memberId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("memberId", "role"),
    CONSTRAINT "MemberRole_memberId_schoolId_fkey" FOREIGN KEY ("memberId", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "MemberRole" ("memberId", "schoolId", "role")
SELECT m."id", m."schoolId", r."role"
FROM "Member" m
JOIN (SELECT 'teacher' AS "role" UNION ALL SELECT 'deputy' UNION ALL SELECT 'specialist' UNION ALL SELECT 'director' UNION ALL SELECT 'admin') r
  ON ',' || replace(m."roles", ' ', '') || ',' LIKE '%,' || r."role" || ',%';

-- Rows that point at nothing.
DELETE FROM "MeetingInvitee" WHERE NOT EXISTS (
  SELECT 1 FROM "Meeting" mt JOIN "Member" mb ON mb."schoolId" = mt."schoolId"
  WHERE mt."id" = "MeetingInvitee"."meetingId" AND mb."id" = "MeetingInvitee"."memberId");
DELETE FROM "SchoolEventClass" WHERE NOT EXISTS (
  SELECT 1 FROM "SchoolEvent" e JOIN "SchoolClass" c ON c."schoolId" = e."schoolId"
  WHERE e."id" = "SchoolEventClass"."eventId" AND c."id" = "SchoolEventClass"."classId");
DELETE FROM "Snooze" WHERE "caseId" NOT IN (SELECT "id" FROM "Case") OR "userId" NOT IN (SELECT "id" FROM "User");
DELETE FROM "CaseMeasure" WHERE NOT EXISTS (SELECT 1 FROM "Case" c WHERE c."id" = "CaseMeasure"."caseId" AND c."schoolId" = "CaseMeasure"."schoolId");
DELETE FROM "Meeting" WHERE "caseId" IS NOT NULL AND "caseId" NOT IN (SELECT "id" FROM "Case");
DELETE FROM "MeetingInvitee" WHERE "meetingId" NOT IN (SELECT "id" FROM "Meeting");
DELETE FROM "CouncilRequest" WHERE NOT EXISTS (SELECT 1 FROM "Student" s WHERE s."id" = "CouncilRequest"."studentId" AND s."schoolId" = "CouncilRequest"."schoolId");
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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SosAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "teacherMemberId" INTEGER NOT NULL,
    "studentId" INTEGER,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rounds" INTEGER NOT NULL DEFAULT 0,
    "lastSentAt" DATETIME,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" INTEGER,
    CONSTRAINT "SosAlert_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SosAlert_teacherMemberId_schoolId_fkey" FOREIGN KEY ("teacherMemberId", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE,
    CONSTRAINT "SosAlert_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SosAlert_acknowledgedBy_fkey" FOREIGN KEY ("acknowledgedBy") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SosAlert" ("acknowledgedAt", "acknowledgedBy", "createdAt", "id", "kind", "lastSentAt", "rounds", "schoolId", "studentId", "teacherMemberId", "text") SELECT "acknowledgedAt", "acknowledgedBy", "createdAt", "id", "kind", "lastSentAt", "rounds", "schoolId", "studentId", "teacherMemberId", "text" FROM "SosAlert";
DROP TABLE "SosAlert";
ALTER TABLE "new_SosAlert" RENAME TO "SosAlert";
CREATE INDEX "SosAlert_schoolId_acknowledgedAt_idx" ON "SosAlert"("schoolId", "acknowledgedAt");
CREATE INDEX "SosAlert_studentId_idx" ON "SosAlert"("studentId");
CREATE TABLE "new_CaseMeasure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "withWhom" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "form" TEXT,
    "memberId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseMeasure_caseId_schoolId_fkey" FOREIGN KEY ("caseId", "schoolId") REFERENCES "Case" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseMeasure_memberId_schoolId_fkey" FOREIGN KEY ("memberId", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_CaseMeasure" ("caseId", "createdAt", "form", "id", "memberId", "on", "schoolId", "what", "withWhom") SELECT "caseId", "createdAt", "form", "id", "memberId", "on", "schoolId", "what", "withWhom" FROM "CaseMeasure";
DROP TABLE "CaseMeasure";
ALTER TABLE "new_CaseMeasure" RENAME TO "CaseMeasure";
CREATE INDEX "CaseMeasure_caseId_idx" ON "CaseMeasure"("caseId");
CREATE TABLE "new_Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" INTEGER,
    "classId" INTEGER,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "organizerMemberId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Meeting_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Meeting_organizerMemberId_schoolId_fkey" FOREIGN KEY ("organizerMemberId", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("caseId", "classId", "createdAt", "id", "kind", "organizerMemberId", "place", "schoolId", "startsAt", "status", "title") SELECT "caseId", "classId", "createdAt", "id", "kind", "organizerMemberId", "place", "schoolId", "startsAt", "status", "title" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE INDEX "Meeting_schoolId_startsAt_idx" ON "Meeting"("schoolId", "startsAt");
CREATE INDEX "Meeting_caseId_idx" ON "Meeting"("caseId");
CREATE UNIQUE INDEX "Meeting_id_schoolId_key" ON "Meeting"("id", "schoolId");
CREATE TABLE "new_MeetingInvitee" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "respondedAt" DATETIME,
    CONSTRAINT "MeetingInvitee_meetingId_schoolId_fkey" FOREIGN KEY ("meetingId", "schoolId") REFERENCES "Meeting" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingInvitee_memberId_schoolId_fkey" FOREIGN KEY ("memberId", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MeetingInvitee" ("id", "schoolId", "meetingId", "memberId", "respondedAt", "status") SELECT i."id", m."schoolId", i."meetingId", i."memberId", i."respondedAt", i."status" FROM "MeetingInvitee" i JOIN "Meeting" m ON m."id" = i."meetingId";
DROP TABLE "MeetingInvitee";
ALTER TABLE "new_MeetingInvitee" RENAME TO "MeetingInvitee";
CREATE INDEX "MeetingInvitee_memberId_idx" ON "MeetingInvitee"("memberId");
CREATE UNIQUE INDEX "MeetingInvitee_meetingId_memberId_key" ON "MeetingInvitee"("meetingId", "memberId");
CREATE TABLE "new_SchoolEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "answerBy" TEXT,
    "createdBy" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SchoolEvent_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SchoolEvent_createdBy_schoolId_fkey" FOREIGN KEY ("createdBy", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_SchoolEvent" ("answerBy", "createdAt", "createdBy", "details", "id", "schoolId", "title") SELECT "answerBy", "createdAt", "createdBy", "details", "id", "schoolId", "title" FROM "SchoolEvent";
DROP TABLE "SchoolEvent";
ALTER TABLE "new_SchoolEvent" RENAME TO "SchoolEvent";
CREATE INDEX "SchoolEvent_schoolId_idx" ON "SchoolEvent"("schoolId");
CREATE UNIQUE INDEX "SchoolEvent_id_schoolId_key" ON "SchoolEvent"("id", "schoolId");
CREATE TABLE "new_SchoolEventClass" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "eventId" INTEGER NOT NULL,
    "classId" INTEGER NOT NULL,
    "answer" TEXT,
    "declined" BOOLEAN NOT NULL DEFAULT false,
    "answeredAt" DATETIME,
    "answeredBy" INTEGER,
    CONSTRAINT "SchoolEventClass_eventId_schoolId_fkey" FOREIGN KEY ("eventId", "schoolId") REFERENCES "SchoolEvent" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SchoolEventClass_classId_schoolId_fkey" FOREIGN KEY ("classId", "schoolId") REFERENCES "SchoolClass" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SchoolEventClass_answeredBy_fkey" FOREIGN KEY ("answeredBy") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_SchoolEventClass" ("answer", "answeredAt", "answeredBy", "classId", "declined", "eventId", "id", "schoolId") SELECT ec."answer", ec."answeredAt", ec."answeredBy", ec."classId", ec."declined", ec."eventId", ec."id", e."schoolId" FROM "SchoolEventClass" ec JOIN "SchoolEvent" e ON e."id" = ec."eventId";
DROP TABLE "SchoolEventClass";
ALTER TABLE "new_SchoolEventClass" RENAME TO "SchoolEventClass";
CREATE INDEX "SchoolEventClass_classId_idx" ON "SchoolEventClass"("classId");
CREATE UNIQUE INDEX "SchoolEventClass_eventId_classId_key" ON "SchoolEventClass"("eventId", "classId");
CREATE TABLE "new_CouncilRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "studentId" INTEGER NOT NULL,
    "caseId" INTEGER,
    "requestedBy" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "proposedForm" TEXT NOT NULL,
    "slots" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "teacherConsent" TEXT NOT NULL DEFAULT 'given',
    "agreedForm" TEXT,
    "agreedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CouncilRequest_studentId_schoolId_fkey" FOREIGN KEY ("studentId", "schoolId") REFERENCES "Student" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CouncilRequest_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CouncilRequest_requestedBy_schoolId_fkey" FOREIGN KEY ("requestedBy", "schoolId") REFERENCES "Member" ("id", "schoolId") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_CouncilRequest" ("agreedAt", "agreedForm", "caseId", "createdAt", "id", "proposedForm", "reason", "requestedBy", "schoolId", "slots", "status", "studentId", "teacherConsent") SELECT "agreedAt", "agreedForm", "caseId", "createdAt", "id", "proposedForm", "reason", "requestedBy", "schoolId", "slots", "status", "studentId", "teacherConsent" FROM "CouncilRequest";
DROP TABLE "CouncilRequest";
ALTER TABLE "new_CouncilRequest" RENAME TO "CouncilRequest";
CREATE INDEX "CouncilRequest_schoolId_status_idx" ON "CouncilRequest"("schoolId", "status");
CREATE INDEX "CouncilRequest_studentId_idx" ON "CouncilRequest"("studentId");
CREATE INDEX "CouncilRequest_caseId_idx" ON "CouncilRequest"("caseId");
CREATE TABLE "new_Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "regulationId" TEXT NOT NULL,
    "regulationVersion" INTEGER NOT NULL,
    "studentId" INTEGER,
    "classId" INTEGER,
    "teacherId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "openedOn" TEXT NOT NULL,
    "closedOn" TEXT,
    "closeReason" TEXT,
    "closeNote" TEXT,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "steps" TEXT NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Case_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Case_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "Member" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("classId", "closeNote", "closeReason", "closedOn", "createdAt", "flags", "id", "openedOn", "regulationId", "regulationVersion", "revision", "schoolId", "status", "steps", "studentId", "teacherId", "updatedAt") SELECT "classId", "closeNote", "closeReason", "closedOn", "createdAt", "flags", "id", "openedOn", "regulationId", "regulationVersion", "revision", "schoolId", "status", "steps", "studentId", "teacherId", "updatedAt" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_schoolId_status_idx" ON "Case"("schoolId", "status");
CREATE INDEX "Case_schoolId_teacherId_status_idx" ON "Case"("schoolId", "teacherId", "status");
CREATE INDEX "Case_studentId_idx" ON "Case"("studentId");
CREATE UNIQUE INDEX "Case_id_schoolId_key" ON "Case"("id", "schoolId");
CREATE TABLE "new_CaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "on" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "stepId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "CaseEvent_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CaseEvent" ("actorId", "at", "caseId", "data", "id", "on", "schoolId", "stepId", "type") SELECT "actorId", "at", "caseId", "data", "id", "on", "schoolId", "stepId", "type" FROM "CaseEvent";
DROP TABLE "CaseEvent";
ALTER TABLE "new_CaseEvent" RENAME TO "CaseEvent";
CREATE INDEX "CaseEvent_caseId_id_idx" ON "CaseEvent"("caseId", "id");
CREATE TABLE "new_CaseAttachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "telegramFile" TEXT NOT NULL,
    "fileName" TEXT NOT NULL DEFAULT '',
    "addedBy" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseAttachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseAttachment_addedBy_fkey" FOREIGN KEY ("addedBy") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CaseAttachment" ("addedBy", "caseId", "createdAt", "fileName", "id", "kind", "schoolId", "telegramFile") SELECT "addedBy", "caseId", "createdAt", "fileName", "id", "kind", "schoolId", "telegramFile" FROM "CaseAttachment";
DROP TABLE "CaseAttachment";
ALTER TABLE "new_CaseAttachment" RENAME TO "CaseAttachment";
CREATE INDEX "CaseAttachment_caseId_idx" ON "CaseAttachment"("caseId");
CREATE TABLE "new_Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "caseId" INTEGER,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "notBefore" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "sentAt" DATETIME,
    "messageId" BIGINT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notification_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("attempts", "claimedBy", "createdAt", "id", "key", "kind", "lastError", "leaseUntil", "messageId", "notBefore", "payload", "schoolId", "sentAt", "status", "urgent", "userId") SELECT "attempts", "claimedBy", "createdAt", "id", "key", "kind", "lastError", "leaseUntil", "messageId", "notBefore", "payload", "schoolId", "sentAt", "status", "urgent", "userId" FROM "Notification";
-- The case a row is about: the key's second part, when that is a case of the row's school.
UPDATE "new_Notification" SET "caseId" = (
  SELECT c."id" FROM "Case" c
  WHERE c."id" = CAST("part" AS INTEGER) AND CAST(c."id" AS TEXT) = "part" AND c."schoolId" = "new_Notification"."schoolId"
) FROM (
  SELECT n2."id" AS "rowId", substr(rest, 1, instr(rest, ':') - 1) AS "part"
  FROM (SELECT "id", substr("key", instr("key", ':') + 1) AS rest FROM "new_Notification") n2
  WHERE instr(rest, ':') > 1
) k
WHERE k."rowId" = "new_Notification"."id";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");
CREATE INDEX "Notification_status_notBefore_idx" ON "Notification"("status", "notBefore");
CREATE INDEX "Notification_userId_status_idx" ON "Notification"("userId", "status");
CREATE INDEX "Notification_status_sentAt_idx" ON "Notification"("status", "sentAt");
CREATE INDEX "Notification_caseId_idx" ON "Notification"("caseId");
CREATE TABLE "new_Snooze" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    CONSTRAINT "Snooze_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Snooze_caseId_schoolId_fkey" FOREIGN KEY ("caseId", "schoolId") REFERENCES "Case" ("id", "schoolId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Snooze" ("caseId", "id", "schoolId", "stepId", "until", "userId") SELECT sz."caseId", sz."id", c."schoolId", sz."stepId", sz."until", sz."userId" FROM "Snooze" sz JOIN "Case" c ON c."id" = sz."caseId";
DROP TABLE "Snooze";
ALTER TABLE "new_Snooze" RENAME TO "Snooze";
CREATE INDEX "Snooze_caseId_idx" ON "Snooze"("caseId");
CREATE UNIQUE INDEX "Snooze_userId_caseId_stepId_key" ON "Snooze"("userId", "caseId", "stepId");
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "telegramId" BIGINT NOT NULL,
    "chatId" BIGINT,
    "language" TEXT,
    "fullName" TEXT NOT NULL DEFAULT '',
    "phone" TEXT,
    "activeSchoolId" INTEGER,
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "reminderStartHour" INTEGER,
    "reminderEndHour" INTEGER,
    "mutedFrom" TEXT,
    "mutedUntil" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_activeSchoolId_fkey" FOREIGN KEY ("activeSchoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("activeSchoolId", "chatId", "createdAt", "fullName", "id", "language", "mutedFrom", "mutedUntil", "phone", "reachable", "reminderEndHour", "reminderStartHour", "telegramId") SELECT "activeSchoolId", "chatId", "createdAt", "fullName", "id", "language", "mutedFrom", "mutedUntil", "phone", "reachable", "reminderEndHour", "reminderStartHour", "telegramId" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_telegramId_key" ON "User"("telegramId");
CREATE TABLE "new_Member" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "upbringingDeputy" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Member_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Member_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Member" ("active", "createdAt", "id", "schoolId", "upbringingDeputy", "userId") SELECT "active", "createdAt", "id", "schoolId", "upbringingDeputy", "userId" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_userId_idx" ON "Member"("userId");
CREATE UNIQUE INDEX "Member_schoolId_userId_key" ON "Member"("schoolId", "userId");
CREATE UNIQUE INDEX "Member_id_schoolId_key" ON "Member"("id", "schoolId");
CREATE TABLE "new_Student" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "classId" INTEGER NOT NULL,
    "fullName" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "birthDate" TEXT,
    "leftOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Student_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Student_classId_fkey" FOREIGN KEY ("classId") REFERENCES "SchoolClass" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_Student" ("birthDate", "classId", "createdAt", "fullName", "id", "leftOn", "schoolId", "searchName") SELECT "birthDate", "classId", "createdAt", "fullName", "id", "leftOn", "schoolId", "searchName" FROM "Student";
DROP TABLE "Student";
ALTER TABLE "new_Student" RENAME TO "Student";
CREATE INDEX "Student_schoolId_searchName_idx" ON "Student"("schoolId", "searchName");
CREATE INDEX "Student_classId_idx" ON "Student"("classId");
CREATE UNIQUE INDEX "Student_id_schoolId_key" ON "Student"("id", "schoolId");
CREATE TABLE "new_Invite" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolId" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "classLabel" TEXT,
    "createdBy" INTEGER,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" INTEGER,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invite_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invite_createdBy_fkey" FOREIGN KEY ("createdBy") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Invite_usedBy_fkey" FOREIGN KEY ("usedBy") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Invite" ("classLabel", "createdAt", "createdBy", "expiresAt", "id", "revokedAt", "roles", "schoolId", "token", "usedAt", "usedBy") SELECT "classLabel", "createdAt", "createdBy", "expiresAt", "id", "revokedAt", "roles", "schoolId", "token", "usedAt", "usedBy" FROM "Invite";
DROP TABLE "Invite";
ALTER TABLE "new_Invite" RENAME TO "Invite";
CREATE UNIQUE INDEX "Invite_token_key" ON "Invite"("token");
CREATE INDEX "Invite_schoolId_idx" ON "Invite"("schoolId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MemberRole_schoolId_role_idx" ON "MemberRole"("schoolId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolClass_id_schoolId_key" ON "SchoolClass"("id", "schoolId");

