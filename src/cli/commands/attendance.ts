import { marksByMeaning } from "../../domain/attendance/marks.js";
import { readFileSync, statSync } from "node:fs";
import { type AttendanceIssue, importAttendance, MAX_ATTENDANCE_BYTES } from "../../app/attendance/import-attendance.js";
import { isValidTimeZone, localDateIn } from "../../domain/dates.js";
import { DEFAULT_MARK_MAPPING } from "../../domain/attendance/marks.js";
import { ATTENDANCE_COLUMN_NAMES } from "../../attendance/parse-attendance.js";
import { EXIT_ERROR, EXIT_OK, positional, type CliCommand, type CliIo, type ParsedArgs } from "../command.js";
import { databaseUrlOption, resolveDatabaseUrl, withDatabase } from "../database.js";
import { plural } from "../plural.js";
import { parseSchoolOption } from "./school.js";

const COLUMN = ATTENDANCE_COLUMN_NAMES;

/** The default mapping's marks of one meaning, as a journal writes them («Н»; «ОП, П or empty»). */
function marksMeaning(meaning: string): string {
  const marks = Object.entries(DEFAULT_MARK_MAPPING)
    .filter(([, m]) => m === meaning)
    .map(([mark]) => mark.toUpperCase());
  return marks.map((m) => m || "empty").join(", ");
}

function issueText(issue: AttendanceIssue): string {
  switch (issue.kind) {
    case "emptyName":
      return "the name is empty";
    case "badDate":
      return `"${issue.text}" is not a date (dd.mm.yyyy)`;
    case "noSuchStudent":
      return `no student ${issue.text}`;
    case "noSuchClass":
      return issue.text ? `there is no class ${issue.text}` : "the class is empty";
    case "notYourClass":
      return `${issue.text} is not your class`;
    case "unknownMark":
      return `unknown mark "${issue.text}"`;
    case "outsideSchoolYear":
      return `${issue.text} is outside the current school year`;
  }
}

/** `attendance import --school <id> <file>`: the journal's export, all or nothing; every problem by line. */
export async function attendanceImport(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const file = positional(args, 0, "<file>");
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  if (size > MAX_ATTENDANCE_BYTES)
    throw new Error(`${file} is larger than 5 MB; an attendance export is much smaller — is it the right file?`);
  const zone = io.env.DEFAULT_TIMEZONE?.trim();
  const today = localDateIn(io.now(), zone && isValidTimeZone(zone) ? zone : "Europe/Moscow");
  const classLabel = typeof args.values.class === "string" ? args.values.class : undefined;
  const url = resolveDatabaseUrl(args, io);
  const result = await withDatabase(url, ({ prisma }) =>
    importAttendance(
      { db: prisma, now: () => io.now() },
      { by: "cli", schoolId, bytes: readFileSync(file), today, ...(classLabel ? { classLabel } : {}) },
    ),
  );
  switch (result.kind) {
    case "tooLarge":
      throw new Error(`${file} is larger than 5 MB`);
    case "damaged":
      throw new Error(`${file}: not a readable XLSX or CSV file`);
    case "noHeader":
      throw new Error(
        `${file}: no header naming the students (${COLUMN.name}) and either the columns ${COLUMN.date} and ${COLUMN.mark} or one column per date`,
      );
    case "empty":
      throw new Error(`${file} has no attendance rows`);
    case "rejected":
      for (const issue of result.issues) io.err(`line ${issue.line}: ${issueText(issue)}`);
      if (result.unknownMarks.length > 0) {
        const known = Object.entries(marksByMeaning(result.mapping))
          .map(([meaning, keys]) => `${meaning}: ${keys.map((k) => (k ? k.toUpperCase() : "(empty)")).join(", ")}`)
          .join("; ");
        io.err(`known marks: ${known}. A school maps its own in the bot: /admin → School settings → Absences.`);
      }
      io.err(`error: ${plural(result.issues.length, "problem")} in ${file}; nothing was imported`);
      return EXIT_ERROR;
    case "imported":
      io.out(
        `imported ${plural(result.students, "student")}, ${plural(result.days, "class day")}, ${plural(result.absences, "absence")} (${result.shape === "grid" ? "a grid" : "one row per mark"}); ${plural(result.changed, "row")} changed`,
      );
      return EXIT_OK;
  }
}

export const attendanceCommands: CliCommand[] = [
  {
    name: "attendance import",
    positionals: ["<file>"],
    summary: "import the journal's attendance export (XLSX or CSV) into a school",
    details: [
      `Two shapes: one row per student and date (${COLUMN.name}; ${COLUMN.class}; ${COLUMN.date}; ${COLUMN.mark}), or one row per student with a column per date (${COLUMN.name}; ${COLUMN.class}; 09.11.2026; 10.11.2026; …).`,
      `Marks: ${marksMeaning("unexcused")} — without a valid reason; ${marksMeaning("excused")} — a valid reason; ${marksMeaning("present")} — present.`,
      "CSV in Windows-1251 with ; (Russian Excel) or UTF-8 with ,. Nothing is imported while any line has a problem; the same file twice changes nothing.",
    ],
    options: {
      school: { type: "string", placeholder: "ID", description: "the school (see `school list`)" },
      class: { type: "string", placeholder: "LABEL", description: "the class of a grid that has no class column" },
      "database-url": databaseUrlOption,
    },
    examples: ["attendance import --school 1 7b-november.xlsx"],
    run: attendanceImport,
  },
];
