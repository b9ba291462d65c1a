-- CreateTable
CREATE TABLE "SosAlert" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "teacherMemberId" INTEGER NOT NULL,
    "studentId" INTEGER,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rounds" INTEGER NOT NULL DEFAULT 0,
    "lastSentAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" INTEGER,

    CONSTRAINT "SosAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMeasure" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "withWhom" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "form" TEXT,
    "memberId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" INTEGER,
    "classId" INTEGER,
    "title" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "organizerMemberId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'proposed',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingInvitee" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "respondedAt" TIMESTAMP(3),

    CONSTRAINT "MeetingInvitee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolEvent" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '',
    "answerBy" TEXT,
    "createdBy" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolEventClass" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "classId" INTEGER NOT NULL,
    "answer" TEXT,
    "declined" BOOLEAN NOT NULL DEFAULT false,
    "answeredAt" TIMESTAMP(3),
    "answeredBy" INTEGER,

    CONSTRAINT "SchoolEventClass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouncilRequest" (
    "id" SERIAL NOT NULL,
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
    "agreedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CouncilRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SosAlert_schoolId_acknowledgedAt_idx" ON "SosAlert"("schoolId", "acknowledgedAt");

-- CreateIndex
CREATE INDEX "CaseMeasure_caseId_idx" ON "CaseMeasure"("caseId");

-- CreateIndex
CREATE INDEX "Meeting_schoolId_startsAt_idx" ON "Meeting"("schoolId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingInvitee_meetingId_memberId_key" ON "MeetingInvitee"("meetingId", "memberId");

-- CreateIndex
CREATE INDEX "SchoolEvent_schoolId_idx" ON "SchoolEvent"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolEventClass_eventId_classId_key" ON "SchoolEventClass"("eventId", "classId");

-- CreateIndex
CREATE INDEX "CouncilRequest_schoolId_status_idx" ON "CouncilRequest"("schoolId", "status");

