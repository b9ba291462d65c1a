import { createDeputyViewsRepository } from "../../repositories/deputy-views-repository.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps } from "./case-service.js";

export interface ReassignTargets {
  caseId: number;
  /** Active teachers of the case's school but its current teacher, by name. */
  teachers: { memberId: number; fullName: string }[];
}

/**
 * Whom a case may be passed to. Only someone allowed to reassign this case sees the school's
 * teachers: anyone else is refused (and audited) before a name is read.
 */
export async function listReassignTargets(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<ReassignTargets> {
  const { stored } = await loadCaseFor(deps, options.actor, options.caseId, "reassign");
  const teachers = await createDeputyViewsRepository(deps.db).teachers(stored.schoolId);
  return { caseId: Number(stored.state.id), teachers: teachers.filter((p) => p.memberId !== stored.teacherMemberId) };
}
