import { recordAudit } from "../../repositories/audit-repository.js";
import { createMeetingRepository, type MeetingRecord } from "../../repositories/meeting-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { noticeRow } from "../notices/notice-row.js";
import { whenParam } from "../notices/when-param.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "../cases/case-service.js";

export interface RespondToMeetingOptions {
  actor: Actor;
  meetingId: number;
  accept: boolean;
}

/** «Подтверждаю» / «Не смогу» from an invitee; only the invitee themself may answer. */
export async function respondToMeeting(
  deps: CaseServiceDeps,
  options: RespondToMeetingOptions,
): Promise<MeetingRecord & { timezone: string }> {
  const { actor, meetingId } = options;
  if (actor.schoolId === undefined || actor.memberId === undefined) throw new AppError("forbidden", "no membership");
  const meetings = createMeetingRepository(deps.db);
  const meeting = await meetings.find(actor.schoolId, meetingId);
  if (!meeting || !meeting.invitees.some((i) => i.memberId === actor.memberId))
    throw new AppError("notFound", `no meeting ${meetingId} for this member`);
  const at = deps.now();
  const timezone = (await createSchoolRepository(deps.db).calendarSettings(meeting.schoolId))?.timezone ?? "Europe/Moscow";
  // The organiser hears the answer, with how many have confirmed so far.
  const invitees = meeting.invitees.map((i) =>
    i.memberId === actor.memberId ? { ...i, status: options.accept ? "confirmed" : "declined" } : i,
  );
  const organizer = meeting.organizer;
  const told =
    organizer.chatId === null || organizer.memberId === actor.memberId
      ? []
      : [
          noticeRow({
            schoolId: meeting.schoolId,
            userId: organizer.userId,
            at,
            payload: {
              lines: [
                {
                  key: options.accept ? "meeting.confirmedBy" : "meeting.declinedBy",
                  params: {
                    name: actor.fullName,
                    when: whenParam(meeting.startsAt, timezone),
                    confirmed: invitees.filter((i) => i.status === "confirmed").length,
                    total: invitees.length,
                  },
                },
              ],
            },
          }),
        ];
  await deps.db.$transaction(async (tx) => {
    await meetings.respond(tx, meetingId, actor.memberId!, options.accept ? "confirmed" : "declined", at);
    await addNotifications(tx, told, at);
    await recordAudit(tx, {
      schoolId: actor.schoolId!,
      actorId: actor.userId ?? null,
      action: options.accept ? "meeting.confirmed" : "meeting.declined",
      subject: `meeting:${meetingId}`,
      detail: { memberId: actor.memberId ?? null },
      at,
    });
  });
  return { ...(await meetings.find(actor.schoolId, meetingId))!, timezone };
}
