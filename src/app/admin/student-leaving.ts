import { localDateIn, type LocalDate } from "../../domain/dates.js";
import { leaverErasableFrom } from "../../domain/school-year.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

export interface StudentLeaving {
  studentId: number;
  fullName: string;
  /** Undefined when the student is (back) at school. */
  leftOn?: LocalDate;
  /** From this day the retention sweep erases the student's closed cases (and the student, once none is open). */
  erasableFrom?: LocalDate;
  /** Cases still open: they are kept until someone closes them. */
  openCases: number;
}

/**
 * An administrator records that a student has left the school (or, by mistake, returns them).
 * A leaver gets no new cases; their data is erased after the end of that school year.
 */
export async function setStudentLeft(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; studentId: number; left: boolean },
): Promise<StudentLeaving> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, `student:${options.studentId}`);
  const settings = await createSchoolRepository(deps.db).calendarSettings(schoolId);
  if (!settings) throw new AppError("notFound", `no school ${schoolId}`);
  const at = deps.now();
  const leftOn = options.left ? localDateIn(at, settings.timezone) : null;
  const admin = createAdminRepository(deps.db);
  return deps.db.$transaction(async (tx) => {
    const student = await admin.setStudentLeft(tx, schoolId, options.studentId, leftOn);
    if (!student) throw new AppError("notFound", `no student ${options.studentId} in school ${schoolId}`);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: leftOn ? "student.left" : "student.returned",
      subject: `student:${options.studentId}`,
      detail: leftOn ? { leftOn } : {},
      at,
    });
    const openCases = await admin.openCaseCount(tx, schoolId, options.studentId);
    const { fullName } = student;
    return leftOn
      ? { studentId: options.studentId, fullName, leftOn, erasableFrom: leaverErasableFrom(leftOn), openCases }
      : { studentId: options.studentId, fullName, openCases };
  });
}
