import { createAdminRepository } from "../../repositories/admin-repository.js";
import type { Actor } from "../actor.js";
import type { PeopleDeps } from "../people/operator.js";
import { requireAdmin } from "./admin-access.js";

/** Students of the administrator's school whose search name contains `searchName` (to export, erase or mark as left). */
export async function findStudentsToAdminister(
  deps: PeopleDeps,
  options: { actor: Actor | undefined; searchName: string },
): Promise<{ id: number; fullName: string; classLabel: string; leftOn: string | null }[]> {
  const { schoolId } = await requireAdmin(deps, options.actor, "student:search");
  return createAdminRepository(deps.db).findStudents(schoolId, options.searchName);
}
