import type { RegulationStep } from "../../domain/regulation/schema.js";
import { findCaseDeputy } from "./case-deputy.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseChange, type CaseServiceDeps } from "./case-service.js";
import { completeStep } from "./complete-step.js";

/** A step the bot can do itself: it tells the case's deputy and may be done by messenger. */
export function canNotifyDeputy(step: RegulationStep): boolean {
  return step.notify.onDone.includes("upbringingDeputy") && step.forms.includes("messenger");
}

export interface NotifyDeputyOptions {
  actor: Actor;
  caseId: string;
  stepId: string;
}

export type NotifyDeputyResult =
  | { kind: "noDeputy" }
  | { kind: "undeliverable"; deputyName: string }
  | { kind: "sent"; deputyName: string; change: CaseChange };

/**
 * «Сообщить через бот»: records the step as done in the form "messenger"; the step's outcome
 * notice (an outbox row written with the change) is the message the deputy gets. A deputy who
 * has never opened the bot cannot be told this way, and the step stays open.
 */
export async function notifyDeputy(deps: CaseServiceDeps, options: NotifyDeputyOptions): Promise<NotifyDeputyResult> {
  const { actor, caseId, stepId } = options;
  const { stored, regulation } = await loadCaseFor(deps, actor, caseId, "completeStep");
  const step = regulation.steps.find((s) => s.id === stepId);
  if (!step) throw new AppError("unknownStep", `no step ${stepId}`);
  if (!canNotifyDeputy(step)) throw new AppError("formNotAllowed", `step ${stepId} is not told through the bot`);
  if (stored.state.status === "closed") throw new AppError("caseClosed", `case ${caseId} is closed`);
  if (stored.state.steps[stepId]?.state !== "open") throw new AppError("stepAlreadyResolved", `step ${stepId} is resolved`);

  const deputy = await findCaseDeputy(deps.db, stored.schoolId, stored, regulation);
  if (!deputy) return { kind: "noDeputy" };
  if (deputy.chatId === null) return { kind: "undeliverable", deputyName: deputy.fullName };
  const change = await completeStep(deps, { actor, caseId, stepId, form: "messenger" });
  return { kind: "sent", deputyName: deputy.fullName, change };
}
