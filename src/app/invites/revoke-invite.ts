import { recordAudit } from "../../repositories/audit-repository.js";
import { createInviteRepository, type InviteRecord } from "../../repositories/invite-repository.js";
import { can } from "../access-policy.js";
import { AppError } from "../app-error.js";
import { auditActorId, refuse, type Operator, type PeopleDeps } from "../people/operator.js";

export interface RevokeInviteOptions {
  by: Operator;
  /** The command line names the token; the bot's button carries the id within the actor's school. */
  token?: string;
  inviteId?: number;
}

export type RevokeInviteResult =
  | { revoked: true; invite: InviteRecord }
  | { revoked: false; reason: "used" | "revoked"; invite: InviteRecord };

/** Revokes an unused invitation; a used one stays as it was (the person has joined). */
export async function revokeInvite(deps: PeopleDeps, options: RevokeInviteOptions): Promise<RevokeInviteResult> {
  const { by } = options;
  const invites = createInviteRepository(deps.db);
  if (by !== "cli" && !can(by, "invite")) return refuse(deps, by, "invite", `invite:${options.inviteId ?? "-"}`);
  const invite =
    options.token !== undefined
      ? await invites.findByToken(options.token)
      : by !== "cli" && by.schoolId !== undefined && options.inviteId !== undefined
        ? await invites.findById(by.schoolId, options.inviteId)
        : undefined;
  // Another school's invitation answers like a missing one.
  if (!invite || (by !== "cli" && !by.installationAdmin && invite.schoolId !== by.schoolId)) {
    throw new AppError("notFound", "no such invitation");
  }
  if (invite.usedAt) return { revoked: false, reason: "used", invite };
  if (invite.revokedAt) return { revoked: false, reason: "revoked", invite };

  const at = deps.now();
  const revoked = await deps.db.$transaction(async (tx) => {
    if (!(await invites.revoke(tx, invite.id, at))) return false;
    await recordAudit(tx, {
      schoolId: invite.schoolId,
      actorId: auditActorId(by),
      action: "invite.revoked",
      subject: `invite:${invite.id}`,
      detail: { via: by === "cli" ? "cli" : "bot" },
      at,
    });
    return true;
  });
  // Accepted between the read and the write: the person has joined.
  if (!revoked) return { revoked: false, reason: "used", invite };
  return { revoked: true, invite: { ...invite, revokedAt: at } };
}
