import type { LocalDate } from "../dates.js";

/** A school's calendar as the rest of the domain sees it. */
export interface SchoolDays {
  /** Not the school's weekend, not a non-working day of the production calendar, not a vacation. */
  isSchoolDay(date: LocalDate): boolean;
  /** `date` itself when it is a school day, otherwise the first school day after it. */
  nextSchoolDayOnOrAfter(date: LocalDate): LocalDate;
  /** The Nth school day strictly after `date` (n >= 1); n = 0 is nextSchoolDayOnOrAfter(date). */
  addSchoolDays(date: LocalDate, n: number): LocalDate;
  /** How many school days lie in (from, to]; 0 when to <= from. */
  schoolDaysBetween(from: LocalDate, to: LocalDate): number;
  /** Years touched by computations that had no production-calendar data (statutory rules used). */
  yearsWithoutData(): readonly number[];
}
