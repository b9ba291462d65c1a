import { recordAudit } from "../../repositories/audit-repository.js";
import { COUNCIL_FORMS, createCouncilRepository, type CouncilForm, type CouncilRequestRecord } from "../../repositories/council-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { councilFacts, councilRequestNotices, type Told } from "./council-notices.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { requireRole, type CaseServiceDeps } from "../cases/case-service.js";

export interface RequestCouncilOptions {
  actor: Actor;
  studentId: number;
  caseId?: number;
  reason: string;
  form: CouncilForm;
  /** 1–3 proposed moments, in the future. */
  slots: readonly Date[];
}

/**
 * IV.2: a request for a collegial discussion. Section IV's rule: a request by anyone but the
 * student's class teacher waits for the class teacher's consent (teacherConsent "pending") and
 * reaches the deputy only once given; the class teacher's own request needs none.
 */
export async function requestCouncil(deps: CaseServiceDeps, options: RequestCouncilOptions): Promise<CouncilRequestRecord & { told: Told }> {
  const { actor } = options;
  const { schoolId, memberId } = await requireRole(deps, actor, "comment", `student:${options.studentId}`);
  const student = await createSchoolRepository(deps.db).findStudent(schoolId, options.studentId);
  if (!student) throw new AppError("notFound", `no student ${options.studentId}`);
  const councils = createCouncilRepository(deps.db);
  const facts = await councilFacts(deps.db, schoolId, student.id);
  const ownClass = facts.classTeacherId === memberId;
  // A teacher may ask about their own class's students only; school-wide roles about anyone's.
  if (!ownClass && !actor.roles.some((r) => r === "deputy" || r === "specialist" || r === "director")) {
    throw new AppError("forbidden", `member ${memberId} is not the class teacher of student ${student.id}`);
  }
  const reason = options.reason.trim().replace(/\s+/g, " ");
  if (!reason || reason.length > 1000) throw new AppError("invalidInput", "bad reason");
  if (!COUNCIL_FORMS.includes(options.form)) throw new AppError("invalidInput", `bad form ${options.form}`);
  const at = deps.now();
  if (options.slots.length < 1 || options.slots.length > 3 || options.slots.some((s) => s <= at)) throw new AppError("invalidInput", "bad slots");
  const fields = {
    schoolId,
    studentId: student.id,
    ...(options.caseId !== undefined ? { caseId: options.caseId } : {}),
    requestedBy: memberId,
    reason,
    proposedForm: options.form,
    slots: options.slots.map((s) => s.toISOString()),
    teacherConsent: ownClass ? ("given" as const) : ("pending" as const),
  };
  const { id, told } = await deps.db.$transaction(async (tx) => {
    const created = await councils.create(tx, fields);
    // The class teacher is asked first, or the deputy gets the slots: in the same transaction.
    const notices = councilRequestNotices(facts, { ...fields, id: created, status: "proposed" }, at);
    await addNotifications(tx, notices.rows, at);
    await recordAudit(tx, { schoolId, actorId: actor.userId ?? null, action: "council.requested", subject: `council:${created}`, detail: { memberId, ownClass }, at });
    return { id: created, told: notices.told };
  });
  return { ...(await councils.find(schoolId, id))!, told };
}
