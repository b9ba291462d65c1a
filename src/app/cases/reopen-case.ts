import { reopenCase as reopenCaseTransition } from "../../domain/case/index.js";
import type { Actor } from "../actor.js";
import { changeCase, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface ReopenCaseOptions {
  actor: Actor;
  caseId: string;
}

/** Whoever may close a case may reopen it (the policy has no separate action). */
export function reopenCase(deps: CaseServiceDeps, options: ReopenCaseOptions): Promise<CaseChange> {
  return changeCase(deps, {
    actor: options.actor,
    caseId: options.caseId,
    action: "closeCase",
    audit: "case.reopened",
    transition: ({ stored, today, actorId }) => reopenCaseTransition(stored.state, { actorId, today }),
  });
}
