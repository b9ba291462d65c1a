import type { AttendanceEntry, AttendanceProblem } from "../../attendance/parse-attendance.js";
import { parseAttendance } from "../../attendance/parse-attendance.js";
import { looksLikeXlsx, readTable } from "../../attendance/read-table.js";
import { markKey, meaningOf, schoolMarkMapping, type MarkMapping } from "../../domain/attendance/marks.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import type { LocalDate } from "../../domain/dates.js";
import { schoolYearEnd, schoolYearStart } from "../../domain/school-year.js";
import { searchNameOf } from "../../domain/people/search-name.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createAttendanceRepository, type AttendanceWrite } from "../../repositories/attendance-repository.js";
import { createStudentRepository, studentKey } from "../../repositories/student-repository.js";
import { normalizeClassLabel } from "../../roster/class-label.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { auditActorId, refuse, type Operator, type PeopleDeps } from "../people/operator.js";

/** The largest attendance file accepted: a whole school's term is well under it. */
export const MAX_ATTENDANCE_BYTES = 5 * 1024 * 1024;

export type AttendanceIssue =
  | AttendanceProblem
  | { line: number; kind: "noSuchStudent"; text: string }
  | { line: number; kind: "noSuchClass" | "notYourClass"; text: string }
  | { line: number; kind: "unknownMark"; text: string }
  | { line: number; kind: "outsideSchoolYear"; text: string };

export type ImportAttendanceResult =
  | { kind: "tooLarge" | "damaged" | "noHeader" | "empty" }
  | {
      kind: "rejected";
      issues: AttendanceIssue[];
      /** The marks the file had that the school's mapping does not know (distinct, as typed), and that mapping. */
      unknownMarks: string[];
      mapping: MarkMapping;
    }
  | { kind: "imported"; shape: "rows" | "grid"; students: number; days: number; absences: number; changed: number };

export interface ImportAttendanceOptions {
  by: Operator;
  /** The command line names the school; in the bot it is the actor's own school. */
  schoolId?: number;
  bytes: Uint8Array;
  /** For a grid without a class column: the class it is (the teacher's own, or the one named). */
  classLabel?: string;
  today: LocalDate;
}

/**
 * Imports the journal's attendance export all or nothing (issue 15). Students are matched by name
 * and class as lookups match them («ё» as «е», case, spaces); every row that does not match, a
 * mark the mapping does not know, a date outside the current school year or a class the operator
 * may not import is listed by line, and then nothing is written. The same file twice changes nothing.
 */
export async function importAttendance(deps: PeopleDeps, options: ImportAttendanceOptions): Promise<ImportAttendanceResult> {
  const { by } = options;
  const schoolId = by === "cli" ? options.schoolId : by.schoolId;
  if (by !== "cli" && (schoolId === undefined || !can(by, "importAttendance"))) return refuse(deps, by, "importAttendance", "attendance");
  if (schoolId === undefined) throw new AppError("invalidInput", "no school");
  if (options.bytes.length > MAX_ATTENDANCE_BYTES) return { kind: "tooLarge" };
  const table = await readTable(options.bytes);
  if (table.kind === "damaged") return { kind: "damaged" };
  const parsed = parseAttendance(table.rows, options.today);
  if (parsed.kind === "noHeader") return { kind: "noHeader" };
  if (parsed.entries.length === 0 && parsed.problems.length === 0) return { kind: "empty" };

  // The default marks with the school's own over them (/admin → Пропуски).
  const mapping = schoolMarkMapping((await createAdminRepository(deps.db).attendanceSettings(schoolId))?.markMap ?? "{}");
  const issues: AttendanceIssue[] = [...parsed.problems];
  const from = schoolYearStart(options.today);
  const to = schoolYearEnd(options.today);
  const labelOf = (entry: AttendanceEntry) => normalizeClassLabel(entry.classLabel ?? options.classLabel ?? "") ?? "";
  const students = createStudentRepository(deps.db);
  const classes = await students.classesByLabel(deps.db, schoolId, [...new Set(parsed.entries.map(labelOf))].filter(Boolean));
  const known = await students.idsIn(
    deps.db,
    schoolId,
    [...classes.values()].map((c) => c.id),
  );

  const write: {
    days: Map<string, AttendanceWrite["days"][number]>;
    absences: AttendanceWrite["absences"][number][];
    present: AttendanceWrite["present"][number][];
  } = { days: new Map(), absences: [], present: [] };
  const reported = new Set<string>();
  const report = (issue: AttendanceIssue) => {
    const key = `${issue.line}\n${issue.kind}\n${issue.text}`;
    if (!reported.has(key)) reported.add(key), issues.push(issue);
  };
  const seen = new Set<number>();
  for (const entry of parsed.entries) {
    const label = labelOf(entry);
    const schoolClass = label ? classes.get(label) : undefined;
    if (!schoolClass) {
      report({ line: entry.line, kind: "noSuchClass", text: entry.classLabel ?? options.classLabel ?? "" });
      continue;
    }
    if (by !== "cli" && !can(by, "importAttendance", { schoolId, teacherMemberId: schoolClass.teacherMemberId ?? -1 })) {
      report({ line: entry.line, kind: "notYourClass", text: label });
      continue;
    }
    const studentId = known.get(studentKey(schoolClass.id, searchNameOf(entry.fullName)));
    if (studentId === undefined) {
      report({ line: entry.line, kind: "noSuchStudent", text: `${entry.fullName}, ${label}` });
      continue;
    }
    if (entry.on < from || entry.on > to) {
      report({ line: entry.line, kind: "outsideSchoolYear", text: entry.on });
      continue;
    }
    const meaning = meaningOf(entry.mark, mapping);
    if (!meaning) {
      report({ line: entry.line, kind: "unknownMark", text: entry.mark });
      continue;
    }
    seen.add(studentId);
    write.days.set(`${schoolClass.id}\n${entry.on}`, { classId: schoolClass.id, on: entry.on });
    if (meaning === "present") write.present.push({ studentId, on: entry.on });
    else write.absences.push({ studentId, on: entry.on, kind: meaning, mark: markKey(entry.mark) === "" ? "" : entry.mark.trim() });
  }
  if (issues.length > 0) {
    const unknown = new Map<string, string>();
    for (const issue of issues)
      if (issue.kind === "unknownMark" && !unknown.has(markKey(issue.text))) unknown.set(markKey(issue.text), issue.text.trim());
    return { kind: "rejected", issues: issues.sort((a, b) => a.line - b.line), unknownMarks: [...unknown.values()], mapping };
  }

  const at = deps.now();
  return deps.db.$transaction(async (tx) => {
    const saved = await createAttendanceRepository(deps.db).save(tx, schoolId, {
      days: [...write.days.values()],
      absences: write.absences,
      present: write.present,
    });
    await recordAudit(tx, {
      schoolId,
      actorId: auditActorId(by),
      action: "attendance.imported",
      subject: `school:${schoolId}`,
      detail: { students: seen.size, days: write.days.size, absences: write.absences.length },
      at,
    });
    return {
      kind: "imported" as const,
      shape: parsed.shape,
      students: seen.size,
      days: write.days.size,
      absences: write.absences.length,
      changed: saved.days + saved.absences + saved.cleared,
    };
  });
}

/**
 * What a file sent to the bot is: an attendance export (a header with dates, or with Дата and
 * Отметка), a workbook that cannot be read, or something else (a class list, a paper of a case).
 */
export async function attendanceFileKind(bytes: Uint8Array, today: LocalDate): Promise<"attendance" | "damaged" | "other"> {
  if (bytes.length > MAX_ATTENDANCE_BYTES) return "other";
  const table = await readTable(bytes);
  if (table.kind === "damaged") return looksLikeXlsx(bytes) ? "damaged" : "other";
  return parseAttendance(table.rows, today).kind === "ok" ? "attendance" : "other";
}
