import { recordAudit } from "../../repositories/audit-repository.js";
import { createSosRepository } from "../../repositories/sos-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { completeStep } from "../cases/complete-step.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";
import { openCase } from "../cases/open-case.js";
import { findStudentFor } from "../students/search-students.js";
import { dispatchSos } from "./dispatch-sos.js";
import { isSosSituation, SOS_TEXT_MAX } from "./sos-situations.js";
import { sosRecipients } from "./sos-people.js";

export interface RaiseSosOptions {
  actor: Actor;
  kind: string;
  studentId?: number;
  text: string;
  intervalMinutes?: number;
}

export interface RaisedSos {
  alertId: number;
  /** People the first round went to (0: nobody in the bot can take it — the teacher must phone). */
  recipients: number;
  /** The interaction-1-emergency case recorded for the student, if any. */
  caseId?: number;
}

export const EMERGENCY_REGULATION = "interaction-1-emergency";

/**
 * The alert row is written first (with its audit), then round 1 goes to the outbox; should the
 * process die in between, the minute job sends it. The case is recorded last and never holds
 * the alert up.
 */
export async function raiseSos(deps: CaseServiceDeps, options: RaiseSosOptions): Promise<RaisedSos> {
  const { actor } = options;
  const { schoolId, memberId } = await requireRole(deps, actor, "openCase", "sos");
  if (!isSosSituation(options.kind)) throw new AppError("invalidInput", `unknown situation ${options.kind}`);
  const text = options.text.trim().slice(0, SOS_TEXT_MAX);
  if (!text) throw new AppError("invalidInput", "empty text");
  if (options.studentId !== undefined) {
    const student = await findStudentFor(deps, { actor, studentId: options.studentId, purpose: "openCase" });
    if (!student) throw new AppError("notFound", `no student ${options.studentId} for member ${memberId}`);
  }

  const sos = createSosRepository(deps.db);
  const at = deps.now();
  const alertId = await deps.db.$transaction(async (tx) => {
    const id = await sos.create(tx, {
      schoolId,
      teacherMemberId: memberId,
      studentId: options.studentId ?? null,
      kind: options.kind,
      text,
      at,
    });
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "sos.raised",
      subject: `sos:${id}`,
      detail: { memberId, kind: options.kind, studentId: options.studentId ?? null },
      at,
    });
    return id;
  });

  await dispatchSos(deps, { alertId, ...(options.intervalMinutes ? { intervalMinutes: options.intervalMinutes } : {}) });
  const recipients = sosRecipients(await sos.staff(schoolId), 1, memberId).length;
  const caseId = options.studentId !== undefined ? await recordEmergencyCase(deps, actor, options.studentId, alertId) : undefined;
  return { alertId, recipients, ...(caseId !== undefined ? { caseId } : {}) };
}

/**
 * Section I's step «взаимодействует с директором» is what the alert itself does (form: messenger),
 * so the case is opened with the step done at once. Left open, its urgent step would make the
 * reminder planner send the director an emergency notice of its own — a second alert.
 */
async function recordEmergencyCase(deps: CaseServiceDeps, actor: Actor, studentId: number, alertId: number): Promise<number | undefined> {
  try {
    const opened = await openCase(deps, { actor, regulationId: EMERGENCY_REGULATION, studentId });
    await completeStep(deps, { actor, caseId: opened.state.id, stepId: "contactDirector", form: "messenger", note: `SOS #${alertId}` });
    return Number(opened.state.id);
  } catch {
    // The alert is what matters; the case is a record the teacher can still open by hand.
    return undefined;
  }
}
