import { createStudentRepository, type ClassSummary } from "../../repositories/student-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { refuse, type PeopleDeps } from "../people/operator.js";

export type { ClassSummary };

export interface ClassList {
  /** "own": the actor's classes as class teacher; "school": every class (deputies, admins). */
  scope: "own" | "school";
  classes: ClassSummary[];
}

/** The classes whose students the actor manages, with student counts. */
export async function listClasses(deps: PeopleDeps, actor: Actor): Promise<ClassList> {
  if (actor.schoolId === undefined || !can(actor, "manageStudents")) return refuse(deps, actor, "manageStudents", "classes");
  const students = createStudentRepository(deps.db);
  // A class with no class teacher is one only school-wide roles may manage.
  if (can(actor, "manageStudents", { schoolId: actor.schoolId, teacherMemberId: -1 })) {
    return { scope: "school", classes: await students.classesOfSchool(actor.schoolId) };
  }
  return { scope: "own", classes: actor.memberId === undefined ? [] : await students.classesOf(actor.schoolId, actor.memberId) };
}
