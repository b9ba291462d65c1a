-- CreateIndex
CREATE INDEX "Member_userId_idx" ON "Member"("userId");

-- CreateIndex
CREATE INDEX "SchoolClass_teacherId_idx" ON "SchoolClass"("teacherId");

-- CreateIndex
CREATE INDEX "Student_classId_idx" ON "Student"("classId");

-- CreateIndex
CREATE INDEX "MeetingInvitee_memberId_idx" ON "MeetingInvitee"("memberId");

-- CreateIndex
CREATE INDEX "CouncilRequest_studentId_idx" ON "CouncilRequest"("studentId");
