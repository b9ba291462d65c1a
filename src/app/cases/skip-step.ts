import { skipStep as skipStepTransition } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../actor.js";
import { changeCase, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface SkipStepOptions {
  actor: Actor;
  caseId: string;
  stepId: string;
  reason: string;
  /** Today (the school's date) by default. */
  on?: LocalDate;
}

/** Skipping resolves a step, so it takes the same permission as completing one. */
export function skipStep(deps: CaseServiceDeps, options: SkipStepOptions): Promise<CaseChange> {
  const { actor, caseId, stepId } = options;
  return changeCase(deps, {
    actor,
    caseId,
    action: "completeStep",
    audit: "case.stepSkipped",
    auditDetail: { stepId },
    transition: ({ regulation, stored, today, actorId }) =>
      skipStepTransition(regulation, stored.state, { stepId, actorId, on: options.on ?? today, today, reason: options.reason }),
  });
}
