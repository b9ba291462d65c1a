import type { LocalDate } from "../domain/dates.js";
import { isLocalDate } from "../domain/dates.js";
import { schoolYearStart } from "../domain/school-year.js";
import type { TableRow } from "./read-table.js";
import headings from "./attendance-headings.json" with { type: "json" };

/*
 * The journal's attendance export in either common shape (README, «Attendance files»):
 * - rows: one row per student and date — name, class, date, mark (an empty mark is a day present);
 * - grid: one row per student, one column per date — name, class (optional) and date headings.
 * The header row is found among the first rows; every problem names the file's line.
 */

export interface AttendanceEntry {
  line: number;
  fullName: string;
  /** As the file spells it; absent in a grid without a class column (the uploader's class then). */
  classLabel?: string;
  on: LocalDate;
  /** The journal's mark as written; "" for present. */
  mark: string;
}

export type AttendanceProblem = { line: number; kind: "badDate" | "emptyName"; text: string };

export type ParsedAttendance =
  | { kind: "ok"; shape: "rows" | "grid"; entries: AttendanceEntry[]; problems: AttendanceProblem[] }
  | { kind: "noHeader" };

const HEADER_SEARCH_ROWS = 10;
export type AttendanceColumn = "name" | "class" | "date" | "mark";
type Column = AttendanceColumn;
const HEADINGS = headings as Record<Column, { name: string; accepted: readonly string[] }>;

/** How messages call each column («ФИО», «Дата»…), as the headings file names them. */
export const ATTENDANCE_COLUMN_NAMES: Record<Column, string> = {
  name: HEADINGS.name.name,
  class: HEADINGS.class.name,
  date: HEADINGS.date.name,
  mark: HEADINGS.mark.name,
};

function key(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(/[.]/g, "").replace(/\s+/g, " ").trim();
}

function columnOf(cell: string): Column | undefined {
  const k = key(cell);
  return (Object.keys(ATTENDANCE_COLUMN_NAMES) as Column[]).find((column) => HEADINGS[column].accepted.includes(k));
}

const FULL_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SHORT_DATE = /^(\d{1,2})\.(\d{1,2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd.mm.yyyy, yyyy-mm-dd, or dd.mm in the school year of `today` (September–December: its first year). */
export function parseAttendanceDate(text: string, today: LocalDate): LocalDate | undefined {
  const t = text.trim().split(/\s+/)[0] ?? "";
  let date: string | undefined;
  const full = FULL_DATE.exec(t);
  const iso = ISO_DATE.exec(t);
  const short = SHORT_DATE.exec(t);
  if (full) date = `${full[3]}-${full[2]!.padStart(2, "0")}-${full[1]!.padStart(2, "0")}`;
  else if (iso) date = t;
  else if (short) {
    const month = Number(short[2]);
    const startYear = Number(schoolYearStart(today).slice(0, 4));
    date = `${month >= 9 ? startYear : startYear + 1}-${short[2]!.padStart(2, "0")}-${short[1]!.padStart(2, "0")}`;
  }
  return date && isLocalDate(date) ? date : undefined;
}

export function parseAttendance(rows: readonly TableRow[], today: LocalDate): ParsedAttendance {
  for (const header of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const columns = header.cells.map(columnOf);
    const at = (column: Column) => columns.indexOf(column);
    if (at("name") < 0) continue;
    const body = rows.filter((r) => r.line > header.line);
    if (at("date") >= 0 && at("mark") >= 0) return rowsShape(body, at("name"), at("class"), at("date"), at("mark"), today);
    const dates = header.cells.map((cell, i) => (columns[i] ? undefined : parseAttendanceDate(cell, today)));
    if (dates.some((d) => d !== undefined)) return gridShape(body, at("name"), at("class"), dates);
  }
  return { kind: "noHeader" };
}

/**
 * Each student row of the body: its name and class read (an empty name is a problem), then
 * `marks` says which dates and marks the row holds (or a problem, e.g. a bad date).
 */
function readBody(
  shape: "rows" | "grid",
  body: readonly TableRow[],
  name: number,
  klass: number,
  marks: (row: TableRow) => { on: LocalDate; mark: string }[] | AttendanceProblem,
): ParsedAttendance {
  const entries: AttendanceEntry[] = [];
  const problems: AttendanceProblem[] = [];
  for (const row of body) {
    const fullName = (row.cells[name] ?? "").trim();
    if (!fullName) {
      problems.push({ line: row.line, kind: "emptyName", text: "" });
      continue;
    }
    const found = marks(row);
    if (!Array.isArray(found)) {
      problems.push(found);
      continue;
    }
    const classLabel = klass >= 0 ? (row.cells[klass] ?? "").trim() : "";
    for (const { on, mark } of found) entries.push({ line: row.line, fullName, ...(classLabel ? { classLabel } : {}), on, mark });
  }
  return { kind: "ok", shape, entries, problems };
}

function rowsShape(
  body: readonly TableRow[],
  name: number,
  klass: number,
  dateAt: number,
  markAt: number,
  today: LocalDate,
): ParsedAttendance {
  return readBody("rows", body, name, klass, (row) => {
    const dateText = row.cells[dateAt] ?? "";
    const on = parseAttendanceDate(dateText, today);
    return on ? [{ on, mark: (row.cells[markAt] ?? "").trim() }] : { line: row.line, kind: "badDate", text: dateText };
  });
}

function gridShape(body: readonly TableRow[], name: number, klass: number, dates: readonly (LocalDate | undefined)[]): ParsedAttendance {
  return readBody("grid", body, name, klass, (row) => dates.flatMap((on, i) => (on ? [{ on, mark: (row.cells[i] ?? "").trim() }] : [])));
}
