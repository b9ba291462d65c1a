import { correctMark as correctMarkTransition, undoLastMark } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Form } from "../../domain/regulation/schema.js";
import type { Actor } from "../actor.js";
import { changeCase, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface CorrectMarkOptions {
  actor: Actor;
  caseId: string;
  stepId: string;
  /**
   * The mark that replaces the last one (on: today by default). Without it the last mark is only
   * undone and the step is open again, to be marked with the usual buttons.
   */
  mark?: { on?: LocalDate; form?: Form; note?: string; answer?: string };
}

/**
 * Undo (or correct) the last mark of a step of an open case: whoever may mark the step may take
 * its mark back. The correction is an event of its own; nothing earlier is deleted. The deputy who
 * was told of the mark is told of the correction (an outbox notice in the same transaction).
 */
export function correctMark(deps: CaseServiceDeps, options: CorrectMarkOptions): Promise<CaseChange> {
  const { actor, caseId, stepId, mark } = options;
  return changeCase(deps, {
    actor,
    caseId,
    action: "completeStep",
    audit: "case.markCorrected",
    auditDetail: { stepId, answer: mark?.answer ?? null, on: mark ? (mark.on ?? null) : null, remarked: mark !== undefined },
    transition: ({ regulation, stored, today, actorId }) =>
      mark
        ? correctMarkTransition(regulation, stored.state, {
            stepId,
            actorId,
            today,
            mark: { on: mark.on ?? today, form: mark.form, note: mark.note, answer: mark.answer },
          })
        : undoLastMark(regulation, stored.state, { stepId, actorId, today }),
  });
}
