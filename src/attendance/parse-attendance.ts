import type { LocalDate } from "../domain/dates.js";
import { isLocalDate } from "../domain/dates.js";
import { schoolYearStart } from "../domain/school-year.js";
import type { TableRow } from "./read-table.js";

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
type Column = "name" | "class" | "date" | "mark";
const HEADINGS: Record<Column, readonly string[]> = {
  name: ["фио", "ученик", "обучающийся", "учащийся", "фамилия имя", "фамилия имя отчество", "фамилия, имя", "фамилия, имя, отчество"],
  class: ["класс"],
  date: ["дата"],
  mark: ["отметка", "посещаемость", "пропуск", "отметка о посещении", "отметка посещаемости"],
};

function key(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(/[.]/g, "").replace(/\s+/g, " ").trim();
}

function columnOf(cell: string): Column | undefined {
  const k = key(cell);
  return (Object.keys(HEADINGS) as Column[]).find((column) => HEADINGS[column].includes(k));
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

function rowsShape(
  body: readonly TableRow[],
  name: number,
  klass: number,
  dateAt: number,
  markAt: number,
  today: LocalDate,
): ParsedAttendance {
  const entries: AttendanceEntry[] = [];
  const problems: AttendanceProblem[] = [];
  for (const row of body) {
    const fullName = (row.cells[name] ?? "").trim();
    if (!fullName) {
      problems.push({ line: row.line, kind: "emptyName", text: "" });
      continue;
    }
    const dateText = row.cells[dateAt] ?? "";
    const on = parseAttendanceDate(dateText, today);
    if (!on) {
      problems.push({ line: row.line, kind: "badDate", text: dateText });
      continue;
    }
    const classLabel = klass >= 0 ? (row.cells[klass] ?? "").trim() : "";
    entries.push({ line: row.line, fullName, ...(classLabel ? { classLabel } : {}), on, mark: (row.cells[markAt] ?? "").trim() });
  }
  return { kind: "ok", shape: "rows", entries, problems };
}

function gridShape(body: readonly TableRow[], name: number, klass: number, dates: readonly (LocalDate | undefined)[]): ParsedAttendance {
  const entries: AttendanceEntry[] = [];
  const problems: AttendanceProblem[] = [];
  for (const row of body) {
    const fullName = (row.cells[name] ?? "").trim();
    if (!fullName) {
      problems.push({ line: row.line, kind: "emptyName", text: "" });
      continue;
    }
    const classLabel = klass >= 0 ? (row.cells[klass] ?? "").trim() : "";
    dates.forEach((on, i) => {
      if (on) entries.push({ line: row.line, fullName, ...(classLabel ? { classLabel } : {}), on, mark: (row.cells[i] ?? "").trim() });
    });
  }
  return { kind: "ok", shape: "grid", entries, problems };
}
