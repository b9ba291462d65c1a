import { openCase as openCaseTransition } from "../../domain/case/index.js";
import { criterion22 } from "../../domain/calendar/criterion22.js";
import { isLocalDate, type LocalDate } from "../../domain/dates.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { DEPUTY_AREAS, type DeputyArea } from "../../domain/people/roles.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError, domainCall } from "../app-error.js";
import { openingDeputy } from "./case-deputy.js";
import { refuse, requireRole, schoolNow, type CaseChange, type CaseServiceDeps } from "./case-service.js";

export interface OpenCaseOptions {
  actor: Actor;
  regulationId: string;
  /** For a regulation about a student. */
  studentId?: number;
  /** For a class-level regulation (e.g. the annual upbringing plan). */
  classId?: number;
  /** The day the trigger arrived; today (the school's date) by default. */
  openedOn?: LocalDate;
  /** The first day of absence, where the regulation asks for it; the school days missed are counted from it. */
  firstAbsenceOn?: LocalDate;
  /** For a regulation whose rule is "ask" (section II): the question is about upbringing or learning. */
  deputyArea?: DeputyArea;
}

/** Opens a case run by the acting teacher, under the regulation's current version. */
export async function openCase(deps: CaseServiceDeps, options: OpenCaseOptions): Promise<CaseChange> {
  const { actor } = options;
  const subject = options.studentId !== undefined ? `student:${options.studentId}` : `class:${options.classId ?? ""}`;
  const { schoolId, memberId } = await requireRole(deps, actor, "openCase", subject);
  if (!can(actor, "openCase", { schoolId, teacherMemberId: memberId })) return refuse(deps, actor, "openCase", subject);

  const regulation = currentRegulation(deps, options.regulationId);
  const subjectIds = await resolveSubject(deps, schoolId, regulation, options);
  if (options.deputyArea !== undefined && !DEPUTY_AREAS.includes(options.deputyArea))
    throw new AppError("invalidInput", `unknown deputy area ${String(options.deputyArea)}`);
  const deputy = openingDeputy(await createDeputyRepository(deps.db).staff(schoolId), regulation, options.deputyArea);
  const { at, today } = await schoolNow(deps, schoolId);
  const openedOn = options.openedOn ?? today;
  const absence = await absenceSoFar(deps, schoolId, regulation, options.firstAbsenceOn, openedOn);
  const opened = domainCall(() =>
    openCaseTransition(regulation, {
      id: "new",
      teacherId: String(memberId),
      ...(subjectIds.studentId !== undefined ? { studentId: String(subjectIds.studentId) } : {}),
      classLabel: subjectIds.classLabel,
      openedOn,
      ...absence,
      today,
      actorId: String(memberId),
    }),
  );

  const cases = createCaseRepository(deps.db);
  const stored = await deps.db.$transaction(async (tx) => {
    const stored = await cases.insert(tx, {
      schoolId,
      state: opened.state,
      ...subjectIds,
      ...(deputy ? { deputyMemberId: deputy.memberId } : {}),
    });
    await cases.appendEvents(tx, schoolId, stored.state.id, opened.events, at);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "case.opened",
      subject: `case:${stored.state.id}`,
      detail: {
        memberId,
        regulationId: regulation.id,
        regulationVersion: regulation.version,
        deputyMemberId: deputy?.memberId ?? null,
        ...(options.deputyArea ? { deputyArea: options.deputyArea } : {}),
      },
      at,
    });
    return stored;
  });
  return { state: stored.state, revision: stored.revision, events: opened.events, notifications: opened.notifications };
}

/** The first day of absence and the school days missed by the opening date, on the school's calendar. */
async function absenceSoFar(
  deps: CaseServiceDeps,
  schoolId: number,
  regulation: Regulation,
  firstAbsenceOn: LocalDate | undefined,
  openedOn: LocalDate,
): Promise<{ firstAbsenceOn?: LocalDate; daysMissed?: number }> {
  if (firstAbsenceOn === undefined) return {};
  if (!regulation.opening.asksFirstAbsence) throw new AppError("invalidInput", `${regulation.id} does not ask for a first day of absence`);
  if (!isLocalDate(firstAbsenceOn)) throw new AppError("invalidInput", `not a date: ${firstAbsenceOn}`);
  if (firstAbsenceOn > openedOn) throw new AppError("invalidInput", `first absence ${firstAbsenceOn} after opening ${openedOn}`);
  const school = await createSchoolRepository(deps.db).schoolDays(schoolId, deps.productionYears);
  if (!school) throw new AppError("notFound", `no school ${schoolId}`);
  const { schoolDaysSoFar } = criterion22({ calendar: school.calendar, firstAbsenceDay: firstAbsenceOn, today: openedOn });
  return { firstAbsenceOn, daysMissed: schoolDaysSoFar };
}

function currentRegulation(deps: CaseServiceDeps, regulationId: string): Regulation {
  if (!deps.regulations.has(regulationId)) throw new AppError("invalidInput", `unknown regulation ${regulationId}`);
  return deps.regulations.current(regulationId);
}

/** The student (and their class) or the class, both within the actor's school. */
async function resolveSubject(
  deps: CaseServiceDeps,
  schoolId: number,
  regulation: Regulation,
  options: OpenCaseOptions,
): Promise<{ studentId?: number; classId: number; classLabel: string }> {
  const schools = createSchoolRepository(deps.db);
  if (regulation.subject === "student") {
    if (options.studentId === undefined) throw new AppError("invalidInput", `${regulation.id} needs a student`);
    const student = await schools.findStudent(schoolId, options.studentId);
    if (!student) throw new AppError("notFound", `no student ${options.studentId} in school ${schoolId}`);
    if (student.leftOn) throw new AppError("notFound", `student ${student.id} left the school on ${student.leftOn}`);
    return { studentId: student.id, classId: student.classId, classLabel: student.classLabel };
  }
  if (options.classId === undefined) throw new AppError("invalidInput", `${regulation.id} needs a class`);
  const schoolClass = await schools.findClass(schoolId, options.classId);
  if (!schoolClass) throw new AppError("notFound", `no class ${options.classId} in school ${schoolId}`);
  return { classId: schoolClass.id, classLabel: schoolClass.label };
}
