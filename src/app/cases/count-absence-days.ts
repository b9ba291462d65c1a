import { criterion22, type Criterion22Result } from "../../domain/calendar/criterion22.js";
import type { LocalDate } from "../../domain/dates.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { CaseServiceDeps } from "./case-service.js";

/** Criterion No. 22 for an absence from `firstAbsenceDay` through `until`, on the actor's school calendar. */
export async function countAbsenceDays(
  deps: CaseServiceDeps,
  options: { actor: Actor; firstAbsenceDay: LocalDate; until: LocalDate },
): Promise<Criterion22Result> {
  const { actor, firstAbsenceDay, until } = options;
  if (actor.schoolId === undefined) throw new AppError("forbidden", "no school");
  const school = await createSchoolRepository(deps.db).schoolDays(actor.schoolId, deps.productionYears);
  if (!school) throw new AppError("notFound", `no school ${actor.schoolId}`);
  return criterion22({ calendar: school.calendar, firstAbsenceDay, today: until });
}
