import { createAdminRepository } from "../../repositories/admin-repository.js";
import { recordAudit } from "../../repositories/audit-repository.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "../people/operator.js";

/** The schools a person works in (active memberships), and which one is active now. */
export async function listMySchools(
  deps: PeopleDeps,
  actor: Actor | undefined,
): Promise<{ schoolId: number; name: string; active: boolean }[]> {
  if (!actor?.userId) return [];
  const schools = await createAdminRepository(deps.db).schoolsOf(actor.userId);
  return schools.map((s) => ({ ...s, active: s.schoolId === actor.schoolId }));
}

/** Makes `schoolId` the school every later update works in; only a school the person is an active member of. */
export async function switchSchool(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; schoolId: number },
): Promise<{ schoolId: number; name: string }> {
  const { actor, schoolId } = options;
  if (!actor?.userId) throw new AppError("forbidden", "no user");
  const repository = createAdminRepository(deps.db);
  const target = (await repository.schoolsOf(actor.userId)).find((s) => s.schoolId === schoolId);
  if (!target) throw new AppError("notFound", `user ${actor.userId} is not a member of school ${schoolId}`);
  await repository.setActiveSchool(actor.userId, schoolId);
  await recordAudit(deps.db, {
    schoolId,
    actorId: actor.userId,
    action: "user.schoolSwitched",
    subject: `school:${schoolId}`,
    at: deps.now(),
  });
  return target;
}
