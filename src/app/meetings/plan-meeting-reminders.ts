import { localDateIn } from "../../domain/dates.js";
import { localClock } from "../../domain/reminders/local-time.js";
import type { MeetingReminderPayload, PlannedNotification, SubjectLabel } from "../../domain/reminders/notification.js";
import { subjectLabel } from "../../domain/reminders/subject-label.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createMeetingRepository, type MeetingRecord } from "../../repositories/meeting-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { CaseServiceDeps } from "../cases/case-service.js";

const HOUR = 3_600_000;

/**
 * Outbox rows for everyone in a meeting (the organiser and the invitees who did not decline):
 * a reminder the day before (24 hours ahead) and an hour before. Keys are unique per person,
 * meeting and kind, so every run may plan them again; a reminder whose moment has passed is
 * not planned any more (the day-before one gives way to the hour-before one).
 */
export async function planMeetingReminders(deps: CaseServiceDeps): Promise<number> {
  const now = deps.now();
  const meetings = await createMeetingRepository(deps.db).startingBetween(now, new Date(now.getTime() + 25 * HOUR));
  const schools = createSchoolRepository(deps.db);
  const rows: PlannedNotification[] = [];
  for (const meeting of meetings) {
    const settings = await schools.calendarSettings(meeting.schoolId);
    if (!settings) continue;
    const clock = localClock(meeting.startsAt, settings.timezone);
    const base: MeetingReminderPayload = {
      meetingId: meeting.id,
      meetingKind: meeting.kind,
      date: clock.date,
      time: `${String(clock.hour).padStart(2, "0")}:${String(clock.minute).padStart(2, "0")}`,
      ...(meeting.title ? { title: meeting.title } : {}),
      ...(meeting.caseId ? { caseId: meeting.caseId, subject: await caseSubject(deps, meeting) } : {}),
    };
    const reminders = [
      {
        kind: "meetingDayBefore" as const,
        at: new Date(meeting.startsAt.getTime() - 24 * HOUR),
        until: new Date(meeting.startsAt.getTime() - 3 * HOUR),
      },
      { kind: "meetingHourBefore" as const, at: new Date(meeting.startsAt.getTime() - HOUR), until: meeting.startsAt },
    ];
    const people = [meeting.organizer, ...meeting.invitees.filter((i) => i.status !== "declined")];
    for (const reminder of reminders) {
      if (now >= reminder.until) continue;
      for (const person of people) {
        rows.push({
          key: `${person.userId}:m${meeting.id}:meeting:${reminder.kind}:${localDateIn(meeting.startsAt, settings.timezone)}`,
          schoolId: meeting.schoolId,
          userId: person.userId,
          kind: reminder.kind,
          urgent: false,
          notBefore: reminder.at,
          payload: base,
        });
      }
    }
  }
  return rows.length > 0 ? createOutboxRepository(deps.db).ensure(rows, { at: now }) : 0;
}

async function caseSubject(deps: CaseServiceDeps, meeting: MeetingRecord): Promise<SubjectLabel> {
  const stored = await createCaseRepository(deps.db).findById(meeting.schoolId, String(meeting.caseId));
  if (!stored || stored.studentId === null) return {};
  const student = await createSchoolRepository(deps.db).findStudent(meeting.schoolId, stored.studentId);
  return subjectLabel(student?.fullName, student?.classLabel, false);
}
