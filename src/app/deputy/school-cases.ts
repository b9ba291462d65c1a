import { deriveSteps, type StepView } from "../../domain/case/index.js";
import { localDateIn, type LocalDate } from "../../domain/dates.js";
import type { SchoolDays } from "../../domain/calendar/types.js";
import type { Regulation } from "../../domain/regulation/schema.js";
import { createDeputyViewsRepository, type SchoolCaseRow } from "../../repositories/deputy-views-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import { createDeputyRepository } from "../../repositories/deputy-repository.js";
import { deputyOfCase } from "../cases/case-deputy.js";
import { AppError, domainCall } from "../app-error.js";
import type { CaseServiceDeps } from "../cases/case-service.js";

/** An open case of the school with its steps derived for the school's today. */
export interface SchoolCase extends SchoolCaseRow {
  caseId: number;
  regulation: Regulation;
  steps: StepView[];
  /** The deputy in charge (the stored one while on the staff, else by rule); none in a school without one. */
  deputyInCharge?: number;
}

export interface SchoolCases {
  schoolId: number;
  today: LocalDate;
  schoolDay: boolean;
  timezone: string;
  calendar: SchoolDays;
  cases: SchoolCase[];
}

/** Every open case of a school, derived once; the views and the digest read from it. */
export async function loadSchoolCases(deps: CaseServiceDeps, schoolId: number): Promise<SchoolCases> {
  const school = await createSchoolRepository(deps.db).schoolDays(schoolId, deps.productionYears);
  if (!school) throw new AppError("notFound", `no school ${schoolId}`);
  const { calendar, settings } = school;
  const today = localDateIn(deps.now(), settings.timezone);
  const rows = await createDeputyViewsRepository(deps.db).openCases(schoolId);
  const staff = await createDeputyRepository(deps.db).staff(schoolId);
  const cases: SchoolCase[] = [];
  for (const row of rows) {
    if (!deps.regulations.has(row.state.regulationId)) continue;
    const regulation = deps.regulations.get(row.state.regulationId, row.state.regulationVersion);
    const steps = domainCall(() => deriveSteps(regulation, row.state, { calendar, today, annualDates: settings.annualDates }));
    const deputy = deputyOfCase(staff, row, regulation);
    cases.push({ ...row, caseId: Number(row.state.id), regulation, steps, ...(deputy ? { deputyInCharge: deputy.memberId } : {}) });
  }
  return { schoolId, today, schoolDay: calendar.isSchoolDay(today), timezone: settings.timezone, calendar, cases };
}
