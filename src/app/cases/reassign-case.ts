import { reassignCase as reassignCaseTransition } from "../../domain/case/index.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { changeCase, requireRole, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface ReassignCaseOptions {
  actor: Actor;
  caseId: string;
  /** The member who takes the case over: an active teacher of the actor's school. */
  teacherMemberId: number;
}

/** The change, and the name of the teacher who took the case over (for the reply). */
export async function reassignCase(deps: CaseServiceDeps, options: ReassignCaseOptions): Promise<CaseChange & { teacherName: string }> {
  const { actor, caseId, teacherMemberId } = options;
  // The role check comes first so that a refused actor learns nothing about the school's members.
  const { schoolId } = await requireRole(deps, actor, "reassign", `case:${caseId}`);
  const teacher = await createSchoolRepository(deps.db).findMember(schoolId, teacherMemberId);
  if (!teacher || !teacher.active) throw new AppError("notFound", `no member ${teacherMemberId} in school ${schoolId}`);
  if (!teacher.roles.includes("teacher")) throw new AppError("invalidInput", `member ${teacherMemberId} is not a teacher`);
  const change = await changeCase(deps, {
    actor,
    caseId,
    action: "reassign",
    audit: "case.reassigned",
    auditDetail: { toMemberId: teacherMemberId },
    transition: ({ stored, today, actorId }) =>
      reassignCaseTransition(stored.state, { teacherId: String(teacherMemberId), actorId, today }),
  });
  return { ...change, teacherName: teacher.fullName };
}
