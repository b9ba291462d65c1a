import type { LocalDate } from "../../domain/dates.js";
import type { Form } from "../../domain/regulation/schema.js";
import type { Actor } from "../actor.js";
import type { CaseChange, CaseServiceDeps } from "./case-service.js";
import { completeStep } from "./complete-step.js";
import { recordOccurrence } from "./record-occurrence.js";

export interface MarkStepOptions {
  actor: Actor;
  caseId: string;
  stepId: string;
  /** A recurring step gets an occurrence; any other step is completed. */
  recurring: boolean;
  on?: LocalDate;
  form?: Form;
  note?: string;
  answer?: string;
}

/** "Done" as the teacher means it: completes a step, or records today's contact of a weekly one. */
export function markStep(deps: CaseServiceDeps, options: MarkStepOptions): Promise<CaseChange> {
  const { recurring, answer, ...rest } = options;
  return recurring ? recordOccurrence(deps, rest) : completeStep(deps, { ...rest, ...(answer !== undefined ? { answer } : {}) });
}
