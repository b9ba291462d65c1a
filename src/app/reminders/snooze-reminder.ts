import type { LocalDate } from "../../domain/dates.js";
import { createReminderRepository } from "../../repositories/reminder-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";

export interface SnoozeReminderOptions {
  actor: Actor;
  caseId: number;
  /** The step's index in the case's regulation version (what the button carries). */
  stepIndex: number;
}

/** «Напомнить завтра»: no reminders about this step to this person until the next school day. */
export async function snoozeReminder(deps: CaseServiceDeps, options: SnoozeReminderOptions): Promise<{ until: LocalDate }> {
  const { actor } = options;
  const loaded = await loadCaseFor(deps, actor, String(options.caseId), "viewCase");
  const step = loaded.regulation.steps[options.stepIndex];
  if (!step || actor.userId === undefined) throw new AppError("notFound", `no step ${options.stepIndex} in case ${options.caseId}`);
  const school = await createSchoolRepository(deps.db).schoolDays(loaded.stored.schoolId, deps.productionYears);
  if (!school) throw new AppError("notFound", `no school ${loaded.stored.schoolId}`);
  const until = school.calendar.addSchoolDays(loaded.today, 1);
  await createReminderRepository(deps.db).snooze({ userId: actor.userId, caseId: options.caseId, stepId: step.id, until });
  return { until };
}
