import { completeStep as completeStepTransition } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Form } from "../../domain/regulation/schema.js";
import type { Actor } from "../actor.js";
import { requirePlanContent } from "../plans/plan-content.js";
import { changeCase, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface CompleteStepOptions {
  actor: Actor;
  caseId: string;
  stepId: string;
  /** When it was done; today (the school's date) by default. */
  on?: LocalDate;
  form?: Form;
  note?: string;
  /** The answer to the step's question, when it asks one. */
  answer?: string;
  /** A document the step's outcome notice carries to those it tells. */
  document?: { base64: string; fileName: string };
}

export function completeStep(deps: CaseServiceDeps, options: CompleteStepOptions): Promise<CaseChange> {
  const { actor, caseId, stepId } = options;
  return changeCase(deps, {
    actor,
    caseId,
    action: "completeStep",
    audit: "case.stepCompleted",
    ...(options.document ? { outcomeDocument: options.document } : {}),
    auditDetail: { stepId, answer: options.answer ?? null },
    check: (loaded) => {
      const step = loaded.regulation.steps.find((s) => s.id === stepId);
      // An answer that leaves the step open («ещё нет») does not complete it.
      const completes = step?.question?.answers.find((a) => a.id === options.answer)?.completes ?? true;
      return completes ? requirePlanContent(deps, loaded, step) : Promise.resolve();
    },
    transition: ({ regulation, stored, today, actorId }) =>
      completeStepTransition(regulation, stored.state, {
        stepId,
        actorId,
        on: options.on ?? today,
        today,
        form: options.form,
        note: options.note,
        answer: options.answer,
      }),
  });
}
