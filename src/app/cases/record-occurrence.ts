import { recordOccurrence as recordOccurrenceTransition } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Form } from "../../domain/regulation/schema.js";
import type { Actor } from "../actor.js";
import { changeCase, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface RecordOccurrenceOptions {
  actor: Actor;
  caseId: string;
  /** A recurring step, e.g. the weekly contact with the family. */
  stepId: string;
  /** When it happened; today (the school's date) by default. */
  on?: LocalDate;
  form?: Form;
  note?: string;
}

export function recordOccurrence(deps: CaseServiceDeps, options: RecordOccurrenceOptions): Promise<CaseChange> {
  const { actor, caseId, stepId } = options;
  return changeCase(deps, {
    actor,
    caseId,
    action: "completeStep",
    audit: "case.occurrenceRecorded",
    auditDetail: { stepId },
    transition: ({ regulation, stored, today, actorId }) =>
      recordOccurrenceTransition(regulation, stored.state, {
        stepId,
        actorId,
        on: options.on ?? today,
        today,
        form: options.form,
        note: options.note,
      }),
  });
}
