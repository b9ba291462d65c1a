import type { LocalDate } from "../../domain/dates.js";
import { isLocalDate } from "../../domain/dates.js";
import { isInvitationWay, meetingDateProblem } from "../../domain/people/parent-meetings.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createFamilyRepository } from "../../repositories/family-repository.js";
import { createParentMeetingRepository } from "../../repositories/parent-meeting-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "./case-service.js";

/*
 * Meetings with a student's parents about a case (the absence regulation's step 4, section II.3,
 * the council): who was invited, how and for which day, and whether they came. Each is a fact in
 * the chronology; the audit keeps ids only. Those who may edit the student's record write them.
 */

export async function inviteParent(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; parentId: number; via: string; meetingOn: LocalDate },
): Promise<{ meetingId: number }> {
  const { stored, today, at, actorId } = await loadCaseFor(deps, options.actor, options.caseId, "editStudentRecord");
  if (stored.state.status !== "open") throw new AppError("conflict", `case ${options.caseId} is closed`);
  const via = options.via;
  if (!isInvitationWay(via)) throw new AppError("invalidInput", `bad way ${via}`);
  if (!isLocalDate(options.meetingOn)) throw new AppError("invalidDate", `not a date: ${options.meetingOn}`);
  if (meetingDateProblem(options.meetingOn, today)) throw new AppError("invalidInput", `meeting on ${options.meetingOn}`);
  if (stored.studentId === null) throw new AppError("notFound", `case ${options.caseId} has no student`);
  const parent = (await createFamilyRepository(deps.db).parents(stored.schoolId, stored.studentId)).find((p) => p.id === options.parentId);
  if (!parent) throw new AppError("notFound", `no parent ${options.parentId} of student ${stored.studentId}`);
  const caseId = Number(stored.state.id);
  return deps.db.$transaction(async (tx) => {
    const meetingId = await createParentMeetingRepository(deps.db).add(tx, stored.schoolId, {
      caseId,
      parentId: parent.id,
      parentName: parent.fullName,
      relation: parent.relation,
      invitedVia: via,
      invitedOn: today,
      meetingOn: options.meetingOn,
      invitedBy: Number(actorId),
    });
    await createCaseRepository(deps.db).appendEvents(
      tx,
      stored.schoolId,
      stored.state.id,
      [
        {
          type: "parentInvited",
          on: today,
          actorId,
          data: { parent: parent.fullName, relation: parent.relation, via, meetingOn: options.meetingOn },
        },
      ],
      at,
    );
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "case.parentInvited",
      subject: `case:${caseId}`,
      detail: { parentMeetingId: meetingId },
      at,
    });
    return { meetingId };
  });
}

/** Whether the invited parent came: on the meeting's day or later, once. */
export async function recordParentAttendance(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; meetingId: number; attended: boolean },
): Promise<void> {
  const { stored, today, at, actorId } = await loadCaseFor(deps, options.actor, options.caseId, "editStudentRecord");
  const caseId = Number(stored.state.id);
  const meetings = createParentMeetingRepository(deps.db);
  const meeting = await meetings.find(stored.schoolId, caseId, options.meetingId);
  if (!meeting) throw new AppError("notFound", `no parent meeting ${options.meetingId} in case ${caseId}`);
  if (meeting.meetingOn > today) throw new AppError("conflict", `meeting ${meeting.id} is on ${meeting.meetingOn}`);
  await deps.db.$transaction(async (tx) => {
    if (!(await meetings.recordAttendance(tx, stored.schoolId, caseId, meeting.id, options.attended))) {
      throw new AppError("conflict", `attendance of meeting ${meeting.id} already recorded`);
    }
    await createCaseRepository(deps.db).appendEvents(
      tx,
      stored.schoolId,
      stored.state.id,
      [
        {
          type: "parentAttended",
          on: today,
          actorId,
          data: { parent: meeting.parentName, relation: meeting.relation, meetingOn: meeting.meetingOn, attended: options.attended },
        },
      ],
      at,
    );
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "case.parentAttendance",
      subject: `case:${caseId}`,
      detail: { parentMeetingId: meeting.id, attended: options.attended },
      at,
    });
  });
}
