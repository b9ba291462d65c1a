import { createAdminRepository, type ClassRow } from "../../repositories/admin-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

/** The school's classes with their teacher's name (undefined: no teacher), by label; administrators only. */
export async function listClassTeachers(deps: PeopleDeps, actor: Actor | undefined): Promise<(ClassRow & { teacherName?: string })[]> {
  const { schoolId } = await requireAdmin(deps, actor, "school:classes");
  const admin = createAdminRepository(deps.db);
  const [classes, people] = [await admin.classes(schoolId), await admin.people(schoolId)];
  return classes.map((c) => {
    const teacherName = people.find((p) => p.memberId === c.teacherId)?.fullName;
    return teacherName === undefined ? c : { ...c, teacherName };
  });
}

/** A class and the active teachers it may be handed over to (all but its own); administrators only. */
export async function listHandOverCandidates(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; classId: number },
): Promise<{ schoolClass: ClassRow; teachers: { memberId: number; fullName: string }[] }> {
  const { schoolId } = await requireAdmin(deps, options.actor, `class:${options.classId}`);
  const admin = createAdminRepository(deps.db);
  const schoolClass = (await admin.classes(schoolId)).find((c) => c.id === options.classId);
  if (!schoolClass) throw new AppError("notFound", `no class ${options.classId} in school ${schoolId}`);
  const teachers = (await admin.people(schoolId)).filter(
    (p) => p.active && p.roles.includes("teacher") && p.memberId !== schoolClass.teacherId,
  );
  return { schoolClass, teachers: teachers.map((p) => ({ memberId: p.memberId, fullName: p.fullName })) };
}
