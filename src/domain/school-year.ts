import { addDays, type LocalDate } from "./dates.js";

/*
 * The Russian school year runs from 1 September to 31 August: August still belongs to the year
 * before. Annual tasks and the retention of leavers' data are counted in school years.
 */

/** The first day of the school year `date` falls in. */
export function schoolYearStart(date: LocalDate): LocalDate {
  const year = Number(date.slice(0, 4));
  return `${Number(date.slice(5, 7)) >= 9 ? year : year - 1}-09-01`;
}

/** The last day (31 August) of the school year `date` falls in. */
export function schoolYearEnd(date: LocalDate): LocalDate {
  return `${Number(schoolYearStart(date).slice(0, 4)) + 1}-08-31`;
}

/** The first day a leaver's data may be erased: the day after the end of the school year they left in. */
export function leaverErasableFrom(leftOn: LocalDate): LocalDate {
  return addDays(schoolYearEnd(leftOn), 1);
}

/** Students who left on or before this date are past retention on `today`: the last 31 August before it. */
export function leaversErasableOnOrBefore(today: LocalDate): LocalDate {
  return addDays(schoolYearStart(today), -1);
}
