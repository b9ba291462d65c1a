import { recordAudit } from "../../repositories/audit-repository.js";
import { createFamilyRepository } from "../../repositories/family-repository.js";
import { createStudentRepository, studentKey } from "../../repositories/student-repository.js";
import type { ParsedRoster, RosterIssue, RosterRow } from "../../roster/parse-roster.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { auditActorId, refuse, type Operator, type PeopleDeps } from "../people/operator.js";

export interface ImportRosterOptions {
  by: Operator;
  /** The command line names the school; in the bot it is the actor's own school. */
  schoolId?: number;
  roster: Extract<ParsedRoster, { kind: "parsed" }>;
}

export interface ImportedClass {
  label: string;
  added: number;
  created: boolean;
}

export type ImportRosterResult =
  | { kind: "rejected"; issues: RosterIssue[] }
  | { kind: "imported"; added: number; skipped: RosterRow[]; classes: ImportedClass[]; parentsAdded: number };

/**
 * Imports a parsed class list all or nothing: any problem in the file, or a class the operator
 * may not fill, rejects the whole file with every problem by line. Students already in their class
 * (same search name) are skipped, not doubled. Missing classes are created for admins only.
 */
export async function importRoster(deps: PeopleDeps, options: ImportRosterOptions): Promise<ImportRosterResult> {
  const { by, roster } = options;
  const schoolId = by === "cli" ? options.schoolId : by.schoolId;
  if (by !== "cli" && (schoolId === undefined || !can(by, "manageStudents"))) {
    return refuse(deps, by, "manageStudents", "roster");
  }
  if (schoolId === undefined) throw new AppError("invalidInput", "no school");

  const students = createStudentRepository(deps.db);
  const labels = [...new Set(roster.rows.map((r) => r.classLabel))];
  const existing = await students.classesByLabel(deps.db, schoolId, labels);
  const mayCreate = by === "cli" || can(by, "manageClasses");
  const issues = [...roster.issues];
  for (const row of roster.rows) {
    const schoolClass = existing.get(row.classLabel);
    const problem = !schoolClass
      ? mayCreate
        ? undefined
        : "noSuchClass"
      : by === "cli" || can(by, "manageStudents", { schoolId, teacherMemberId: schoolClass.teacherMemberId ?? -1 })
        ? undefined
        : "notYourClass";
    if (problem) {
      issues.push({ line: row.line, column: "classLabel", heading: roster.headings.classLabel, problem, value: row.classLabel });
    }
  }
  if (issues.length > 0) return { kind: "rejected", issues: issues.sort((a, b) => a.line - b.line) };

  const at = deps.now();
  return deps.db.$transaction(async (tx) => {
    const classIds = new Map<string, number>();
    const classes: ImportedClass[] = [];
    for (const label of labels) {
      const found = (await students.classesByLabel(tx, schoolId, [label])).get(label);
      classIds.set(label, found?.id ?? (await students.createClass(tx, schoolId, label)));
      classes.push({ label, added: 0, created: !found });
    }
    const stored = await students.searchNamesIn(tx, schoolId, [...classIds.values()]);
    const skipped: RosterRow[] = [];
    const fresh = roster.rows.filter((row) => {
      const duplicate = stored.has(studentKey(classIds.get(row.classLabel)!, row.searchName));
      if (duplicate) skipped.push(row);
      else classes.find((c) => c.label === row.classLabel)!.added++;
      return !duplicate;
    });
    const added = await students.insertStudents(
      tx,
      schoolId,
      fresh.map((row) => ({
        classId: classIds.get(row.classLabel)!,
        fullName: row.fullName,
        searchName: row.searchName,
        birthDate: row.birthDate,
      })),
    );
    // Parents of new and of already listed students alike: a file imported again adds only who is new.
    const ids = await students.idsIn(tx, schoolId, [...classIds.values()]);
    const parentsAdded = await createFamilyRepository(deps.db).addMissing(
      tx,
      schoolId,
      roster.rows.flatMap((row) => {
        const studentId = ids.get(studentKey(classIds.get(row.classLabel)!, row.searchName));
        return studentId === undefined ? [] : row.parents.map((p) => ({ studentId, ...p }));
      }),
    );
    await recordAudit(tx, {
      schoolId,
      actorId: auditActorId(by),
      action: "roster.imported",
      subject: `school:${schoolId}`,
      detail: {
        added,
        skipped: skipped.length,
        classes: classes.length,
        classesCreated: classes.filter((c) => c.created).length,
        parentsAdded,
        via: by === "cli" ? "cli" : "bot",
      },
      at,
    });
    return { kind: "imported" as const, added, skipped, classes, parentsAdded };
  });
}
