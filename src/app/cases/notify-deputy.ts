import type { LocalDate } from "../../domain/dates.js";
import type { Regulation, RegulationStep } from "../../domain/regulation/schema.js";
import { createDeputyRepository, type DeputyContact } from "../../repositories/deputy-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { loadCaseFor, type CaseChange, type CaseServiceDeps } from "./case-service.js";
import { completeStep } from "./complete-step.js";

/** A step the bot can do itself: it tells the deputy for upbringing and may be done by messenger. */
export function canNotifyDeputy(step: RegulationStep): boolean {
  return step.notify.onDone.includes("upbringingDeputy") && step.forms.includes("messenger");
}

/** What the deputy is told: no more than the case card's summary. */
export interface DeputyNotice {
  caseId: string;
  studentName?: string;
  classLabel?: string;
  regulation: Regulation;
  stepNumber: string;
  openedOn: LocalDate;
  /** The school's date the teacher sends the notice. */
  sentOn: LocalDate;
  teacherName: string;
}

export interface NotifyDeputyOptions {
  actor: Actor;
  caseId: string;
  stepId: string;
  /** Delivers the notice to the deputy; false when it could not be delivered. */
  deliver: (deputy: DeputyContact & { chatId: number }, notice: DeputyNotice) => Promise<boolean>;
}

export type NotifyDeputyResult =
  | { kind: "noDeputy" }
  | { kind: "undeliverable"; deputyName: string }
  | { kind: "sent"; deputyName: string; change: CaseChange };

/**
 * Sends the deputy the case card's summary through the bot, then records the step as done in
 * the form "messenger". Delivery comes first: a step is never recorded as told when it was not.
 */
export async function notifyDeputy(deps: CaseServiceDeps, options: NotifyDeputyOptions): Promise<NotifyDeputyResult> {
  const { actor, caseId, stepId } = options;
  const { stored, regulation, today } = await loadCaseFor(deps, actor, caseId, "completeStep");
  const step = regulation.steps.find((s) => s.id === stepId);
  if (!step) throw new AppError("unknownStep", `no step ${stepId}`);
  if (!canNotifyDeputy(step)) throw new AppError("formNotAllowed", `step ${stepId} is not told through the bot`);
  if (stored.state.status === "closed") throw new AppError("caseClosed", `case ${caseId} is closed`);
  if (stored.state.steps[stepId]?.state !== "open") throw new AppError("stepAlreadyResolved", `step ${stepId} is resolved`);

  const deputy = await createDeputyRepository(deps.db).upbringingDeputy(stored.schoolId);
  if (!deputy) return { kind: "noDeputy" };
  if (deputy.chatId === null) return { kind: "undeliverable", deputyName: deputy.fullName };

  const student = stored.studentId !== null ? await createSchoolRepository(deps.db).findStudent(stored.schoolId, stored.studentId) : undefined;
  const notice: DeputyNotice = {
    caseId: stored.state.id,
    ...(student ? { studentName: student.fullName } : {}),
    ...(stored.state.classLabel ? { classLabel: stored.state.classLabel } : {}),
    regulation,
    stepNumber: step.number,
    openedOn: stored.state.openedOn,
    sentOn: today,
    teacherName: actor.fullName,
  };
  if (!(await options.deliver({ ...deputy, chatId: deputy.chatId }, notice))) {
    return { kind: "undeliverable", deputyName: deputy.fullName };
  }
  const change = await completeStep(deps, { actor, caseId, stepId, form: "messenger" });
  return { kind: "sent", deputyName: deputy.fullName, change };
}
