import { recordAudit } from "../../repositories/audit-repository.js";
import { createInviteRepository, type InviteRecord } from "../../repositories/invite-repository.js";
import { createStudentRepository } from "../../repositories/student-repository.js";
import type { Role } from "../actor.js";
import type { PeopleDeps } from "../people/operator.js";

export type InviteRefusal = "unknown" | "used" | "usedByYou" | "expired" | "revoked";

export type AcceptInviteResult =
  | { ok: true; schoolId: number; schoolName: string; memberId: number; roles: Role[]; classLabel: string | null; newUser: boolean }
  | { ok: false; reason: InviteRefusal };

export interface AcceptInviteOptions {
  token: string;
  telegramId: number;
  chatId: number;
  /** Stored as the name of a new user until they type their full name. */
  firstName: string;
}

/** Thrown inside the transaction to roll it back when another acceptance was first. */
class AlreadyClaimed extends Error {}

/**
 * Joins the person to the invitation's school: the user (if new), the membership with the
 * invitation's roles, and for a teacher the class (created if missing) with them as its class
 * teacher. The token is used up in the same transaction, so it works once.
 */
export async function acceptInvite(deps: PeopleDeps, options: AcceptInviteOptions): Promise<AcceptInviteResult> {
  const invites = createInviteRepository(deps.db);
  const at = deps.now();
  const invite = await invites.findByToken(options.token);
  const refusal = invite ? await whyNot(deps, invite, options.telegramId, at) : "unknown";
  if (refusal) {
    await recordAudit(deps.db, {
      schoolId: invite?.schoolId ?? null,
      actorId: null,
      action: "invite.refused",
      subject: invite ? `invite:${invite.id}` : "",
      detail: { reason: refusal, telegramId: options.telegramId },
      at,
    });
    return { ok: false, reason: refusal };
  }
  const valid = invite!;

  try {
    return await deps.db.$transaction(async (tx) => {
      const user = await invites.upsertUser(tx, { telegramId: options.telegramId, chatId: options.chatId, fullName: options.firstName });
      if (!(await invites.claim(tx, valid.id, user.id, at))) throw new AlreadyClaimed();
      const member = await invites.grantRoles(tx, valid.schoolId, user.id, valid.roles);
      if (valid.classLabel && valid.roles.includes("teacher")) {
        await createStudentRepository(deps.db).assignClassTeacher(tx, valid.schoolId, valid.classLabel, member.memberId);
      }
      await recordAudit(tx, {
        schoolId: valid.schoolId,
        actorId: user.id,
        action: "invite.used",
        subject: `invite:${valid.id}`,
        detail: { memberId: member.memberId, roles: valid.roles.join(","), classLabel: valid.classLabel, newUser: user.created },
        at,
      });
      return {
        ok: true as const,
        schoolId: valid.schoolId,
        schoolName: valid.schoolName,
        memberId: member.memberId,
        roles: member.roles,
        classLabel: valid.classLabel,
        newUser: user.created,
      };
    });
  } catch (error) {
    if (error instanceof AlreadyClaimed) return { ok: false, reason: "used" };
    throw error;
  }
}

async function whyNot(deps: PeopleDeps, invite: InviteRecord, telegramId: number, at: Date): Promise<InviteRefusal | undefined> {
  if (invite.revokedAt) return "revoked";
  if (invite.usedAt) {
    const userId = await createInviteRepository(deps.db).userIdOf(telegramId);
    return userId !== undefined && userId === invite.usedBy ? "usedByYou" : "used";
  }
  if (invite.expiresAt.getTime() <= at.getTime()) return "expired";
  return undefined;
}
