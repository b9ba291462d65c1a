import type { LocalDate } from "../dates.js";

/** What a school's wall clock shows at an instant. */
export interface LocalClock {
  date: LocalDate;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localClock(instant: Date, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Minutes the zone is ahead of UTC at `utcMs`. */
function offsetMinutes(utcMs: number, timeZone: string): number {
  const c = localClock(new Date(utcMs), timeZone);
  const wall = Date.UTC(Number(c.date.slice(0, 4)), Number(c.date.slice(5, 7)) - 1, Number(c.date.slice(8, 10)), c.hour, c.minute);
  return Math.round((wall - Math.floor(utcMs / 60_000) * 60_000) / 60_000);
}

/** The instant the zone's wall clock shows `date` at `hour`:00. */
export function instantAt(date: LocalDate, hour: number, timeZone: string): Date {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour);
  let utc = wall - offsetMinutes(wall, timeZone) * 60_000;
  // Across a daylight-saving change the first guess can be an hour off; one correction settles it.
  const corrected = wall - offsetMinutes(utc, timeZone) * 60_000;
  if (corrected !== utc) utc = corrected;
  return new Date(utc);
}
