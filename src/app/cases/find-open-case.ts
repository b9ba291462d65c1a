import type { LocalDate } from "../../domain/dates.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "./case-service.js";

export interface OpenCaseRef {
  caseId: number;
  openedOn: LocalDate;
  /** Whether the actor may open its card (another teacher may run it). */
  canView: boolean;
}

/** The student's open case under this regulation in the actor's school, if there is one. */
export async function findOpenCase(
  deps: CaseServiceDeps,
  options: { actor: Actor; studentId: number; regulationId: string },
): Promise<OpenCaseRef | undefined> {
  const { actor, studentId, regulationId } = options;
  if (actor.schoolId === undefined) return undefined;
  const schoolId = actor.schoolId;
  const open = (await createCaseRepository(deps.db).listByStudent(schoolId, studentId)).find(
    (c) => c.state.status === "open" && c.state.regulationId === regulationId,
  );
  if (!open) return undefined;
  return {
    caseId: Number(open.state.id),
    openedOn: open.state.openedOn,
    canView: can(actor, "viewCase", { schoolId, teacherMemberId: open.teacherMemberId }),
  };
}
