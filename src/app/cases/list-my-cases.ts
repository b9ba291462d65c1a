import { deriveSteps, nextAction, type StepView } from "../../domain/case/index.js";
import { localDateIn, type LocalDate } from "../../domain/dates.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { createCaseRepository, type StoredCase } from "../../repositories/case-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError, domainCall } from "../app-error.js";
import { requireRole, type CaseServiceDeps } from "./case-service.js";

export interface MyCase {
  caseId: string;
  regulation: Regulation;
  studentId?: number;
  studentName?: string;
  classLabel?: string;
  openedOn: LocalDate;
  steps: StepView[];
  /** What to do next; none when every step is resolved. */
  nextStep?: StepView;
}

export interface MyCases {
  today: LocalDate;
  /** Whether `today` is a school day of the actor's school. */
  schoolDay: boolean;
  cases: MyCase[];
}

/** The acting teacher's open cases with their steps derived for the school's today. */
export async function listMyCases(deps: CaseServiceDeps, options: { actor: Actor }): Promise<MyCases> {
  const { schoolId, memberId } = await requireRole(deps, options.actor, "viewCase", "cases:mine");
  const schools = createSchoolRepository(deps.db);
  const school = await schools.schoolDays(schoolId, deps.productionYears);
  if (!school) throw new AppError("notFound", `no school ${schoolId}`);
  const { calendar, settings } = school;
  const today = localDateIn(deps.now(), settings.timezone);

  const stored = await createCaseRepository(deps.db).listOpenByTeacher(schoolId, memberId);
  const cases: MyCase[] = [];
  for (const item of stored) cases.push(await describe(item));
  return { today, schoolDay: calendar.isSchoolDay(today), cases };

  async function describe(item: StoredCase): Promise<MyCase> {
    const regulation = deps.regulations.get(item.state.regulationId, item.state.regulationVersion);
    const steps = domainCall(() => deriveSteps(regulation, item.state, { calendar, today, annualDates: settings.annualDates }));
    const student = item.studentId !== null ? await schools.findStudent(schoolId, item.studentId) : undefined;
    const next = nextAction(steps);
    return {
      caseId: item.state.id,
      regulation,
      openedOn: item.state.openedOn,
      steps,
      ...(student ? { studentId: student.id, studentName: student.fullName } : {}),
      ...(item.state.classLabel ? { classLabel: item.state.classLabel } : {}),
      ...(next ? { nextStep: next } : {}),
    };
  }
}
