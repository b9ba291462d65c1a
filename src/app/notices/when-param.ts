import { localDateIn, localTimeIn, weekday } from "../../domain/dates.js";
import type { NoticeParam } from "../../domain/reminders/notification.js";

/** «25.11 (ср) в 15:30» on the school's clock, as a notice parameter (rendered in the reader's language). */
export function whenParam(at: Date, timeZone: string): NoticeParam {
  const date = localDateIn(at, timeZone);
  const time = localTimeIn(at, timeZone);
  return {
    t: "meeting.when",
    params: {
      date: `${date.slice(8, 10)}.${date.slice(5, 7)}`,
      weekday: { t: `common.weekdays.${weekday(date)}` },
      time: `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`,
    },
  };
}
