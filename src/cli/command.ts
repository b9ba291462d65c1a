import { isLocalDate, parseRussianDate, type LocalDate } from "../domain/dates.js";

/**
 * What every CLI command is given: where to write, the environment and the clock. Commands never
 * touch process.stdout, process.env or Date.now() themselves, so tests can call them directly.
 */
export interface CliIo {
  /** One line of the command's result (stdout). */
  out(line: string): void;
  /** One line of warnings, notes and errors (stderr). */
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
  now(): Date;
}

export function processIo(): CliIo {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    env: process.env,
    now: () => new Date(),
  };
}

export interface BufferedIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

/** Captures the output in memory (tests, or a caller that wants the lines). */
export function bufferIo(options: { env?: Record<string, string | undefined>; now?: Date } = {}): BufferedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const now = options.now;
  return {
    stdout,
    stderr,
    out: (line) => void stdout.push(line),
    err: (line) => void stderr.push(line),
    env: options.env ?? {},
    now: () => (now ? new Date(now) : new Date()),
  };
}

export type OptionValue = string | boolean | (string | boolean)[] | undefined;

/** A command's arguments after the command words, as node:util parseArgs returns them. */
export interface ParsedArgs {
  positionals: string[];
  values: Record<string, OptionValue>;
}

export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** Shown in help after the option name, e.g. "5|6". */
  placeholder?: string;
  description: string;
}

export interface CliCommand {
  /** The command words, e.g. "calendar next". */
  name: string;
  /** Positional arguments in order: "<date>" is required, "[<date>]" optional, "[<word>...]" any number. */
  positionals: string[];
  summary: string;
  /** Extra lines for `help <command>`. */
  details?: string[];
  options?: Record<string, OptionSpec>;
  /** Arguments after `npm run cli -- `. */
  examples: string[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Wrong arguments: exit code 2 and a usage hint. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

export const CLI_PREFIX = "npm run cli --";

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === "string" ? last : undefined;
}

export function stringList(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string");
}

export function flag(args: ParsedArgs, name: string): boolean {
  const value = args.values[name];
  return Array.isArray(value) ? value.includes(true) : value === true;
}

/** The positional at `index`; a missing one is a usage error naming it. */
export function positional(args: ParsedArgs, index: number, name: string): string {
  const value = args.positionals[index];
  if (value === undefined) throw new UsageError(`missing ${name}`);
  return value;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function weekdayName(day: number): string {
  return WEEKDAYS[day] ?? String(day);
}

/** The years the production-calendar data may describe (productionYearSchema's range). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * A date typed by an admin: "2025-12-30" or "30.12.2025". Anything else is a usage error that
 * says what is wrong, e.g. `<date> 2025-02-31: February 2025 has 28 days`.
 */
export function parseDateArg(text: string, what: string): LocalDate {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const russian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (!iso && !russian) {
    throw new UsageError(`${what} "${text}" is not a date; write it as YYYY-MM-DD or dd.mm.yyyy`);
  }
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(russian![3]), Number(russian![2]), Number(russian![1])];
  if (month < 1 || month > 12) throw new UsageError(`${what} "${text}" is not a real date: there is no month ${month}`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    throw new UsageError(`${what} "${text}" is not a real date: ${MONTHS[month - 1]} ${year} has ${daysInMonth} days`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new UsageError(`${what} "${text}": only years ${MIN_YEAR}–${MAX_YEAR} are supported`);
  }
  const date = iso ? value : parseRussianDate(value, year);
  if (!date || !isLocalDate(date)) throw new UsageError(`${what} "${text}" is not a real date`);
  return date;
}
