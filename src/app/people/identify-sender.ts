import type { Db } from "../../db/open-database.js";
import { pickLanguage } from "../../i18n.js";
import { createSessionRepository } from "../../repositories/session-repository.js";
import { createUpdateLookup, type ActorUser, type UpdateLookup } from "../../repositories/update-lookup-repository.js";
import type { Actor } from "../actor.js";

/** The per-update read of the sender (user and memberships, one statement). */
export interface SenderLookup {
  lookup(telegramId: number): Promise<UpdateLookup>;
}

/** Built once by the composition root: the statement text is prepared once per database. */
export function createSenderLookup(db: Db): SenderLookup {
  return createUpdateLookup(db);
}

/** Stored dialogue states by key (JSON text), for the bot's conversation storage. */
export interface DialogueStateStore {
  read(key: string): Promise<string | null>;
  write(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createDialogueStateStore(db: Db): DialogueStateStore {
  return createSessionRepository(db);
}

export interface IdentifySenderDeps {
  senderLookup: SenderLookup;
  adminIds: readonly number[];
}

/**
 * Who is acting, from the database by Telegram id (never from anything the update carries but the
 * id); undefined for a stranger: no active membership and not an installation admin.
 */
export async function identifySender(
  deps: IdentifySenderDeps,
  options: { telegramId: number; telegramLanguage?: string },
): Promise<Actor | undefined> {
  const { user } = await deps.senderLookup.lookup(options.telegramId);
  return actorOf(deps, options.telegramId, options.telegramLanguage, user);
}

/**
 * The actor of a dashboard session: the same person as in the bot, bound to the session's member
 * (and so its school); undefined when that membership is no longer active.
 */
export async function identifyMember(
  deps: IdentifySenderDeps,
  options: { telegramId: number; memberId: number },
): Promise<Actor | undefined> {
  const { user } = await deps.senderLookup.lookup(options.telegramId);
  const membership = user?.memberships.find((m) => m.id === options.memberId && m.active);
  if (!user || !membership) return undefined;
  return {
    telegramId: options.telegramId,
    userId: user.id,
    fullName: user.fullName,
    language: pickLanguage(user.language, undefined),
    schoolId: membership.schoolId,
    memberId: membership.id,
    roles: membership.roles,
    installationAdmin: false,
  };
}

function actorOf(
  deps: IdentifySenderDeps,
  telegramId: number,
  telegramLanguage: string | undefined,
  user: ActorUser | undefined,
): Actor | undefined {
  const installationAdmin = deps.adminIds.includes(telegramId);
  const membership =
    user?.memberships.find((m) => m.active && m.schoolId === user.activeSchoolId) ?? user?.memberships.find((m) => m.active);
  if (!membership && !installationAdmin) return undefined;
  return {
    telegramId,
    userId: user?.id,
    fullName: user?.fullName ?? "",
    language: pickLanguage(user?.language, telegramLanguage),
    schoolId: membership?.schoolId,
    memberId: membership?.id,
    roles: membership?.roles ?? [],
    installationAdmin,
  };
}
