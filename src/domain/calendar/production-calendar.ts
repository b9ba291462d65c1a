import { z } from "zod";
import { addDays, isLocalDate, weekday, yearOf, type LocalDate } from "../dates.js";

/** Working days in a school's week: 5 (weekend Sat+Sun) or 6 (weekend Sunday). */
export type WeekLength = 5 | 6;

export const PRODUCTION_YEAR_STATUSES = ["official", "provisional"] as const;

const localDate = z.string().refine(isLocalDate, "not a real date (YYYY-MM-DD)");

/** One year of the Russian production calendar; the file format is described in calendar/README.md. */
export const productionYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    status: z.enum(PRODUCTION_YEAR_STATUSES),
    source: z.string().trim().min(1),
    note: z.string().optional(),
    holidays: z.array(localDate),
    fiveDayWeek: z
      .object({
        nonWorkingDays: z.array(localDate),
        workingDays: z.array(localDate),
      })
      .strict(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const check = (dates: readonly LocalDate[], path: (string | number)[], rule?: (d: LocalDate) => string | undefined) => {
      const seen = new Set<LocalDate>();
      dates.forEach((date, i) => {
        if (!isLocalDate(date)) return; // already reported by the element schema
        const problem =
          yearOf(date) !== value.year ? `not a date of ${value.year}` : seen.has(date) ? `${date} is listed twice` : rule?.(date);
        if (problem) ctx.addIssue({ code: "custom", path: [...path, i], message: problem });
        seen.add(date);
      });
    };
    const holidays = new Set(value.holidays);
    check(value.holidays, ["holidays"]);
    check(value.fiveDayWeek.nonWorkingDays, ["fiveDayWeek", "nonWorkingDays"], (date) =>
      isWeekend(date, 5) ? `${date} is a Saturday or Sunday, not a weekday (Mon–Fri)` : undefined,
    );
    check(value.fiveDayWeek.workingDays, ["fiveDayWeek", "workingDays"], (date) =>
      !isWeekend(date, 5)
        ? `${date} is not a Saturday or Sunday`
        : holidays.has(date)
          ? `${date} is a holiday and cannot be a working day`
          : undefined,
    );
  });

export type ProductionYear = z.infer<typeof productionYearSchema>;

export function isWeekend(date: LocalDate, weekLength: WeekLength): boolean {
  const day = weekday(date);
  return day === 0 || (weekLength === 5 && day === 6);
}

/** The non-working holidays of Labour Code art. 112 in `year`, whatever their weekday. */
export function statutoryHolidays(year: number): LocalDate[] {
  const pad = (n: number) => String(n).padStart(2, "0");
  const monthDays: [number, number][] = [
    [1, 1],
    [1, 2],
    [1, 3],
    [1, 4],
    [1, 5],
    [1, 6],
    [1, 7],
    [1, 8],
    [2, 23],
    [3, 8],
    [5, 1],
    [5, 9],
    [6, 12],
    [11, 4],
  ];
  return monthDays.map(([m, d]) => `${year}-${pad(m)}-${pad(d)}`);
}

/**
 * The holidays plus the days off the Code moves: a holiday on a weekend day gives the next working
 * day off, except the January holidays (their moves are left to the government's decree).
 */
export function daysOffByLabourCode(holidays: readonly LocalDate[], weekLength: WeekLength): LocalDate[] {
  const off = new Set(holidays);
  for (const holiday of [...holidays].sort()) {
    if (!isWeekend(holiday, weekLength) || holiday.slice(5, 7) === "01") continue;
    let day = addDays(holiday, 1);
    while (isWeekend(day, weekLength) || off.has(day)) day = addDays(day, 1);
    off.add(day);
  }
  return [...off].sort();
}
