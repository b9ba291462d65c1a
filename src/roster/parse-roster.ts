import { parse } from "csv-parse/sync";
import { isLocalDate, type LocalDate } from "../domain/dates.js";
import { searchNameOf } from "../repositories/school-repository.js";
import { normalizePhone, parentName } from "../domain/people/parents.js";
import { normalizeClassLabel } from "./class-label.js";
import headings from "./roster-headings.json" with { type: "json" };

/*
 * A class list as the journal or Excel exports it: a header row naming the columns (in any order,
 * extra columns ignored), then one student per row. Every problem is reported with its line and
 * the column's heading as the file spells it, so a teacher can find it in Excel.
 */

export type RosterColumn =
  | "fullName"
  | "classLabel"
  | "birthDate"
  | "motherName"
  | "motherPhone"
  | "fatherName"
  | "fatherPhone"
  | "guardianName"
  | "guardianPhone";
export const REQUIRED_COLUMNS: readonly RosterColumn[] = ["fullName", "classLabel"];

export type RosterProblem =
  | "emptyName"
  | "badName"
  | "badClass"
  | "badDate"
  | "duplicate"
  | "notYourClass"
  | "noSuchClass"
  | "badPhone"
  | "phoneWithoutName";

export interface RosterRow {
  /** The file's line number (the header is usually line 1). */
  line: number;
  fullName: string;
  searchName: string;
  classLabel: string;
  birthDate?: LocalDate;
  /** The parents the row names (mother, father, legal guardian columns), each with a phone if given. */
  parents: RosterParent[];
}

export interface RosterParent {
  relation: "mother" | "father" | "guardian";
  fullName: string;
  phone?: string;
}

/** A parent's name column and its phone column. */
const PARENT_COLUMNS = [
  { relation: "mother", name: "motherName", phone: "motherPhone" },
  { relation: "father", name: "fatherName", phone: "fatherPhone" },
  { relation: "guardian", name: "guardianName", phone: "guardianPhone" },
] as const;

export interface RosterIssue {
  line: number;
  column: RosterColumn;
  /** The column's heading as the file has it. */
  heading: string;
  problem: RosterProblem;
  value: string;
  /** For a duplicate: the line it repeats. */
  firstLine?: number;
}

export type ParsedRoster =
  | { kind: "parsed"; rows: RosterRow[]; issues: RosterIssue[]; headings: Record<RosterColumn, string> }
  | { kind: "badColumns"; found: string[] }
  | { kind: "empty" }
  | { kind: "malformed"; line: number };

/** The headings each column may have: data, in roster-headings.json. */
const COLUMNS: readonly RosterColumn[] = [
  "fullName",
  "classLabel",
  "birthDate",
  "motherName",
  "motherPhone",
  "fatherName",
  "fatherPhone",
  "guardianName",
  "guardianPhone",
];
const HEADINGS = Object.fromEntries(COLUMNS.map((c) => [c, headings[c].accepted])) as unknown as Record<RosterColumn, readonly string[]>;

/** How messages name each column (the usual Russian heading). */
export const COLUMN_NAMES = Object.fromEntries(COLUMNS.map((c) => [c, headings[c].name])) as unknown as Record<RosterColumn, string>;

/** Journal exports sometimes put a title above the header; it is looked for in the first rows. */
const HEADER_SEARCH_ROWS = 10;

function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/\./g, "")
    .replace(/[,_;:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function columnOf(heading: string): RosterColumn | undefined {
  const key = headingKey(heading);
  return (Object.keys(HEADINGS) as RosterColumn[]).find((column) => HEADINGS[column].includes(key));
}

/** `;` (Russian Excel), `,` or a tab: whichever the first line uses most. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  const counts = [";", ",", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ";";
}

const NAME_LETTERS = /^[\p{L}][\p{L}\s.'’-]*$/u;
const DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd.mm.yyyy (Excel may append a time) or yyyy-mm-dd; not after `today`. */
export function parseBirthDate(text: string, today?: LocalDate): LocalDate | undefined {
  const russian = DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  const date = russian ? `${russian[3]}-${russian[2]!.padStart(2, "0")}-${russian[1]!.padStart(2, "0")}` : iso ? text : undefined;
  if (!date || !isLocalDate(date) || date < "1900-01-01") return undefined;
  if (today && date > today) return undefined;
  return date;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function parseRoster(text: string, options: { today?: LocalDate } = {}): ParsedRoster {
  let records: CsvRecord[];
  // A broken record (an unclosed quote) starts after the last good one; the parser's own line is where it gave up.
  let lastGoodLine = 0;
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      on_record: (record, context) => {
        lastGoodLine = context.lines;
        return record;
      },
    }) as unknown as CsvRecord[];
  } catch {
    return { kind: "malformed", line: lastGoodLine + 1 };
  }
  records = records.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  if (records.length === 0) return { kind: "empty" };

  const headerIndex = records
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => REQUIRED_COLUMNS.every((column) => r.record.some((cell) => columnOf(cell) === column)));
  if (headerIndex < 0) return { kind: "badColumns", found: records[0]!.record.filter((cell) => cell !== "") };

  const header = records[headerIndex]!.record;
  const positions = new Map<RosterColumn, number>();
  header.forEach((cell, index) => {
    const column = columnOf(cell);
    if (column && !positions.has(column)) positions.set(column, index);
  });
  const headings = Object.fromEntries(
    (Object.keys(HEADINGS) as RosterColumn[]).map((column) => [column, header[positions.get(column) ?? -1] ?? ""]),
  ) as Record<RosterColumn, string>;

  const rows: RosterRow[] = [];
  const issues: RosterIssue[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of records.slice(headerIndex + 1)) {
    const line = info.lines;
    const cell = (column: RosterColumn) => {
      const index = positions.get(column);
      return index === undefined ? "" : (record[index] ?? "").trim();
    };
    const issue = (column: RosterColumn, problem: RosterProblem, value: string, firstLine?: number) =>
      issues.push({ line, column, heading: headings[column], problem, value, ...(firstLine ? { firstLine } : {}) });

    const fullName = cell("fullName").replace(/\s+/g, " ");
    const classText = cell("classLabel");
    const dateText = cell("birthDate");
    const before = issues.length;
    if (fullName === "") issue("fullName", "emptyName", "");
    else if (!NAME_LETTERS.test(fullName) || fullName.length > 150) issue("fullName", "badName", fullName);
    const classLabel = normalizeClassLabel(classText);
    if (!classLabel) issue("classLabel", "badClass", classText);
    let birthDate: LocalDate | undefined;
    if (dateText !== "") {
      birthDate = parseBirthDate(dateText, options.today);
      if (!birthDate) issue("birthDate", "badDate", dateText);
    }
    const parents: RosterParent[] = [];
    for (const columns of PARENT_COLUMNS) {
      const nameText = cell(columns.name).replace(/\s+/g, " ");
      const phoneText = cell(columns.phone);
      const phone = phoneText === "" ? undefined : normalizePhone(phoneText);
      if (phoneText !== "" && !phone) issue(columns.phone, "badPhone", phoneText);
      if (nameText === "") {
        if (phoneText !== "") issue(columns.name, "phoneWithoutName", phoneText);
        continue;
      }
      const name = parentName(nameText);
      if (!name) issue(columns.name, "badName", nameText);
      else parents.push({ relation: columns.relation, fullName: name, ...(phone ? { phone } : {}) });
    }
    if (issues.length > before || !classLabel) continue;

    const searchName = searchNameOf(fullName);
    const key = `${classLabel}\n${searchName}`;
    const firstLine = firstLineOf.get(key);
    if (firstLine !== undefined) {
      issue("fullName", "duplicate", fullName, firstLine);
      continue;
    }
    firstLineOf.set(key, line);
    rows.push({ line, fullName, searchName, classLabel, ...(birthDate ? { birthDate } : {}), parents });
  }
  return { kind: "parsed", rows, issues, headings };
}
