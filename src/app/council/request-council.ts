import { recordAudit } from "../../repositories/audit-repository.js";
import {
  COUNCIL_FORMS,
  createCouncilRepository,
  type CouncilForm,
  type CouncilRequestRecord,
} from "../../repositories/council-repository.js";
import { addNotifications } from "../../repositories/outbox-repository.js";
import { createSchoolRepository, type StudentRecord } from "../../repositories/school-repository.js";
import { councilFacts, councilRequestNotices, type Told } from "./council-notices.js";
import { AppError } from "../app-error.js";
import type { Actor } from "../actor.js";
import { can } from "../access-policy.js";
import { refuse, requireRole, type CaseServiceDeps } from "../cases/case-service.js";

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
 * Who may ask for a council about a student (the policy's "requestCouncil"): the student's class
 * teacher, or a school-wide role. Anyone else is refused and audited. The dialogue asks this before
 * collecting the request, and requestCouncil asks it again.
 */
export async function mayRequestCouncil(
  deps: CaseServiceDeps,
  options: { actor: Actor; studentId: number },
): Promise<{ schoolId: number; memberId: number; student: StudentRecord; ownClass: boolean }> {
  const { actor } = options;
  const subject = `student:${options.studentId}`;
  const { schoolId, memberId } = await requireRole(deps, actor, "requestCouncil", subject);
  const student = await createSchoolRepository(deps.db).findStudent(schoolId, options.studentId);
  if (!student) throw new AppError("notFound", `no student ${options.studentId}`);
  const classTeacher = await createCouncilRepository(deps.db).classTeacherOf(schoolId, student.id);
  // A class without a teacher: only school-wide roles may ask (-1 is nobody's member id).
  if (!can(actor, "requestCouncil", { schoolId, teacherMemberId: classTeacher ?? -1 }))
    return refuse(deps, actor, "requestCouncil", subject);
  return { schoolId, memberId, student, ownClass: classTeacher === memberId };
}

/**
 * IV.2: a request for a collegial discussion. Section IV's rule: a request by anyone but the
 * student's class teacher waits for the class teacher's consent (teacherConsent "pending") and
 * reaches the deputy only once given; the class teacher's own request needs none.
 */
export async function requestCouncil(
  deps: CaseServiceDeps,
  options: RequestCouncilOptions,
): Promise<CouncilRequestRecord & { told: Told }> {
  const { actor } = options;
  const { schoolId, memberId, student, ownClass } = await mayRequestCouncil(deps, { actor, studentId: options.studentId });
  const councils = createCouncilRepository(deps.db);
  const facts = await councilFacts(deps.db, schoolId, student.id, options.caseId);
  const reason = options.reason.trim().replace(/\s+/g, " ");
  if (!reason || reason.length > 1000) throw new AppError("invalidInput", "bad reason");
  if (!COUNCIL_FORMS.includes(options.form)) throw new AppError("invalidInput", `bad form ${options.form}`);
  const at = deps.now();
  if (options.slots.length < 1 || options.slots.length > 3 || options.slots.some((s) => s <= at))
    throw new AppError("invalidInput", "bad slots");
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
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "council.requested",
      subject: `council:${created}`,
      detail: { memberId, ownClass },
      at,
    });
    return { id: created, told: notices.told };
  });
  return { ...(await councils.find(schoolId, id))!, told };
}
