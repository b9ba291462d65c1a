import { isLocalDate, type LocalDate } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository, type PlanDateField } from "../../repositories/case-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";

/**
 * The two dates an ИПР carries besides its measures: when the student was put on internal school
 * registration (ВШУ), and when the parents read the plan. The teacher running the case, a deputy or
 * the director records either; a past date (the registration may be before the case was opened),
 * never after today.
 */
export type PlanDate = "registered" | "read";

const FIELDS: Record<PlanDate, { field: PlanDateField; action: string }> = {
  registered: { field: "registeredOn", action: "case.registrationRecorded" },
  read: { field: "planReadOn", action: "plan.readRecorded" },
};

export async function recordPlanDate(
  deps: CaseServiceDeps,
  options: { actor: Actor; caseId: string; which: PlanDate; on: LocalDate },
): Promise<void> {
  const { stored, today, at } = await loadCaseFor(deps, options.actor, options.caseId, "editStudentRecord");
  const target = FIELDS[options.which];
  if (!target) throw new AppError("invalidInput", `no plan date ${String(options.which)}`);
  if (!isLocalDate(options.on)) throw new AppError("invalidDate", `not a date: ${options.on}`);
  if (options.on > today) throw new AppError("dateInFuture", `${options.on} is after ${today}`);
  await deps.db.$transaction(async (tx) => {
    await createCaseRepository(deps.db).setPlanDate(tx, stored.schoolId, stored.state.id, target.field, options.on);
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: target.action,
      subject: `case:${stored.state.id}`,
      detail: { on: options.on },
      at,
    });
  });
}
