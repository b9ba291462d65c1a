import type { LocalDate } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { searchNameOf } from "../../repositories/school-repository.js";
import { createStudentRepository } from "../../repositories/student-repository.js";
import { normalizeClassLabel } from "../../roster/class-label.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { normalizeFullName } from "../people/person-details.js";
import { refuse, type PeopleDeps } from "../people/operator.js";

export interface AddStudentOptions {
  actor: Actor;
  fullName: string;
  /** A class of the actor's school, by id (a button) or by label (typed). */
  classId?: number;
  classLabel?: string;
  birthDate?: LocalDate;
}

export type AddStudentResult =
  | { added: true; studentId: number; fullName: string; classLabel: string }
  | { added: false; reason: "duplicate"; fullName: string; classLabel: string };

/**
 * One student into a class the actor manages. A student of the same name already in the class is
 * not added twice. A class typed that does not exist yet is created for those who may create classes.
 */
export async function addStudent(deps: PeopleDeps, options: AddStudentOptions): Promise<AddStudentResult> {
  const { actor } = options;
  const subject = `class:${options.classId ?? options.classLabel ?? "-"}`;
  if (actor.schoolId === undefined || !can(actor, "manageStudents")) return refuse(deps, actor, "manageStudents", subject);
  const schoolId = actor.schoolId;
  const fullName = normalizeFullName(options.fullName);
  if (!fullName) throw new AppError("invalidInput", "not a name");
  const searchName = searchNameOf(fullName);

  const students = createStudentRepository(deps.db);
  let target: { id?: number; label: string; teacherMemberId: number | null };
  if (options.classId !== undefined) {
    const found = await students.findClass(deps.db, schoolId, options.classId);
    if (!found) throw new AppError("notFound", `no class ${options.classId} in school ${schoolId}`);
    target = found;
  } else {
    const label = normalizeClassLabel(options.classLabel ?? "");
    if (!label) throw new AppError("invalidInput", `not a class label: ${options.classLabel ?? ""}`);
    const found = (await students.classesByLabel(deps.db, schoolId, [label])).get(label);
    if (!found && !can(actor, "manageClasses")) throw new AppError("notFound", `no class ${label} in school ${schoolId}`);
    target = found ? { ...found, label } : { label, teacherMemberId: null };
  }
  const classExists = target.id !== undefined;
  if (classExists && !can(actor, "manageStudents", { schoolId, teacherMemberId: target.teacherMemberId ?? -1 })) {
    return refuse(deps, actor, "manageStudents", subject);
  }

  const at = deps.now();
  return deps.db.$transaction(async (tx) => {
    const classId = target.id ?? (await students.createClass(tx, schoolId, target.label));
    const existing = await students.findByName(tx, schoolId, classId, searchName);
    if (existing) return { added: false as const, reason: "duplicate" as const, fullName: existing.fullName, classLabel: target.label };
    const studentId = await students.insertStudent(tx, schoolId, { classId, fullName, searchName, birthDate: options.birthDate });
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "student.added",
      subject: `student:${studentId}`,
      detail: { classId, classCreated: !classExists, memberId: actor.memberId ?? null },
      at,
    });
    return { added: true as const, studentId, fullName, classLabel: target.label };
  });
}
