import { completeStep } from "../cases/complete-step.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { CouncilRequestRecord } from "../../repositories/council-repository.js";
import type { Actor } from "../actor.js";

export const COUNCIL_REGULATION = "interaction-4-council";
export const COUNCIL_STEPS = { identify: "identifyStudents", informDeputy: "informDeputy", prepare: "prepareInformation" } as const;

/**
 * IV.2 is the class teacher's step, done "together with the deputy": once the deputy agrees the
 * form and time, the step is recorded in the teacher's name (the deputy may not complete steps).
 * Only for a case of section IV whose step 2 is still open; otherwise nothing changes.
 */
export async function completeInformDeputyStep(deps: CaseServiceDeps, request: CouncilRequestRecord): Promise<boolean> {
  if (request.caseId === undefined) return false;
  const row = await createCaseRepository(deps.db).findById(request.schoolId, String(request.caseId));
  if (!row) return false;
  const teacher = await createSchoolRepository(deps.db).findMember(request.schoolId, row.teacherMemberId);
  if (!teacher?.active) return false;
  const actor: Actor = {
    telegramId: 0,
    userId: teacher.userId,
    fullName: teacher.fullName,
    language: "ru",
    schoolId: request.schoolId,
    memberId: teacher.id,
    roles: teacher.roles,
    installationAdmin: false,
  };
  const loaded = await loadCaseFor(deps, actor, String(request.caseId), "completeStep");
  if (loaded.regulation.id !== COUNCIL_REGULATION || loaded.stored.state.status !== "open") return false;
  if (loaded.stored.state.steps[COUNCIL_STEPS.informDeputy]?.state !== "open") return false;
  await completeStep(deps, { actor, caseId: String(request.caseId), stepId: COUNCIL_STEPS.informDeputy, form: "personalMeeting" });
  return true;
}
