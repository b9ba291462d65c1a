import type { RegulationStep } from "../../domain/regulation/schema.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { refuse, type CaseServiceDeps } from "./case-service.js";
import { getCaseCard, type CaseCard } from "./get-case-card.js";

export interface GetOpenStepOptions {
  actor: Actor;
  caseId: string;
  /** The step's index in the case's regulation version (as the card's buttons carry it). */
  stepIndex: number;
}

/**
 * A step the actor may resolve now (mark done, date or skip it), with the case's card: the case is
 * open, the actor may complete its steps, the step exists and is still open. Otherwise a refusal.
 */
export async function getOpenStep(deps: CaseServiceDeps, options: GetOpenStepOptions): Promise<{ card: CaseCard; step: RegulationStep }> {
  const { actor, caseId, stepIndex } = options;
  const card = await getCaseCard(deps, { actor, caseId });
  const resource = { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) };
  if (!can(actor, "completeStep", resource)) return refuse(deps, actor, "completeStep", `case:${caseId}`);
  if (card.state.status !== "open") throw new AppError("caseClosed", `case ${caseId} is closed`);
  const step = card.regulation.steps[stepIndex];
  if (!step) throw new AppError("unknownStep", `no step #${stepIndex} in case ${caseId}`);
  if (card.state.steps[step.id]?.state !== "open")
    throw new AppError("stepAlreadyResolved", `step ${step.id} of case ${caseId} is resolved`);
  return { card, step };
}
