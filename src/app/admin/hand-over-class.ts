import { reassignCase as reassignCaseTransition } from "../../domain/case/index.js";
import { localDateIn } from "../../domain/dates.js";
import { createAdminRepository } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository, type StoredCase } from "../../repositories/case-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError, domainCall } from "../app-error.js";
import { savedRevision } from "../cases/case-service.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

export interface HandOverResult {
  classLabel: string;
  /** Open cases of the class that moved from the previous teacher to the new one. */
  movedCaseIds: number[];
  /** The new class teacher's name. */
  teacherName: string;
}

/**
 * A class gets another class teacher; the previous teacher's open cases of that class follow,
 * each with a «reassigned» event, all in one transaction with one audit row.
 */
export async function handOverClass(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; classId: number; teacherMemberId: number },
): Promise<HandOverResult> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, `class:${options.classId}`);
  const schools = createSchoolRepository(deps.db);
  const admin = createAdminRepository(deps.db);
  const cases = createCaseRepository(deps.db);
  const schoolClass = (await admin.classes(schoolId)).find((c) => c.id === options.classId);
  if (!schoolClass) throw new AppError("notFound", `no class ${options.classId}`);
  const teacher = await schools.findMember(schoolId, options.teacherMemberId);
  if (!teacher || !teacher.active) throw new AppError("notFound", `no member ${options.teacherMemberId}`);
  if (!teacher.roles.includes("teacher")) throw new AppError("invalidInput", `member ${options.teacherMemberId} is not a teacher`);
  if (schoolClass.teacherId === options.teacherMemberId) throw new AppError("conflict", "the class already has this teacher");
  const settings = await schools.calendarSettings(schoolId);
  const at = deps.now();
  const today = localDateIn(at, settings!.timezone);
  const previous = schoolClass.teacherId;
  const caseIds = previous === null ? [] : await admin.openCasesOfClass(schoolId, options.classId, previous);
  const loaded: StoredCase[] = [];
  for (const id of caseIds) {
    const stored = await cases.findById(schoolId, String(id));
    if (stored) loaded.push(stored);
  }
  const actorId = String(actor.memberId ?? "admin");
  await deps.db.$transaction(async (tx) => {
    await admin.setClassTeacher(tx, schoolId, options.classId, options.teacherMemberId);
    for (const stored of loaded) {
      const next = domainCall(() => reassignCaseTransition(stored.state, { teacherId: String(options.teacherMemberId), actorId, today }));
      savedRevision(await cases.update(tx, schoolId, next.state, stored.revision), next.state.id, stored.revision);
      await cases.appendEvents(tx, schoolId, next.state.id, next.events, at);
    }
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "class.handedOver",
      subject: `class:${options.classId}`,
      detail: { fromMemberId: previous, toMemberId: options.teacherMemberId, cases: loaded.map((c) => c.state.id).join(",") },
      at,
    });
  });
  return { classLabel: schoolClass.label, movedCaseIds: loaded.map((c) => Number(c.state.id)), teacherName: teacher.fullName };
}
