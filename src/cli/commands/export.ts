import { writeFileSync } from "node:fs";
import { exportAudit } from "../../app/admin/export-audit.js";
import { exportStudent } from "../../app/admin/export-student.js";
import { exportSchool } from "../../app/admin/export-school.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { EXIT_OK, parseDateArg, stringOption, UsageError, type CliCommand, type CliIo, type ParsedArgs } from "../command.js";
import { databaseUrlOption, resolveDatabaseUrl, withDatabase } from "../database.js";
import { parseSchoolOption } from "./school.js";

const outOption = { type: "string" as const, placeholder: "FILE", description: "write to FILE instead of standard output" };

function emit(io: CliIo, args: ParsedArgs, content: string, what: string): void {
  const out = stringOption(args, "out");
  if (out) {
    writeFileSync(out, content);
    io.err(`${what} written to ${out}`);
  } else {
    io.out(content.replace(/\r?\n$/, ""));
  }
}

/** `export audit --school ID --from yyyy-mm-dd --to yyyy-mm-dd`: the audit trail as CSV (audited). */
async function exportAuditCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const fromText = stringOption(args, "from");
  const toText = stringOption(args, "to");
  if (!fromText || !toText) throw new UsageError("--from and --to are required");
  const from = parseDateArg(fromText, "--from");
  const to = parseDateArg(toText, "--to");
  if (to < from) throw new UsageError("--to is before --from");
  const url = resolveDatabaseUrl(args, io);
  const { csv, rows } = await withDatabase(url, async ({ prisma }) => {
    if (!(await createSchoolRepository(prisma).schoolExists(schoolId))) throw new Error(`no school ${schoolId}`);
    return exportAudit({ db: prisma, now: () => io.now() }, { by: "cli", schoolId, from, to });
  });
  emit(io, args, csv, `${rows} audit rows`);
  return EXIT_OK;
}

/** `export student --school ID --student ID`: everything about one student as JSON (audited). */
async function exportStudentCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const text = stringOption(args, "student");
  if (!text || !/^\d{1,9}$/.test(text)) throw new UsageError("--student must be a student id");
  const url = resolveDatabaseUrl(args, io);
  const file = await withDatabase(url, ({ prisma }) =>
    exportStudent({ db: prisma, now: () => io.now() }, { by: "cli", schoolId, studentId: Number(text) }),
  );
  emit(io, args, file.content, "student export");
  return EXIT_OK;
}

/** `export school --school ID`: the whole school as JSON (audited). */
async function exportSchoolCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const schoolId = parseSchoolOption(args);
  const url = resolveDatabaseUrl(args, io);
  const file = await withDatabase(url, ({ prisma }) => exportSchool({ db: prisma, now: () => io.now() }, schoolId));
  emit(io, args, file.content, `school export (${file.students} students, ${file.cases} cases)`);
  return EXIT_OK;
}

export const exportCommands: CliCommand[] = [
  {
    name: "export audit",
    positionals: [],
    summary: "a school's audit trail for a date range as CSV",
    options: {
      school: { type: "string", placeholder: "ID", description: "the school's id (see `school list`)" },
      from: { type: "string", placeholder: "DATE", description: "first day, yyyy-mm-dd (UTC)" },
      to: { type: "string", placeholder: "DATE", description: "last day, yyyy-mm-dd (UTC)" },
      out: outOption,
      "database-url": databaseUrlOption,
    },
    examples: ["export audit --school 1 --from 2026-09-01 --to 2026-12-31 --out audit.csv"],
    run: exportAuditCommand,
  },
  {
    name: "export student",
    positionals: [],
    summary: "everything stored about one student (for a parent's request) as JSON",
    options: {
      school: { type: "string", placeholder: "ID", description: "the school's id" },
      student: { type: "string", placeholder: "ID", description: "the student's id" },
      out: outOption,
      "database-url": databaseUrlOption,
    },
    examples: ["export student --school 1 --student 42 --out student-42.json"],
    run: exportStudentCommand,
  },
  {
    name: "export school",
    positionals: [],
    summary: "a whole school's data (settings, people, classes, students, cases) as JSON",
    options: {
      school: { type: "string", placeholder: "ID", description: "the school's id" },
      out: outOption,
      "database-url": databaseUrlOption,
    },
    examples: ["export school --school 1 --out school-1.json"],
    run: exportSchoolCommand,
  },
];
