import { addDays, type LocalDate } from "../dates.js";
import type { SchoolDays } from "./types.js";

/** Criterion No. 22: absence for MORE than this many school days in a row. */
export const CRITERION_22_SCHOOL_DAYS = 10;

export interface Criterion22Input {
  calendar: SchoolDays;
  /** The first day of absence; when it is not a school day, counting starts at the next school day. */
  firstAbsenceDay: LocalDate;
  today: LocalDate;
}

export interface Criterion22Result {
  /** The school day on which the absence exceeds the threshold (the 11th school day of absence). */
  metOn: LocalDate;
  /** School days in [firstAbsenceDay, today]; 0 when today is before the first absence. */
  schoolDaysSoFar: number;
  met: boolean;
}

export function criterion22({ calendar, firstAbsenceDay, today }: Criterion22Input): Criterion22Result {
  const firstSchoolDay = calendar.nextSchoolDayOnOrAfter(firstAbsenceDay);
  const metOn = calendar.addSchoolDays(firstSchoolDay, CRITERION_22_SCHOOL_DAYS);
  const schoolDaysSoFar = calendar.schoolDaysBetween(addDays(firstAbsenceDay, -1), today);
  return { metOn, schoolDaysSoFar, met: schoolDaysSoFar > CRITERION_22_SCHOOL_DAYS };
}
