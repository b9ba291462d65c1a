import type { Actor } from "../actor.js";
import { can } from "../access-policy.js";
import { refuse, type PeopleDeps } from "../people/operator.js";

/** The school an administrator works in; anyone else is refused (and audited). */
export async function requireAdmin(
  deps: PeopleDeps,
  actor: Actor | undefined,
  subject: string,
): Promise<{ schoolId: number; actor: Actor }> {
  if (!actor) throw new Error("no actor");
  if (actor.schoolId === undefined || !can(actor, "administer")) return refuse(deps, actor, "administer", subject);
  return { schoolId: actor.schoolId, actor };
}
