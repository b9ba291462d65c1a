import { createSchoolRepository } from "../../repositories/school-repository.js";
import { can } from "../access-policy.js";
import type { Actor } from "../actor.js";
import { AppError } from "../app-error.js";
import { refuse, type PeopleDeps } from "./operator.js";

/** The timezone of the actor's own school (`schoolId`), for dates a dialogue shows and reads; the installation's default when it has none. */
export async function getSchoolTimezone(
  deps: PeopleDeps & { defaultTimezone: string },
  options: { actor: Actor | undefined; schoolId: number },
): Promise<string> {
  const { actor, schoolId } = options;
  if (!actor) throw new AppError("forbidden", "no actor");
  if (actor.schoolId !== schoolId || !can(actor, "useBot")) return refuse(deps, actor, "useBot", `school:${schoolId}`);
  return (await createSchoolRepository(deps.db).calendarSettings(schoolId))?.timezone ?? deps.defaultTimezone;
}
