import { readFileSync, statSync } from "node:fs";
import { importRoster } from "../../app/students/import-roster.js";
import { isValidTimeZone, localDateIn } from "../../domain/dates.js";
import { COLUMN_NAMES, type RosterIssue } from "../../roster/parse-roster.js";
import { MAX_ROSTER_BYTES, readRoster } from "../../roster/read-roster.js";
import { EXIT_ERROR, EXIT_OK, positional, type CliCommand, type CliIo, type ParsedArgs } from "../command.js";
import { databaseUrlOption, resolveDatabaseUrl, withDatabase } from "../database.js";
import { parseSchoolOption } from "./school.js";
import { plural } from "../plural.js";

function problemText(issue: RosterIssue): string {
  switch (issue.problem) {
    case "emptyName":
      return "the name is empty";
    case "badName":
      return `"${issue.value}" does not look like a name`;
    case "badClass":
      return issue.value === "" ? "the class is empty" : `"${issue.value}" is not a class (write it like 7Б)`;
    case "badDate":
      return `"${issue.value}" is not a date (dd.mm.yyyy)`;
    case "duplicate":
      return `repeats line ${issue.firstLine}`;
    case "notYourClass":
      return `${issue.value} is not your class`;
    case "noSuchClass":
      return `there is no class ${issue.value}`;
    case "badPhone":
      return `"${issue.value}" is not a phone number`;
    case "phoneWithoutName":
      return `a phone number (${issue.value}) without a name`;
  }
}

function today(io: CliIo): string {
  const zone = io.env.DEFAULT_TIMEZONE?.trim();
  return localDateIn(io.now(), zone && isValidTimeZone(zone) ? zone : "Europe/Moscow");
}

/** `roster import --school <id> <file.csv>`: all or nothing; every problem by line and column. */
export async function rosterImport(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const file = positional(args, 0, "<file.csv>");
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  if (size > MAX_ROSTER_BYTES) throw new Error(`${file} is larger than 1 MB; a class list is much smaller — is it the right file?`);
  const roster = readRoster(readFileSync(file), today(io));
  switch (roster.kind) {
    case "badColumns":
      throw new Error(
        `${file}: no header with the columns ${COLUMN_NAMES.fullName} and ${COLUMN_NAMES.classLabel} (optional: ${COLUMN_NAMES.birthDate}); found: ${roster.found.join(", ") || "nothing"}`,
      );
    case "empty":
      throw new Error(`${file} has no students`);
    case "malformed":
      throw new Error(`${file}: not a readable CSV file (line ${roster.line}: an unclosed quote?)`);
  }
  if (roster.rows.length === 0 && roster.issues.length === 0) throw new Error(`${file} has no students, only a header`);

  const url = resolveDatabaseUrl(args, io);
  const result = await withDatabase(url, ({ prisma }) =>
    importRoster({ db: prisma, now: () => io.now() }, { by: "cli", schoolId, roster }),
  );
  if (result.kind === "rejected") {
    for (const issue of result.issues) io.err(`line ${issue.line}, ${issue.heading}: ${problemText(issue)}`);
    io.err(`error: ${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} in ${file}; nothing was imported`);
    return EXIT_ERROR;
  }
  const created = result.classes.filter((c) => c.created).length;
  io.out(
    `imported ${plural(result.added, "student")} into ${plural(result.classes.length, "class", "classes")}${created ? ` (${created} created)` : ""}`,
  );
  for (const c of [...result.classes].sort((a, b) => a.label.localeCompare(b.label, "ru", { numeric: true }))) {
    io.out(`  ${c.label}: ${c.added} added${c.created ? " (new class)" : ""}`);
  }
  if (result.parentsAdded > 0) io.out(`  parents and legal guardians: ${result.parentsAdded} added`);
  for (const row of result.skipped) io.err(`skipped line ${row.line}: ${row.fullName} is already in ${row.classLabel}`);
  return EXIT_OK;
}

export const rosterCommands: CliCommand[] = [
  {
    name: "roster import",
    positionals: ["<file.csv>"],
    summary: `import a class list (columns ${COLUMN_NAMES.fullName}; ${COLUMN_NAMES.classLabel}; optional ${COLUMN_NAMES.birthDate}) into a school`,
    details: [
      `Optional parents: ${COLUMN_NAMES.motherName}, ${COLUMN_NAMES.motherPhone}, ${COLUMN_NAMES.fatherName}, ${COLUMN_NAMES.fatherPhone}, ${COLUMN_NAMES.guardianName}, ${COLUMN_NAMES.guardianPhone}; a parent already recorded is not added again.`,
      "Windows-1251 with ; (Russian Excel) or UTF-8 with , (with or without a BOM). The header names the columns, in any order.",
      "Nothing is imported while any line has a problem; students already in their class are skipped. Missing classes are created.",
    ],
    options: {
      school: { type: "string", placeholder: "ID", description: "the school (see `school list`)" },
      "database-url": databaseUrlOption,
    },
    examples: ["roster import --school 1 7b.csv"],
    run: rosterImport,
  },
];
