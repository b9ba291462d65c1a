import { addDays, isLocalDate, weekday, yearOf, type LocalDate } from "../dates.js";
import { daysOffByLabourCode, statutoryHolidays, type ProductionYear, type WeekLength } from "./production-calendar.js";
import type { SchoolDays } from "./types.js";

export type { WeekLength } from "./production-calendar.js";

/** A school's vacation, both ends inclusive. */
export interface Vacation {
  from: LocalDate;
  to: LocalDate;
}

export interface SchoolCalendarOptions {
  weekLength: WeekLength;
  vacations: readonly Vacation[];
  productionYears: readonly ProductionYear[];
}

/** Every date of one year with its school-day flag, built once per year on first use. */
interface YearTable {
  dates: LocalDate[];
  index: Map<LocalDate, number>;
  school: Uint8Array;
  /** cumulative[i] = school days among dates[0 .. i-1]. */
  cumulative: Uint32Array;
}

/** More consecutive days than this without a school day means the setup is broken (e.g. a vacation of years). */
const MAX_DAYS_WITHOUT_SCHOOL = 2 * 366;

export function createSchoolCalendar(options: SchoolCalendarOptions): SchoolDays {
  const { weekLength } = options;
  const vacations = options.vacations.map((v) => {
    if (!isLocalDate(v.from) || !isLocalDate(v.to) || v.from > v.to) {
      throw new RangeError(`Invalid vacation ${v.from}..${v.to}`);
    }
    return { ...v };
  });
  const production = new Map<number, ProductionYear>();
  for (const year of options.productionYears) {
    if (production.has(year.year)) throw new Error(`Production calendar for ${year.year} given twice`);
    production.set(year.year, year);
  }
  const tables = new Map<number, YearTable>();
  const withoutData = new Set<number>();

  function rules(year: number): { off: Set<LocalDate>; working: Set<LocalDate> } {
    const data = production.get(year);
    if (!data) {
      withoutData.add(year);
      return { off: new Set(daysOffByLabourCode(statutoryHolidays(year), weekLength)), working: new Set() };
    }
    // The decree's transfers are written for the 5-day week; a 6-day school follows the Code only.
    if (weekLength === 6) return { off: new Set(daysOffByLabourCode(data.holidays, 6)), working: new Set() };
    return {
      off: new Set([...data.holidays, ...data.fiveDayWeek.nonWorkingDays]),
      working: new Set(data.fiveDayWeek.workingDays),
    };
  }

  function table(year: number): YearTable {
    const cached = tables.get(year);
    if (cached) return cached;
    const { off, working } = rules(year);
    const first = `${year}-01-01`;
    const yearVacations = vacations.filter((v) => v.from <= `${year}-12-31` && v.to >= first);
    const dates: LocalDate[] = [];
    for (let d = first; yearOf(d) === year; d = addDays(d, 1)) dates.push(d);
    const school = new Uint8Array(dates.length);
    const cumulative = new Uint32Array(dates.length + 1);
    let day = weekday(first);
    dates.forEach((date, i) => {
      const weekend = day === 0 || (weekLength === 5 && day === 6);
      const isSchool = !off.has(date) && (!weekend || working.has(date)) && !yearVacations.some((v) => v.from <= date && date <= v.to);
      school[i] = isSchool ? 1 : 0;
      cumulative[i + 1] = cumulative[i]! + school[i]!;
      day = (day + 1) % 7;
    });
    const built = { dates, index: new Map(dates.map((d, i) => [d, i])), school, cumulative };
    tables.set(year, built);
    return built;
  }

  function locate(date: LocalDate): { year: number; t: YearTable; i: number } {
    const year = yearOf(date);
    const t = table(year);
    const i = t.index.get(date);
    if (i === undefined) throw new RangeError(`Not a calendar date: ${date}`);
    return { year, t, i };
  }

  // Deadlines of many cases share a few anchor dates: each answer is computed once.
  const nthAfterMemo = new Map<string, LocalDate>();

  /** The nth (n >= 1) school day strictly after `date`. */
  function nthAfter(date: LocalDate, n: number): LocalDate {
    const key = `${date}|${n}`;
    let result = nthAfterMemo.get(key);
    if (result === undefined) {
      result = walkSchoolDays(date, n);
      nthAfterMemo.set(key, result);
    }
    return result;
  }

  function walkSchoolDays(date: LocalDate, n: number): LocalDate {
    let { year, t, i } = locate(date);
    let idle = 0;
    for (;;) {
      i++;
      if (i === t.dates.length) {
        year++;
        t = table(year);
        i = 0;
      }
      if (t.school[i]) {
        idle = 0;
        if (--n === 0) return t.dates[i]!;
      } else if (++idle > MAX_DAYS_WITHOUT_SCHOOL) {
        throw new Error(`No school day for ${MAX_DAYS_WITHOUT_SCHOOL} days after ${date}; check the vacations`);
      }
    }
  }

  /** School days in [year-01-01, date]. */
  function schoolDaysUpTo(t: YearTable, i: number): number {
    return t.cumulative[i + 1]!;
  }

  const calendar: SchoolDays = {
    isSchoolDay(date) {
      const { t, i } = locate(date);
      return t.school[i] === 1;
    },
    nextSchoolDayOnOrAfter(date) {
      return calendar.isSchoolDay(date) ? date : nthAfter(date, 1);
    },
    addSchoolDays(date, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`addSchoolDays: n must be a whole number >= 0, got ${n}`);
      return n === 0 ? calendar.nextSchoolDayOnOrAfter(date) : nthAfter(date, n);
    },
    schoolDaysBetween(from, to) {
      const a = locate(from);
      const b = locate(to);
      if (to <= from) return 0;
      let count = schoolDaysUpTo(b.t, b.i) - schoolDaysUpTo(a.t, a.i);
      for (let year = a.year; year < b.year; year++) count += table(year).cumulative.at(-1)!;
      return count;
    },
    yearsWithoutData() {
      return [...withoutData].sort((x, y) => x - y);
    },
  };
  return calendar;
}
