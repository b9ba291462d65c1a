import { recordAudit } from "../../repositories/audit-repository.js";
import { createRetentionRepository } from "../../repositories/retention-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

/**
 * A student erased on request: the student row, and by the database's cascades their cases with
 * everything hanging off them (chronology, notes, plans, attachments, meetings, council requests,
 * reminders). The audit keeps that it happened, by ids only.
 */
export async function eraseStudent(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; studentId: number },
): Promise<{ erasedCases: number }> {
  const { schoolId, actor } = await requireAdmin(deps, options.actor, `student:${options.studentId}`);
  const retention = createRetentionRepository(deps.db);
  const caseIds = await retention.caseIdsOfStudent(schoolId, options.studentId);
  await deps.db.$transaction(async (tx) => {
    if (!(await retention.deleteStudent(tx, schoolId, options.studentId)))
      throw new AppError("notFound", `no student ${options.studentId}`);
    await recordAudit(tx, {
      schoolId,
      actorId: actor.userId ?? null,
      action: "student.erased",
      subject: `student:${options.studentId}`,
      detail: { cases: caseIds.join(",") },
      at: deps.now(),
    });
  });
  return { erasedCases: caseIds.length };
}
