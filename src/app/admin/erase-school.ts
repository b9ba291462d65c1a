import { recordAudit } from "../../repositories/audit-repository.js";
import { createRetentionRepository } from "../../repositories/retention-repository.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { auditActorId, refuse, type Operator, type PeopleDeps } from "../people/operator.js";

/**
 * A school erased for good, e.g. when it leaves the installation: one DELETE, and the database's
 * cascades take every row that belongs to it (people's memberships, classes, students, cases and
 * all that hangs off them, the outbox). User rows stay: a person may work in another school. The
 * audit keeps that it happened, by id only, outside the school (its own rows go with it).
 */
export async function eraseSchool(deps: PeopleDeps, options: { by: Operator; schoolId: number }): Promise<void> {
  const { by, schoolId } = options;
  if (by !== "cli" && !can(by, "eraseSchool")) return refuse(deps, by, "eraseSchool", `school:${schoolId}`);
  const retention = createRetentionRepository(deps.db);
  await deps.db.$transaction(async (tx) => {
    if (!(await retention.deleteSchool(tx, schoolId))) throw new AppError("notFound", `no school ${schoolId}`);
    await recordAudit(tx, {
      schoolId: null,
      actorId: auditActorId(by),
      action: "school.erased",
      subject: `school:${schoolId}`,
      detail: {},
      at: deps.now(),
    });
  });
}
