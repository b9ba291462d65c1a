import { addDays, type LocalDate } from "../dates.js";
import { CRITERION_22_SCHOOL_DAYS, criterion22 } from "../calendar/criterion22.js";
import type { SchoolDays } from "../calendar/types.js";

/*
 * Early warning (issue 15): the run of consecutive school days a student has been absent without
 * a valid reason, counted on the school's own calendar — the one criterion 22 counts on, so the
 * two never disagree. Pure: marks in, a run out.
 */

/** The regulation the early warning leads to: criterion 22's. */
export const ABSENCE_REGULATION_ID = "absence-criterion-22";

/** A run this long warns the class teacher: the default of the school's setting (`attendanceWarnDays`). */
export const EARLY_WARNING_SCHOOL_DAYS = 5;

/** What a journal's mark means for the counter (a school maps its own marks onto these). */
export type AttendanceMark = "unexcused" | "excused" | "present";

export interface AbsenceRun {
  /** School days absent without a valid reason, in a row, up to the last day with data. */
  days: number;
  /** The first and the last of those days; absent when `days` is 0. */
  firstDay?: LocalDate;
  lastDay?: LocalDate;
  /** School days inside the run with no mark at all: they neither break nor count. */
  daysWithoutData: number;
}

/**
 * The current run on `today`: walking back over the school days with a mark, unexcused marks
 * count; an excused absence or a presence ends it. A school day with no mark is passed over (the
 * export is late, or the day was not marked): it neither breaks the run nor counts. Marks on days
 * that are not school days (a weekend, a holiday, a vacation) and after `today` are ignored.
 */
export function currentAbsenceRun(calendar: SchoolDays, marks: ReadonlyMap<LocalDate, AttendanceMark>, today: LocalDate): AbsenceRun {
  const dated = [...marks.keys()].filter((date) => date <= today && calendar.isSchoolDay(date)).sort();
  let days = 0;
  let firstDay: LocalDate | undefined;
  let lastDay: LocalDate | undefined;
  for (let i = dated.length - 1; i >= 0; i--) {
    const date = dated[i]!;
    if (marks.get(date) !== "unexcused") break;
    days++;
    firstDay = date;
    lastDay ??= date;
  }
  if (!firstDay || !lastDay) return { days: 0, daysWithoutData: 0 };
  const span = calendar.schoolDaysBetween(addDays(firstDay, -1), lastDay);
  return { days, firstDay, lastDay, daysWithoutData: span - days };
}

/**
 * School days left before criterion 22 fires for a run: it fires on the 11th school day absent
 * (more than 10), so a run of 5 days has 6 left. 0 once it has fired.
 */
export function schoolDaysUntilCriterion22(run: Pick<AbsenceRun, "days">): number {
  return Math.max(0, CRITERION_22_SCHOOL_DAYS + 1 - run.days);
}

/**
 * The day criterion 22 fires for a run with no day without data, on the same calendar: the
 * `metOn` of criterion22 from the run's first day. A run with gaps is not the criterion's «в
 * течение более 10 дней подряд» until the gaps are known, so it has none.
 */
export function criterion22Day(calendar: SchoolDays, run: AbsenceRun): LocalDate | undefined {
  if (!run.firstDay || run.daysWithoutData > 0) return undefined;
  return criterion22({ calendar, firstAbsenceDay: run.firstDay, today: run.firstDay }).metOn;
}

/**
 * The day a student came back: the first school day marked present after their last absence
 * without a valid reason, when nothing unexcused came after it. Undefined while the run goes on,
 * and for a student with no such absence.
 */
export function returnedOn(calendar: SchoolDays, marks: ReadonlyMap<LocalDate, AttendanceMark>, today: LocalDate): LocalDate | undefined {
  const dated = [...marks.keys()].filter((date) => date <= today && calendar.isSchoolDay(date)).sort();
  const lastAbsent = dated.findLastIndex((date) => marks.get(date) === "unexcused");
  if (lastAbsent < 0) return undefined;
  return dated.slice(lastAbsent + 1).find((date) => marks.get(date) === "present");
}

/** The school's threshold may be set from 2 to 10 school days: at 11 criterion 22 has fired. */
export const WARN_DAYS_RANGE = { min: 2, max: 10 } as const;

/**
 * The marks with the teacher's «Причина уважительная» applied: from each excused run's first day
 * on, its absences without a valid reason count as excused until the student is next marked
 * present (a new run after that counts again). The journal's own marks are not changed.
 */
export function withExcusedRuns(
  calendar: SchoolDays,
  marks: ReadonlyMap<LocalDate, AttendanceMark>,
  excusedFrom: readonly LocalDate[],
): ReadonlyMap<LocalDate, AttendanceMark> {
  if (excusedFrom.length === 0) return marks;
  const result = new Map(marks);
  const dated = [...marks.keys()].filter((date) => calendar.isSchoolDay(date)).sort();
  for (const from of excusedFrom) {
    for (const date of dated) {
      if (date < from) continue;
      const mark = marks.get(date);
      if (mark === "present") break;
      if (mark === "unexcused") result.set(date, "excused");
    }
  }
  return result;
}
