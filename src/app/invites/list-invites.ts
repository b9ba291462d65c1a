import { createInviteRepository, type InviteRecord } from "../../repositories/invite-repository.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { refuse, type Operator, type PeopleDeps } from "../people/operator.js";

/** The school's invitations that can still be used, newest first. */
export async function listOpenInvites(deps: PeopleDeps, options: { by: Operator; schoolId?: number }): Promise<InviteRecord[]> {
  const { by } = options;
  const schoolId = by === "cli" ? options.schoolId : by.schoolId;
  if (by !== "cli" && !can(by, "invite")) return refuse(deps, by, "invite", `school:${schoolId ?? "-"}`);
  if (schoolId === undefined) throw new AppError("invalidInput", "no school");
  const invites = createInviteRepository(deps.db);
  if ((await invites.schoolName(schoolId)) === undefined) throw new AppError("notFound", `no school ${schoolId}`);
  return invites.listOpen(schoolId, deps.now());
}
