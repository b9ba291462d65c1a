import type { TFunction } from "i18next";
import { localDateIn, localTimeIn } from "../../domain/dates.js";
import { meetingWhen } from "../conversations/meeting.js";

export { COUNCIL_DATA } from "../../app/council/council-data.js";

/** «25.11 (ср) в 15:30» on the school's clock. */
export function councilWhen(t: TFunction, iso: string | Date, timezone: string): string {
  const at = new Date(iso);
  const time = localTimeIn(at, timezone);
  return meetingWhen(t, localDateIn(at, timezone), `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`);
}
