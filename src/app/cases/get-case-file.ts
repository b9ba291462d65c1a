import type { StoredCase } from "../../repositories/case-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createAttendanceRepository } from "../../repositories/attendance-repository.js";
import { createFamilyRepository, type ParentRecord } from "../../repositories/family-repository.js";
import { createMeasureRepository, type CaseMeasureRecord } from "../../repositories/measure-repository.js";
import { createPlanRepository, type CaseAttachmentRecord } from "../../repositories/plan-repository.js";
import { createMeetingRepository, type MeetingRecord } from "../../repositories/meeting-repository.js";
import { createParentMeetingRepository, type ParentMeetingRecord } from "../../repositories/parent-meeting-repository.js";
import { createOutboxRepository } from "../../repositories/outbox-repository.js";
import { createSchoolRepository, type StudentProfile } from "../../repositories/school-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { getCaseCard, type CaseCard } from "./get-case-card.js";
import type { CaseServiceDeps } from "./case-service.js";

/** Kinds of notices that told someone other than the teacher about a case. */
const TOLD_KINDS = ["escalationDeputy", "escalationDirector", "emergency", "notice", "councilReview"] as const;

export interface CaseFileCase {
  card: CaseCard;
  /** Section II's measures (with whom, what, in which form). */
  measures: CaseMeasureRecord[];
  meetings: (MeetingRecord & { status: string })[];
  /** Parents invited to meetings about the case, and whether they came. */
  parentMeetings: ParentMeetingRecord[];
  /** Every file of the case (the ИПР's and the others), oldest first. */
  files: CaseAttachmentRecord[];
  /** Notices sent to others about the case, oldest first (the outbox keeps them for its retention only). */
  told: { fullName: string; kind: string; sentAt: Date; stepNumber?: string }[];
  /** Days absent while the case was open, from the journal's attendance loaded (issue 15). */
  missed: { unexcused: number; excused: number };
}

/** «Дело обучающегося»: every case of the student the reader may see, each with its whole record. */
export interface CaseFile {
  student: StudentProfile;
  parents: ParentRecord[];
  /** The class teacher's «характеристика»: its text, date and author's full name. */
  characteristic?: { text: string; on: string; by: string };
  cases: CaseFileCase[];
  /** Names of everyone who recorded a measure or attached a file, by member id. */
  names: Record<string, string>;
}

/**
 * The case file of the student of `caseId`, for someone allowed to view that case. It holds every
 * case of the student the reader may view (a teacher: the cases they run; the deputy, the
 * director: all), open and closed, oldest first. Each card read is audited as a view.
 */
export async function getCaseFile(deps: CaseServiceDeps, options: { actor: Actor; caseId: string }): Promise<CaseFile> {
  const { actor } = options;
  const first = await getCaseCard(deps, { actor, caseId: options.caseId });
  const studentId = first.state.studentId;
  const schoolId = actor.schoolId;
  if (studentId === undefined || schoolId === undefined) throw new AppError("notFound", `case ${options.caseId} has no student`);
  const schools = createSchoolRepository(deps.db);
  const student = await schools.studentProfile(schoolId, Number(studentId));
  if (!student) throw new AppError("notFound", `no student ${studentId} in school ${schoolId}`);

  const visible = (await createCaseRepository(deps.db).listByStudent(schoolId, student.id)).filter((c: StoredCase) =>
    can(actor, "viewCase", { schoolId, teacherMemberId: c.teacherMemberId }),
  );
  const cards: CaseCard[] = [];
  for (const stored of visible) {
    cards.push(stored.state.id === first.state.id ? first : await getCaseCard(deps, { actor, caseId: stored.state.id }));
  }
  const ids = cards.map((c) => Number(c.state.id));
  const measures = createMeasureRepository(deps.db);
  const family = createFamilyRepository(deps.db);
  const plans = createPlanRepository(deps.db);
  const [meetings, told, measureLists, parents, characteristic, fileLists, parentMeetings] = await Promise.all([
    createMeetingRepository(deps.db).forCases(schoolId, ids),
    createOutboxRepository(deps.db).sentAbout(schoolId, ids, TOLD_KINDS),
    Promise.all(ids.map((id) => measures.list(schoolId, id))),
    family.parents(schoolId, student.id),
    family.characteristic(schoolId, student.id),
    Promise.all(ids.map((id) => plans.attachments(schoolId, String(id)))),
    createParentMeetingRepository(deps.db).forCases(schoolId, ids),
  ]);
  const attendance = createAttendanceRepository(deps.db);
  const missed = await Promise.all(
    cards.map((c) => attendance.absencesBetween(schoolId, student.id, c.state.openedOn, c.state.closedOn ?? c.today)),
  );
  const names = await schools.memberNames(schoolId, [
    ...measureLists.flat().map((m) => m.memberId),
    ...(characteristic ? [characteristic.by] : []),
    ...fileLists.flat().flatMap((f) => (f.addedBy ? [f.addedBy] : [])),
  ]);
  return {
    student,
    parents,
    ...(characteristic
      ? { characteristic: { text: characteristic.text, on: characteristic.on, by: names[String(characteristic.by)] ?? "" } }
      : {}),
    names,
    cases: cards.map((card, i) => ({
      card,
      measures: measureLists[i]!,
      meetings: meetings.filter((m) => m.caseId === ids[i]),
      files: fileLists[i]!,
      parentMeetings: parentMeetings.filter((m) => m.caseId === ids[i]),
      told: told.filter((n) => n.caseId === ids[i]).map(({ caseId: _, userId: __, ...notice }) => notice),
      missed: missed[i]!,
    })),
  };
}
