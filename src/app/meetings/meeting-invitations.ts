import type { NoticeLine, PlannedNotification } from "../../domain/reminders/notification.js";
import type { StaffContact } from "../../repositories/deputy-repository.js";
import { noticeRow } from "../notices/notice-row.js";
import { MEETING_DATA } from "./meeting-data.js";

/** An invitation with «Подтверждаю» / «Не смогу» to each invitee who has opened the bot. */
export function meetingInvitations(options: {
  schoolId: number;
  meetingId: number;
  invitees: readonly StaffContact[];
  line: NoticeLine;
  at: Date;
}): PlannedNotification[] {
  const { schoolId, meetingId, line, at } = options;
  return options.invitees
    .filter((person) => person.chatId !== null)
    .map((person) =>
      noticeRow({
        schoolId,
        userId: person.userId,
        at,
        payload: {
          lines: [line],
          buttons: [
            [
              { label: { key: "meeting.buttons.confirm" }, data: MEETING_DATA.confirm(meetingId) },
              { label: { key: "meeting.buttons.decline" }, data: MEETING_DATA.decline(meetingId) },
            ],
          ],
        },
      }),
    );
}
