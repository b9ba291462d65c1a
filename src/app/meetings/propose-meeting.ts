import { isLocalDate, type LocalDate } from "../../domain/dates.js";
import { instantAt } from "../../domain/reminders/local-time.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { createMeetingRepository, type MeetingRecord } from "../../repositories/meeting-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { subjectLabel } from "../../domain/people/names.js";
import { deputyOfCase, findCaseDeputy } from "../cases/case-deputy.js";
import { whenParam } from "../notices/when-param.js";
import { meetingInvitations } from "./meeting-invitations.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";
import { requireDifficultyCase } from "../difficulty/difficulty-case.js";

export interface LocalMoment {
  date: LocalDate;
  hour: number;
  minute: number;
}

/** «25.11 15:30» (or «25.11.2026 15:30»): the next such date on or after `today`. */
export function parseMoment(text: string, today: LocalDate): LocalMoment | undefined {
  const match = /^\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\s+(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!match) return undefined;
  const [, d, m, y, hh, mm] = match;
  const hour = Number(hh);
  const minute = Number(mm);
  if (hour > 23 || minute > 59) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  const yearOf = (year: number) => `${year}-${pad(Number(m))}-${pad(Number(d))}`;
  let year = y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : Number(today.slice(0, 4));
  let date = yearOf(year);
  if (!y && date < today) date = yearOf(++year);
  if (!isLocalDate(date)) return undefined;
  return { date, hour, minute };
}

export function momentInstant(moment: LocalMoment, timeZone: string): Date {
  return new Date(instantAt(moment.date, moment.hour, timeZone).getTime() + moment.minute * 60_000);
}

export interface ProposeMeetingOptions {
  actor: Actor;
  caseId: string;
  at: LocalMoment;
  /** Others the teacher invites (subject teachers, specialists); the case's deputy always is. */
  inviteeMemberIds: readonly number[];
}

/**
 * Whom the meeting of a case may invite: the case's deputy first (always invited), then
 * the school's other staff. Only for someone who may work on the case.
 */
export async function meetingInvitees(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string },
): Promise<{ memberId: number; fullName: string; fixed: boolean }[]> {
  const { stored, regulation } = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  const staff = await createMeetingRepository(deps.db).staff(stored.schoolId, ["deputy", "specialist", "teacher", "director"]);
  const others = staff
    .filter((p) => p.memberId !== options.actor.memberId && p.memberId !== deputy?.memberId)
    .map((p) => ({ memberId: p.memberId, fullName: p.fullName, fixed: false }));
  return [...(deputy ? [{ memberId: deputy.memberId, fullName: deputy.fullName, fixed: true }] : []), ...others];
}

/** II.3: the teacher proposes a meeting with the student and the parents; invitees answer in the bot. */
export async function proposeMeeting(deps: CaseServiceDeps, options: ProposeMeetingOptions): Promise<MeetingRecord> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  const { stored, settings, at, regulation } = loaded;
  const startsAt = momentInstant(options.at, settings.timezone);
  if (startsAt <= at) throw new AppError("invalidInput", "a meeting in the past");
  const schools = createSchoolRepository(deps.db);
  const invitees = new Set<number>();
  const staff = await createDeputyRepository(deps.db).staff(stored.schoolId);
  const deputy = deputyOfCase(staff, stored, regulation);
  if (deputy) invitees.add(deputy.memberId);
  for (const memberId of options.inviteeMemberIds) {
    const member = await schools.findMember(stored.schoolId, memberId);
    if (!member?.active) throw new AppError("notFound", `no member ${memberId}`);
    invitees.add(memberId);
  }
  invitees.delete(stored.teacherMemberId);
  const meetings = createMeetingRepository(deps.db);
  const student = stored.studentId !== null ? await schools.findStudent(stored.schoolId, stored.studentId) : undefined;
  const line = {
    key: "meeting.invitation",
    params: {
      when: whenParam(startsAt, settings.timezone),
      subject: subjectLabel(student?.fullName, student?.classLabel ?? stored.state.classLabel),
      teacher: options.actor.fullName,
    },
  };
  const meetingId = await deps.db.$transaction(async (tx) => {
    const id = await meetings.create(tx, {
      schoolId: stored.schoolId,
      kind: "parents",
      caseId: Number(stored.state.id),
      title: "",
      startsAt,
      organizerMemberId: options.actor.memberId!,
      inviteeMemberIds: [...invitees],
    });
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "meeting.proposed",
      subject: `case:${stored.state.id}`,
      detail: { memberId: options.actor.memberId ?? null, meetingId: id },
      at,
    });
    const invited = staff.filter((m) => invitees.has(m.memberId));
    await addNotifications(tx, meetingInvitations({ schoolId: stored.schoolId, meetingId: id, invitees: invited, line, at }), at);
    return id;
  });
  return (await meetings.find(stored.schoolId, meetingId))!;
}
