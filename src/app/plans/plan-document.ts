import { createFamilyRepository, type ParentRecord } from "../../repositories/family-repository.js";
import { createSchoolRepository, type StudentProfile } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { getCaseCard, type CaseCard } from "../cases/get-case-card.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import type { CasePlan } from "./get-plan.js";

/** What the ИПР as a document needs besides the card: the school's requisites, the student's date of birth, the parents. */
export interface PlanDocument {
  card: CaseCard;
  /** None, or without measures, when there is nothing to print yet. */
  plan?: CasePlan;
  student?: StudentProfile;
  parents: ParentRecord[];
  teacherName: string;
}

/** The ИПР of a case, for someone allowed to view the case. */
export async function getPlanDocument(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<PlanDocument> {
  const card = await getCaseCard(deps, options);
  const plan = card.plan?.ready && card.plan.measures.length > 0 ? card.plan : undefined;
  const schoolId = options.actor.schoolId!;
  const studentId = card.state.studentId === undefined ? undefined : Number(card.state.studentId);
  const [student, parents] = await Promise.all([
    studentId === undefined ? undefined : createSchoolRepository(deps.db).studentProfile(schoolId, studentId),
    studentId === undefined ? [] : createFamilyRepository(deps.db).parents(schoolId, studentId),
  ]);
  return {
    card,
    ...(plan ? { plan } : {}),
    ...(student ? { student } : {}),
    parents,
    teacherName: card.names[card.state.teacherId] ?? "",
  };
}
