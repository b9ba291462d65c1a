import { isLocalDate, type LocalDate } from "../../domain/dates.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import { createCaseRepository } from "../../repositories/case-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { loadCaseFor, type CaseServiceDeps } from "../cases/case-service.js";

/**
 * The date the student was put on internal school registration (ВШУ), which the ИПР names: the
 * teacher running the case, a deputy or the director records it (it may be before the case was
 * opened, never after today).
 */
export async function recordRegistration(deps: CaseServiceDeps, options: { actor: Actor; caseId: string; on: LocalDate }): Promise<void> {
  const { stored, today, at } = await loadCaseFor(deps, options.actor, options.caseId, "editStudentRecord");
  if (!isLocalDate(options.on)) throw new AppError("invalidDate", `not a date: ${options.on}`);
  if (options.on > today) throw new AppError("dateInFuture", `${options.on} is after ${today}`);
  await deps.db.$transaction(async (tx) => {
    await createCaseRepository(deps.db).setRegisteredOn(tx, stored.schoolId, stored.state.id, options.on);
    await recordAudit(tx, {
      schoolId: stored.schoolId,
      actorId: options.actor.userId ?? null,
      action: "case.registrationRecorded",
      subject: `case:${stored.state.id}`,
      detail: { on: options.on },
      at,
    });
  });
}
