import { recordAudit } from "../../repositories/audit-repository.js";
import { createInviteRepository, type InviteRecord } from "../../repositories/invite-repository.js";
import { normalizeClassLabel } from "../../roster/class-label.js";
import { can } from "../access-policy.js";
import { ROLES, type Role } from "../actor.js";
import { AppError } from "../app-error.js";
import { auditActorId, refuse, type Operator, type PeopleDeps } from "../people/operator.js";
import { newInviteToken } from "./invite-link.js";

export const DEFAULT_INVITE_DAYS = 7;
export const MAX_INVITE_DAYS = 90;

export interface CreateInviteOptions {
  by: Operator;
  /** The command line names the school; in the bot it is the actor's own school. */
  schoolId?: number;
  role: Role;
  /** Required for a teacher: the class they will be class teacher of, e.g. «7Б». */
  classLabel?: string;
  days?: number;
}

/** A single-use invitation to the school with one role (and a class for a teacher). */
export async function createInvite(deps: PeopleDeps, options: CreateInviteOptions): Promise<InviteRecord> {
  const { by } = options;
  const schoolId = by === "cli" ? options.schoolId : (options.schoolId ?? by.schoolId);
  if (by !== "cli") {
    const ownSchool = schoolId === by.schoolId || by.installationAdmin;
    if (!can(by, "invite") || !ownSchool) return refuse(deps, by, "invite", `school:${schoolId ?? "-"}`);
  }
  if (schoolId === undefined) throw new AppError("invalidInput", "no school to invite to");
  if (!(ROLES as readonly string[]).includes(options.role)) throw new AppError("invalidInput", `unknown role ${options.role}`);
  let classLabel: string | null = null;
  if (options.role === "teacher") {
    classLabel = normalizeClassLabel(options.classLabel ?? "") ?? null;
    if (!classLabel) throw new AppError("invalidInput", `a teacher's invitation needs a class like 7Б, got "${options.classLabel ?? ""}"`);
  }
  const days = options.days ?? DEFAULT_INVITE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_INVITE_DAYS) {
    throw new AppError("invalidInput", `an invitation lasts 1 to ${MAX_INVITE_DAYS} days`);
  }
  const invites = createInviteRepository(deps.db);
  if ((await invites.schoolName(schoolId)) === undefined) throw new AppError("notFound", `no school ${schoolId}`);

  const at = deps.now();
  return deps.db.$transaction(async (tx) => {
    const invite = await invites.insert(tx, {
      schoolId,
      token: newInviteToken(),
      roles: [options.role],
      classLabel,
      createdBy: auditActorId(by),
      expiresAt: new Date(at.getTime() + days * 86_400_000),
    });
    await recordAudit(tx, {
      schoolId,
      actorId: auditActorId(by),
      action: "invite.created",
      subject: `invite:${invite.id}`,
      detail: { role: options.role, classLabel, days, via: by === "cli" ? "cli" : "bot" },
      at,
    });
    return invite;
  });
}
