import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../actor.js";
import type { CaseServiceDeps } from "../cases/case-service.js";
import { completeStep } from "../cases/complete-step.js";
import { loadCaseFor } from "../cases/case-service.js";
import { DIFFICULTY_STEPS, requireDifficultyCase } from "../difficulty/difficulty-case.js";
import { addPlanMeasure } from "../plans/add-plan-measure.js";

export interface Agreement {
  what: string;
  who: string;
  dueOn?: LocalDate;
}

/**
 * After the meeting (II.3): step 3 is done (organised through the bot: messenger) and each
 * agreement becomes a measure of «План по итогам встречи», which the weekly step 4 follows.
 */
export async function recordAgreements(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; agreements: readonly Agreement[] },
): Promise<void> {
  const loaded = await loadCaseFor(deps, options.actor, options.caseId, "completeStep");
  requireDifficultyCase(loaded);
  if (loaded.stored.state.steps[DIFFICULTY_STEPS.meeting]?.state === "open") {
    await completeStep(deps, { actor: options.actor, caseId: options.caseId, stepId: DIFFICULTY_STEPS.meeting, form: "messenger" });
  }
  for (const agreement of options.agreements) {
    await addPlanMeasure(deps, {
      actor: options.actor,
      caseId: options.caseId,
      what: agreement.what,
      who: agreement.who,
      ...(agreement.dueOn ? { dueOn: agreement.dueOn } : {}),
    });
  }
}
