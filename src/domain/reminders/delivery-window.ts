import type { SchoolDays } from "../calendar/types.js";
import { instantAt, type LocalClock } from "./local-time.js";

/*
 * When a message may reach a person: on school days, inside the school's working hours narrowed
 * by the person's own reminder hours. Anything that falls outside waits for the next opening;
 * urgent messages go at once.
 */

export interface SchoolHours {
  workStartHour: number;
  workEndHour: number;
  /** The daily digest goes out from this hour (within the working hours). */
  digestHour: number;
}

export interface PersonalHours {
  reminderStartHour: number | null;
  reminderEndHour: number | null;
}

/** Whole hours, [start, end). */
export interface HourWindow {
  start: number;
  end: number;
}

export const DEFAULT_SCHOOL_HOURS: SchoolHours = { workStartHour: 8, workEndHour: 19, digestHour: 8 };

/** The school's hours narrowed by the person's; hours that leave nothing fall back to the school's. */
export function hoursFor(school: SchoolHours, person: PersonalHours): HourWindow {
  const schoolWindow = { start: school.workStartHour, end: school.workEndHour };
  const start = Math.max(schoolWindow.start, person.reminderStartHour ?? schoolWindow.start);
  const end = Math.min(schoolWindow.end, person.reminderEndHour ?? schoolWindow.end);
  return start < end ? { start, end } : schoolWindow;
}

/** The person's hours, opening no earlier than the school's digest hour (when that leaves any). */
export function digestHoursFor(school: SchoolHours, person: PersonalHours): HourWindow {
  const hours = hoursFor(school, person);
  const start = Math.max(hours.start, school.digestHour);
  return start < hours.end ? { start, end: hours.end } : hours;
}

export function isOpen(clock: LocalClock, calendar: SchoolDays, window: HourWindow): boolean {
  return calendar.isSchoolDay(clock.date) && clock.hour >= window.start && clock.hour < window.end;
}

export interface DeliveryTimeInput {
  now: Date;
  clock: LocalClock;
  timeZone: string;
  calendar: SchoolDays;
  window: HourWindow;
  urgent?: boolean;
}

/** Now when the window is open (or the message is urgent), else the next opening. */
export function deliveryTime({ now, clock, timeZone, calendar, window, urgent }: DeliveryTimeInput): Date {
  if (urgent || isOpen(clock, calendar, window)) return now;
  if (calendar.isSchoolDay(clock.date) && clock.hour < window.start) return instantAt(clock.date, window.start, timeZone);
  return instantAt(calendar.addSchoolDays(clock.date, 1), window.start, timeZone);
}
