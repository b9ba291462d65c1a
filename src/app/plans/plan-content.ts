import type { RegulationStep } from "../../domain/regulation/schema.js";
import { createPlanRepository } from "../../repositories/plan-repository.js";
import { AppError } from "../app-error.js";
import type { CaseServiceDeps, LoadedCase } from "../cases/case-service.js";

/*
 * A step that says `"requires": "planContent"` (the ИПР) is not done while the plan is empty: it
 * needs at least one measure or an attached plan file. Checked in the use case, so every way of
 * marking the step (the button, a form, another date, a comment) meets the same refusal.
 */

/** Refuses completing `step` with "planEmpty" when it requires plan content and the case's plan has none. */
export async function requirePlanContent(deps: CaseServiceDeps, loaded: LoadedCase, step: RegulationStep | undefined): Promise<void> {
  if (step?.requires !== "planContent") return;
  const { schoolId, state } = loaded.stored;
  const plans = createPlanRepository(deps.db);
  const [measures, files] = await Promise.all([plans.measures(schoolId, state.id), plans.attachments(schoolId, state.id, "plan")]);
  if (measures.length === 0 && files.length === 0) {
    throw new AppError("planEmpty", `step ${step.id} of case ${state.id} needs a plan measure or a plan file`);
  }
}
