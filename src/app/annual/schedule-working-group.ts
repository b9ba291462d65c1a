import { recordAudit } from "../../repositories/audit-repository.js";
import { createMeetingRepository, type MeetingRecord, type Participant } from "../../repositories/meeting-repository.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { meetingInvitations } from "../meetings/meeting-invitations.js";
import { whenParam } from "../notices/when-param.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";
import { momentInstant, type LocalMoment } from "../meetings/propose-meeting.js";

export const WORKING_GROUP_TITLE_MAX = 200;

/** Class teachers who can be invited through the bot (they have a chat with it). */
export async function invitableTeachers(deps: CaseServiceDeps, actor: Actor): Promise<Participant[]> {
  const { schoolId } = await requireRole(deps, actor, "scheduleWorkingGroup", "workingGroup");
  const staff = await createMeetingRepository(deps.db).staff(schoolId, ["teacher"]);
  return staff.filter((p) => p.memberId !== actor.memberId);
}

export interface ScheduleWorkingGroupOptions {
  actor: Actor;
  title: string;
  at: LocalMoment;
  inviteeMemberIds: readonly number[];
}

/** III.2: a deputy schedules a working group; the meeting reminders job reminds everyone who did not decline. */
export async function scheduleWorkingGroup(deps: CaseServiceDeps, options: ScheduleWorkingGroupOptions): Promise<MeetingRecord> {
  const { actor } = options;
  const { schoolId, memberId } = await requireRole(deps, actor, "scheduleWorkingGroup", "workingGroup");
  const title = options.title.trim();
  if (!title || title.length > WORKING_GROUP_TITLE_MAX) throw new AppError("invalidInput", "bad working group title");
  const settings = await createSchoolRepository(deps.db).calendarSettings(schoolId);
  if (!settings) throw new AppError("notFound", `no school ${schoolId}`);
  const at = deps.now();
  const startsAt = momentInstant(options.at, settings.timezone);
  if (startsAt <= at) throw new AppError("invalidInput", "a meeting in the past");
  const allowed = new Set((await invitableTeachers(deps, actor)).map((p) => p.memberId));
  const invitees = [...new Set(options.inviteeMemberIds)];
  if (invitees.length === 0 || invitees.some((id) => !allowed.has(id)))
    throw new AppError("invalidInput", "invitees must be the school's teachers");

  const meetings = createMeetingRepository(deps.db);
  const staff = await createDeputyRepository(deps.db).staff(schoolId);
  const line = { key: "workingGroup.invitation", params: { title, when: whenParam(startsAt, settings.timezone), from: actor.fullName } };
  const meetingId = await deps.db.$transaction(async (tx) => {
    const id = await meetings.create(tx, {
      schoolId,
      kind: "workingGroup",
      title,
      startsAt,
      organizerMemberId: memberId,
      inviteeMemberIds: invitees,
    });
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "meeting.proposed",
      subject: `meeting:${id}`,
      detail: { memberId, kind: "workingGroup" },
      at,
    });
    const invited = staff.filter((m) => invitees.includes(m.memberId));
    await addNotifications(tx, meetingInvitations({ schoolId, meetingId: id, invitees: invited, line, at }), at);
    return id;
  });
  return (await meetings.find(schoolId, meetingId))!;
}
