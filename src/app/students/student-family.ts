import { isParentRelation, normalizePhone, parentName, type ParentRelation } from "../../domain/people/parents.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import type { Tx } from "../../repositories/case-repository.js";
import { createFamilyRepository, type ParentRecord } from "../../repositories/family-repository.js";
import { createParentMeetingRepository, type ParentMeetingRecord } from "../../repositories/parent-meeting-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { LocalDate } from "../../domain/dates.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps, type LoadedCase } from "../cases/case-service.js";

/*
 * A student's parents and «характеристика», reached through one of the student's cases: whoever
 * may view the case sees them; the teacher running it, deputies and the director record them.
 * Audit rows keep ids only (no names, no phone numbers).
 */

export const CHARACTERISTIC_MAX = 3000;

export interface StudentFamily {
  studentId: number;
  studentName: string;
  classLabel: string;
  parents: ParentRecord[];
  characteristic?: { text: string; on: string; by: string };
  canEdit: boolean;
  /** Parents invited to meetings about this case, by date of meeting. */
  meetings: ParentMeetingRecord[];
  /** Whether parents may still be invited about this case (it is open). */
  caseOpen: boolean;
  today: LocalDate;
}

async function studentOf(deps: CaseServiceDeps, actor: Actor, caseId: string, action: "viewCase" | "editStudentRecord") {
  const loaded = await loadCaseFor(deps, actor, caseId, action);
  const studentId = loaded.stored.studentId;
  if (studentId === null) throw new AppError("notFound", `case ${caseId} has no student`);
  return { loaded, studentId };
}

export async function getStudentFamily(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<StudentFamily> {
  const { loaded, studentId } = await studentOf(deps, options.actor, options.caseId, "viewCase");
  const schoolId = loaded.stored.schoolId;
  const schools = createSchoolRepository(deps.db);
  const family = createFamilyRepository(deps.db);
  const [student, parents, characteristic, meetings] = await Promise.all([
    schools.findStudent(schoolId, studentId),
    family.parents(schoolId, studentId),
    family.characteristic(schoolId, studentId),
    createParentMeetingRepository(deps.db).forCases(schoolId, [Number(loaded.stored.state.id)]),
  ]);
  if (!student) throw new AppError("notFound", `no student ${studentId}`);
  const author = characteristic ? (await schools.memberNames(schoolId, [characteristic.by]))[String(characteristic.by)] : undefined;
  return {
    studentId,
    studentName: student.fullName,
    classLabel: student.classLabel,
    parents,
    ...(characteristic ? { characteristic: { text: characteristic.text, on: characteristic.on, by: author ?? "" } } : {}),
    canEdit: can(options.actor, "editStudentRecord", { schoolId, teacherMemberId: loaded.stored.teacherMemberId }),
    meetings,
    caseOpen: loaded.stored.state.status === "open",
    today: loaded.today,
  };
}

export async function addParent(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; relation: string; fullName: string; phone?: string },
): Promise<{ added: boolean }> {
  const { loaded, studentId } = await studentOf(deps, options.actor, options.caseId, "editStudentRecord");
  if (!isParentRelation(options.relation)) throw new AppError("invalidInput", `bad relation ${options.relation}`);
  const fullName = parentName(options.fullName);
  if (!fullName) throw new AppError("invalidInput", "bad parent name");
  const phone = options.phone === undefined ? undefined : normalizePhone(options.phone);
  if (options.phone !== undefined && !phone) throw new AppError("invalidInput", "bad phone");
  return audited(deps, loaded, options.actor, "student.parentAdded", studentId, async (tx) => {
    const relation: ParentRelation = options.relation as ParentRelation;
    const added = await createFamilyRepository(deps.db).addMissing(tx, loaded.stored.schoolId, [
      { studentId, fullName, relation, ...(phone ? { phone } : {}) },
    ]);
    return { added: added > 0 };
  });
}

export async function removeParent(deps: CaseServiceDeps, options: { actor: Actor; caseId: string; parentId: number }): Promise<void> {
  const { loaded, studentId } = await studentOf(deps, options.actor, options.caseId, "editStudentRecord");
  await audited(deps, loaded, options.actor, "student.parentRemoved", studentId, async (tx) => {
    if (!(await createFamilyRepository(deps.db).remove(tx, loaded.stored.schoolId, studentId, options.parentId))) {
      throw new AppError("notFound", `no parent ${options.parentId} of student ${studentId}`);
    }
  });
}

export async function saveCharacteristic(deps: CaseServiceDeps, options: { actor: Actor; caseId: string; text: string }): Promise<void> {
  const { loaded, studentId } = await studentOf(deps, options.actor, options.caseId, "editStudentRecord");
  const text = options.text.trim();
  if (!text || text.length > CHARACTERISTIC_MAX) throw new AppError("invalidInput", "bad characteristic");
  await audited(deps, loaded, options.actor, "student.characteristicSaved", studentId, async (tx) => {
    await createFamilyRepository(deps.db).setCharacteristic(tx, loaded.stored.schoolId, studentId, {
      text,
      on: loaded.today,
      by: Number(loaded.actorId),
    });
  });
}

async function audited<T>(
  deps: CaseServiceDeps,
  loaded: LoadedCase,
  actor: Actor,
  action: string,
  studentId: number,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  return deps.db.$transaction(async (tx) => {
    const result = await write(tx);
    await recordAudit(tx, {
      schoolId: loaded.stored.schoolId,
      actorId: actor.userId ?? null,
      action,
      subject: `student:${studentId}`,
      detail: { caseId: Number(loaded.stored.state.id) },
      at: loaded.at,
    });
    return result;
  });
}
