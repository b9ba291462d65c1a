import type { TFunction } from "i18next";
import { weekday } from "../../domain/dates.js";
import type { OutboxItem } from "../../domain/reminders/group-messages.js";
import type { MeetingReminderPayload } from "../../domain/reminders/notification.js";

export function isMeetingReminderKind(kind: string): boolean {
  return kind === "meetingDayBefore" || kind === "meetingHourBefore";
}

/** «⏰ Завтра, 25.11 (ср) в 15:30 — встреча с учеником и родителями», then the student as «Иванов П., 7Б». */
export function composeMeetingReminder(
  t: TFunction,
  item: OutboxItem,
): { text: string; replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] } } {
  const p = item.payload as MeetingReminderPayload;
  const when = t(item.kind === "meetingDayBefore" ? "meeting.reminder.tomorrow" : "meeting.reminder.inAnHour", {
    date: `${p.date.slice(8, 10)}.${p.date.slice(5, 7)}`,
    weekday: t(`common.weekdays.${weekday(p.date)}`),
    time: p.time,
  });
  const what = p.meetingKind === "workingGroup" ? t("meeting.kinds.workingGroup", { title: p.title ?? "" }) : t("meeting.kinds.parents");
  const subject = [p.subject?.name, p.subject?.classLabel].filter(Boolean).join(", ");
  const lines = [`⏰ ${when} — ${what}`, ...(subject ? [subject] : [])];
  return {
    text: lines.join("\n"),
    ...(p.caseId ? { replyMarkup: { inline_keyboard: [[{ text: t("meeting.openCase"), callback_data: `rm:o:${p.caseId}` }]] } } : {}),
  };
}
