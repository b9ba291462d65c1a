import type { Context, MiddlewareFn } from "grammy";
import { pickLanguage } from "../../i18n.js";
import type { Actor } from "../../app/actor.js";
import type { ActorUser } from "../../repositories/update-lookup-repository.js";
import type { AppFlavor } from "../context.js";
import type { BotDeps } from "../deps.js";
import { conversationKey, holdConversationState } from "../conversation-storage.js";

export interface AppContextOptions {
  /**
   * Also read the chat's stored dialogue state in the same statement as the sender, for the
   * conversations plugin's storage to take (outside middleware only: dialogues do not nest).
   */
  readConversationState?: boolean;
}

/**
 * Resolves who is acting (from the database, by Telegram id), their language, a translator
 * and a child logger for this update. Installed outside and inside conversations.
 */
export function appContext<C extends Context & AppFlavor>(deps: BotDeps, { readConversationState = false }: AppContextOptions = {}): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.log = deps.logger.child({ update: ctx.update.update_id, user: ctx.from?.id });
    if (ctx.from) {
      const key = readConversationState ? conversationKey(ctx) : undefined;
      const { user, session } = await deps.updateLookup.lookup(ctx.from.id, key);
      if (key !== undefined) holdConversationState(ctx, session ?? null);
      ctx.actor = actorOf(deps, ctx.from.id, ctx.from.language_code, user);
    } else {
      ctx.actor = undefined;
    }
    ctx.lang = ctx.actor?.language ?? pickLanguage(undefined, ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}

export async function resolveActor(deps: BotDeps, telegramId: number, telegramLanguage?: string): Promise<Actor | undefined> {
  const { user } = await deps.updateLookup.lookup(telegramId);
  return actorOf(deps, telegramId, telegramLanguage, user);
}

function actorOf(deps: BotDeps, telegramId: number, telegramLanguage: string | undefined, user: ActorUser | undefined): Actor | undefined {
  const installationAdmin = deps.adminIds.includes(telegramId);
  const membership =
    user?.memberships.find((m) => m.active && m.schoolId === user.activeSchoolId) ??
    user?.memberships.find((m) => m.active);
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
