import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseServiceDeps, type LoadedCase } from "../cases/case-service.js";
import { planStepOf } from "./plan-steps.js";

/**
 * The case, when the actor may work on it, it is open and its regulation has a plan step that
 * was not skipped. Measures may be recorded while the plan is being drawn up (the step is open),
 * so the step's outcome notice carries them.
 */
export async function loadPlanCase(deps: CaseServiceDeps, actor: Actor, caseId: string): Promise<LoadedCase> {
  const loaded = await loadCaseFor(deps, actor, caseId, "completeStep");
  const { state } = loaded.stored;
  if (state.status === "closed") throw new AppError("caseClosed", `case ${caseId} is closed`);
  const planStep = planStepOf(loaded.regulation);
  if (!planStep || state.steps[planStep.id]?.state === "skipped") {
    throw new AppError("invalidInput", `case ${caseId} has no plan to record yet`);
  }
  return loaded;
}
