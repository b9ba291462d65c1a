import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { DEFAULT_CALENDAR_DIR, loadProductionYears, parseProductionYear } from "../../calendar/load-production-calendar.js";
import { applyCalendarYear } from "../../app/admin/production-calendar.js";
import { describeDatabase } from "../../db/database-url.js";
import type { Db } from "../../db/open-database.js";
import { CRITERION_22_SCHOOL_DAYS, criterion22 } from "../../domain/calendar/criterion22.js";
import { isWeekend, statutoryHolidays, type ProductionYear, type WeekLength } from "../../domain/calendar/production-calendar.js";
import { createSchoolCalendar, type Vacation } from "../../domain/calendar/school-calendar.js";
import type { SchoolDays } from "../../domain/calendar/types.js";
import { addDays, isLocalDate, isValidTimeZone, localDateIn, weekday, yearOf, type LocalDate } from "../../domain/dates.js";
import {
  EXIT_ERROR,
  EXIT_OK,
  flag,
  parseDateArg,
  positional,
  stringList,
  stringOption,
  UsageError,
  weekdayName,
  type CliCommand,
  type CliIo,
  type OptionSpec,
  type ParsedArgs,
} from "../command.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { databaseExists, databaseUrlOption, resolveDatabaseUrl, withDatabase } from "../database.js";

const FALLBACK_TIMEZONE = "Europe/Moscow";
/** `calendar next` refuses more than this many school days (about ten school years). */
const MAX_SCHOOL_DAYS = 2000;

const schoolOptions: Record<string, OptionSpec> = {
  week: { type: "string", placeholder: "5|6", description: "working days in the school's week (default 5)" },
  vacation: {
    type: "string",
    multiple: true,
    placeholder: "FROM..TO",
    description: "a vacation, both ends inclusive, e.g. 2025-10-25..2025-11-02",
  },
  school: {
    type: "string",
    placeholder: "ID",
    description: "take week, timezone and vacations of this school from the database (instead of --week/--vacation)",
  },
  "database-url": {
    ...databaseUrlOption,
    description: `${databaseUrlOption.description}; with --school or this flag, calendar years uploaded to the database are used too`,
  },
};

// ---------------------------------------------------------------------------------------------
// School settings and production years

interface CalendarSetup {
  calendar: SchoolDays;
  weekLength: WeekLength;
  vacations: Vacation[];
  timezone: string;
  /** The production years in effect: the built-in files, overridden by the database's uploads. */
  years: Map<number, ProductionYear>;
}

function parseWeek(text: string): WeekLength {
  if (text.trim() === "5") return 5;
  if (text.trim() === "6") return 6;
  throw new UsageError(`--week must be 5 or 6, got "${text}"`);
}

function parseVacation(text: string): Vacation {
  const [fromText, toText, ...rest] = text.split("..");
  if (fromText === undefined || rest.length > 0) {
    throw new UsageError(`--vacation "${text}" must look like 2025-10-25..2025-11-02`);
  }
  const from = parseDateArg(fromText, "--vacation start");
  const to = toText === undefined ? from : parseDateArg(toText, "--vacation end");
  if (to < from) throw new UsageError(`--vacation "${text}" ends before it starts`);
  return { from, to };
}

function parseSchoolId(text: string): number {
  if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < 1) {
    throw new UsageError(`--school must be a school id (a positive whole number), got "${text}"`);
  }
  return Number(text);
}

function defaultTimezone(io: CliIo): string {
  const configured = io.env.DEFAULT_TIMEZONE?.trim();
  if (!configured) return FALLBACK_TIMEZONE;
  if (!isValidTimeZone(configured)) throw new Error(`DEFAULT_TIMEZONE "${configured}" is not a known IANA timezone (e.g. Europe/Moscow)`);
  return configured;
}

function calendarDir(io: CliIo): string {
  return io.env.CALENDAR_DIR?.trim() || DEFAULT_CALENDAR_DIR;
}

interface Upload {
  year: number;
  updatedAt: Date;
  data?: ProductionYear;
  /** Why the stored row cannot be used. */
  problem?: string;
}

async function readUploads(prisma: Db): Promise<Upload[]> {
  const rows = await createSchoolRepository(prisma).productionYearRows();
  return rows.map((row) => {
    const name = `database ProductionYear ${row.year}`;
    try {
      let json: unknown;
      try {
        json = JSON.parse(row.data);
      } catch (error) {
        throw new Error(`${name}: invalid JSON: ${(error as Error).message}`);
      }
      const data = parseProductionYear(json, name);
      if (data.year !== row.year) throw new Error(`${name}: year: ${data.year} does not match the row's year`);
      return { year: row.year, updatedAt: row.updatedAt, data };
    } catch (error) {
      return { year: row.year, updatedAt: row.updatedAt, problem: (error as Error).message };
    }
  });
}

/**
 * The school's calendar from --week/--vacation (no database), or from --school (the database).
 * The database's calendar years override the built-in ones whenever a database is used.
 */
async function setupCalendar(args: ParsedArgs, io: CliIo): Promise<CalendarSetup> {
  const schoolText = stringOption(args, "school");
  const weekText = stringOption(args, "week");
  const vacationTexts = stringList(args, "vacation");
  if (schoolText !== undefined && (weekText !== undefined || vacationTexts.length > 0)) {
    throw new UsageError("--school takes the week and the vacations from the database; leave out --week and --vacation");
  }
  const schoolId = schoolText === undefined ? undefined : parseSchoolId(schoolText);
  let weekLength: WeekLength = weekText === undefined ? 5 : parseWeek(weekText);
  let vacations = vacationTexts.map(parseVacation);
  let timezone = defaultTimezone(io);
  const years = new Map(loadProductionYears(calendarDir(io)).map((y) => [y.year, y]));

  if (schoolId !== undefined || stringOption(args, "database-url") !== undefined) {
    const url = resolveDatabaseUrl(args, io);
    await withDatabase(url, async ({ prisma }) => {
      for (const upload of await readUploads(prisma)) {
        if (upload.problem !== undefined) throw new Error(upload.problem);
        years.set(upload.year, upload.data!);
      }
      if (schoolId === undefined) return;
      const schools = createSchoolRepository(prisma);
      const school = await schools.storedCalendar(schoolId);
      if (!school) {
        const ids = await schools.schoolIds(20);
        const known = ids.length ? `schools there: ${ids.join(", ")}` : "the database has no schools";
        throw new Error(`no school with id ${schoolId} in ${describeDatabase(url)} (${known})`);
      }
      if (school.weekLength !== 5 && school.weekLength !== 6) {
        throw new Error(`school ${schoolId} has weekLength ${school.weekLength}; it must be 5 or 6`);
      }
      if (!isValidTimeZone(school.timezone)) {
        throw new Error(`school ${schoolId} has timezone "${school.timezone}", which is not a known IANA timezone`);
      }
      weekLength = school.weekLength;
      timezone = school.timezone;
      vacations = school.vacations.map((v) => {
        if (!isLocalDate(v.fromDate) || !isLocalDate(v.toDate) || v.fromDate > v.toDate) {
          const label = v.name ? ` "${v.name}"` : "";
          throw new Error(`school ${schoolId}: vacation${label} ${v.fromDate}..${v.toDate} is not a valid date range`);
        }
        return { from: v.fromDate, to: v.toDate };
      });
    });
  }

  const calendar = createSchoolCalendar({ weekLength, vacations, productionYears: [...years.values()] });
  return { calendar, weekLength, vacations, timezone, years };
}

/** Warnings (stderr) about the years a computation used: no data at all, or provisional data. */
function reportYears(io: CliIo, setup: CalendarSetup, dates: readonly LocalDate[]): void {
  const withoutData = setup.calendar.yearsWithoutData();
  for (const year of withoutData) {
    io.err(
      `warning: no production calendar data for ${year}; statutory holidays (Labour Code art. 112) were used for that year` +
        ` (add it with \`calendar load <file.json> --apply\`)`,
    );
  }
  const touched = dates.map(yearOf);
  for (let year = Math.min(...touched); year <= Math.max(...touched); year++) {
    if (setup.years.get(year)?.status === "provisional") {
      io.err(`note: the production calendar for ${year} is provisional (no government decree yet); the result may change`);
    }
  }
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > MAX_SCHOOL_DAYS) {
    throw new UsageError(`<n> must be a whole number from 0 to ${MAX_SCHOOL_DAYS}, got "${text}"`);
  }
  return Number(text);
}

function describeDay(date: LocalDate): string {
  return `${date} (${weekdayName(weekday(date))})`;
}

// ---------------------------------------------------------------------------------------------
// Commands

/** `calendar next <date> <n>`: the Nth school day after the date (n = 0: the date or the next school day). */
export async function calendarNext(args: ParsedArgs, io: CliIo): Promise<number> {
  const date = parseDateArg(positional(args, 0, "<date>"), "<date>");
  const n = parseCount(positional(args, 1, "<n>"));
  const setup = await setupCalendar(args, io);
  const result = setup.calendar.addSchoolDays(date, n);
  io.out(result);
  reportYears(io, setup, [date, result]);
  return EXIT_OK;
}

/** `calendar absence <first-absence-date>`: when criterion No. 22 is met and how far the count is. */
export async function calendarAbsence(args: ParsedArgs, io: CliIo): Promise<number> {
  const first = parseDateArg(positional(args, 0, "<first-absence-date>"), "<first-absence-date>");
  const todayText = stringOption(args, "today");
  const givenToday = todayText === undefined ? undefined : parseDateArg(todayText, "--today");
  const setup = await setupCalendar(args, io);
  const today = givenToday ?? localDateIn(io.now(), setup.timezone);
  const result = criterion22({ calendar: setup.calendar, firstAbsenceDay: first, today });
  const from = setup.calendar.nextSchoolDayOnOrAfter(first);
  io.out(`counting from: ${from}${from === first ? "" : ` (the first school day on or after ${first})`}`);
  io.out(`met on: ${result.metOn} (school day ${CRITERION_22_SCHOOL_DAYS + 1} of absence)`);
  io.out(`school days absent as of ${today}: ${result.schoolDaysSoFar}`);
  io.out(`met: ${result.met ? "yes" : "no"}`);
  reportYears(io, setup, [first, result.metOn, today]);
  return EXIT_OK;
}

/** `calendar is-school-day <date>`: yes or no, with the reason. */
export async function calendarIsSchoolDay(args: ParsedArgs, io: CliIo): Promise<number> {
  const date = parseDateArg(positional(args, 0, "<date>"), "<date>");
  const setup = await setupCalendar(args, io);
  io.out(`${describeDay(date)}: ${explainDay(setup, date)}`);
  reportYears(io, setup, [date]);
  return EXIT_OK;
}

function explainDay(setup: CalendarSetup, date: LocalDate): string {
  const { calendar, weekLength, vacations } = setup;
  const weekend = isWeekend(date, weekLength);
  if (calendar.isSchoolDay(date)) return weekend ? "yes, a working day by government decree" : "yes";
  const vacation = vacations.find((v) => v.from <= date && date <= v.to);
  if (vacation) return `no, vacation ${vacation.from}..${vacation.to}`;
  const holidays = setup.years.get(yearOf(date))?.holidays ?? statutoryHolidays(yearOf(date));
  if (holidays.includes(date)) return "no, a public holiday";
  if (weekend) return `no, a weekend day (${weekLength}-day week)`;
  return "no, a transferred day off (production calendar)";
}

/** `calendar between <from> <to>`: school days in (from, to]. */
export async function calendarBetween(args: ParsedArgs, io: CliIo): Promise<number> {
  const from = parseDateArg(positional(args, 0, "<from>"), "<from>");
  const to = parseDateArg(positional(args, 1, "<to>"), "<to>");
  if (to < from) throw new UsageError(`<to> ${to} is before <from> ${from}`);
  const setup = await setupCalendar(args, io);
  io.out(`school days after ${from} up to and including ${to}: ${setup.calendar.schoolDaysBetween(from, to)}`);
  reportYears(io, setup, [from, to]);
  return EXIT_OK;
}

/** `calendar years`: the production-calendar years available, built-in and uploaded. */
export async function calendarYears(args: ParsedArgs, io: CliIo): Promise<number> {
  const dir = calendarDir(io);
  const builtIns = loadProductionYears(dir);
  const url = resolveDatabaseUrl(args, io);
  let uploads: Upload[] = [];
  if (databaseExists(url)) {
    uploads = await withDatabase(url, ({ prisma }) => readUploads(prisma));
  } else {
    io.err(`note: no database at ${describeDatabase(url)}; only the built-in years are listed`);
  }

  const rows = new Map<number, [string, string, string, string]>();
  for (const y of builtIns) rows.set(y.year, [String(y.year), y.status, "built-in", y.source]);
  for (const u of uploads) {
    const overrides = rows.has(u.year) ? ", overrides built-in" : "";
    const origin = `database, uploaded ${u.updatedAt.toISOString().slice(0, 10)}${overrides}`;
    rows.set(u.year, [String(u.year), u.data?.status ?? "INVALID", origin, u.data?.source ?? u.problem!.split("\n")[0]!]);
  }
  io.out(`built-in years: ${dir}`);
  io.out(`database: ${describeDatabase(url)}`);
  const table = [["year", "status", "from", "source"], ...[...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row)];
  const widths = [0, 1, 2].map((col) => Math.max(...table.map((row) => row[col]!.length)));
  for (const row of table) io.out(row.map((cell, col) => (col < 3 ? cell.padEnd(widths[col]!) : cell)).join("  "));
  io.out("Any other year is computed from the statutory holidays (Labour Code art. 112) alone, with a warning.");

  const invalid = uploads.filter((u) => u.problem !== undefined);
  for (const u of invalid) io.err(`error: ${u.problem!.replace(/\n/g, "; ")}`);
  return invalid.length ? EXIT_ERROR : EXIT_OK;
}

/** `calendar load <file.json> [--apply]`: validates a year file and (with --apply) stores it in the database. */
export async function calendarLoad(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = positional(args, 0, "<file.json>");
  const apply = flag(args, "apply");
  const url = apply ? resolveDatabaseUrl(args, io) : undefined;

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    // Windows editors may save a BOM, which JSON.parse rejects.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  const year = parseProductionYear(json, file);
  const stem = basename(file).replace(/\.json$/i, "");
  if (/^\d{4}$/.test(stem) && Number(stem) !== year.year) {
    throw new Error(`${file}: year: ${year.year} does not match the file name`);
  }

  const offWeekdays = new Set([...year.holidays.filter((d) => !isWeekend(d, 5)), ...year.fiveDayWeek.nonWorkingDays]);
  const workingWeekend = year.fiveDayWeek.workingDays;
  const fiveDay = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: [year] });
  io.out(`${file}: production calendar for ${year.year}, valid`);
  io.out(`  status: ${year.status}`);
  io.out(`  source: ${year.source}`);
  io.out(`  holidays: ${year.holidays.length}`);
  io.out(`  non-working weekdays (5-day week): ${offWeekdays.size}`);
  io.out(`  working Saturdays/Sundays: ${workingWeekend.length}${workingWeekend.length ? ` (${workingWeekend.join(", ")})` : ""}`);
  io.out(`  working days in the year (5-day week): ${fiveDay.schoolDaysBetween(addDays(`${year.year}-01-01`, -1), `${year.year}-12-31`)}`);

  const statutory = statutoryHolidays(year.year);
  const missing = statutory.filter((d) => !year.holidays.includes(d));
  const extra = year.holidays.filter((d) => !statutory.includes(d));
  if (missing.length) io.err(`warning: holidays lacks ${missing.join(", ")} (holidays of Labour Code art. 112)`);
  if (extra.length) io.err(`warning: holidays lists ${extra.join(", ")}, which Labour Code art. 112 does not name`);

  if (!apply || url === undefined) {
    io.out("dry run: nothing was stored; to store this year in the database, run the command again with --apply");
    return EXIT_OK;
  }
  const builtIn = loadProductionYears(calendarDir(io)).some((y) => y.year === year.year);
  const { replaced } = await withDatabase(url, ({ prisma }) =>
    applyCalendarYear({ db: prisma, now: () => io.now() }, { actor: "cli", year }),
  );
  const notes = [replaced ? "replaced the earlier upload" : "", builtIn ? "overrides the built-in file" : ""].filter(Boolean);
  io.out(`stored ${year.year} in ${describeDatabase(url)}${notes.length ? ` (${notes.join("; ")})` : ""}`);
  return EXIT_OK;
}

export const calendarCommands: CliCommand[] = [
  {
    name: "calendar next",
    positionals: ["<date>", "<n>"],
    summary: "the Nth school day after a date",
    details: ["n = 0 gives the date itself when it is a school day, else the next school day."],
    options: schoolOptions,
    examples: ["calendar next 2025-12-30 1", "calendar next 20.10.2025 5 --week 6 --vacation 2025-10-25..2025-11-02"],
    run: calendarNext,
  },
  {
    name: "calendar absence",
    positionals: ["<first-absence-date>"],
    summary: `when criterion No. 22 is met (absence for more than ${CRITERION_22_SCHOOL_DAYS} school days in a row)`,
    details: [
      "Prints the first counted school day, the day the criterion is met, and the school days absent so far.",
      "Today defaults to the current date in the school's timezone (Europe/Moscow without --school).",
    ],
    options: { ...schoolOptions, today: { type: "string", placeholder: "DATE", description: "count up to this date instead of today" } },
    examples: ["calendar absence 2025-10-20 --today 2025-11-05", "calendar absence 20.10.2025 --school 1"],
    run: calendarAbsence,
  },
  {
    name: "calendar is-school-day",
    positionals: ["<date>"],
    summary: "whether a date is a school day, and why not",
    options: schoolOptions,
    examples: ["calendar is-school-day 2025-11-01", "calendar is-school-day 04.11.2025 --week 6"],
    run: calendarIsSchoolDay,
  },
  {
    name: "calendar between",
    positionals: ["<from>", "<to>"],
    summary: "how many school days lie after <from> up to and including <to>",
    options: schoolOptions,
    examples: ["calendar between 2025-12-30 2026-01-31"],
    run: calendarBetween,
  },
  {
    name: "calendar years",
    positionals: [],
    summary: "production-calendar years available (built-in files and database uploads)",
    options: { "database-url": databaseUrlOption },
    examples: ["calendar years"],
    run: calendarYears,
  },
  {
    name: "calendar load",
    positionals: ["<file.json>"],
    summary: "check a production-calendar year file; store it in the database with --apply",
    details: ["The file format is described in calendar/README.md. A stored year overrides the built-in file."],
    options: {
      apply: { type: "boolean", description: "store the year in the database (without it: a dry run)" },
      "database-url": databaseUrlOption,
    },
    examples: ["calendar load 2027.json", "calendar load 2027.json --apply"],
    run: calendarLoad,
  },
];
