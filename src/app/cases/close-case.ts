import { closeCase as closeCaseTransition } from "../../domain/case/index.js";
import type { LocalDate } from "../../domain/dates.js";
import type { Actor } from "../actor.js";
import { changeCase, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface CloseCaseOptions {
  actor: Actor;
  caseId: string;
  reason: string;
  note?: string;
  /** Why a weekly step that had started was never recorded (required when there is one). */
  gapReason?: string;
  /** Today (the school's date) by default. */
  on?: LocalDate;
}

export function closeCase(deps: CaseServiceDeps, options: CloseCaseOptions): Promise<CaseChange> {
  const { actor, caseId } = options;
  return changeCase(deps, {
    actor,
    caseId,
    action: "closeCase",
    audit: "case.closed",
    transition: ({ regulation, stored, today, actorId }) =>
      closeCaseTransition(regulation, stored.state, {
        reason: options.reason,
        actorId,
        on: options.on ?? today,
        today,
        note: options.note,
        gapReason: options.gapReason,
      }),
  });
}
