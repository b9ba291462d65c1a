import type { Context, MiddlewareFn } from "grammy";
import { pickLanguage } from "../../i18n.js";
import type { Actor } from "../../app/actor.js";
import { identifySender } from "../../app/people/identify-sender.js";
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
export function appContext<C extends Context & AppFlavor>(
  deps: BotDeps,
  { readConversationState = false }: AppContextOptions = {},
): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.log = deps.logger.child({ update: ctx.update.update_id, user: ctx.from?.id });
    if (ctx.from) {
      const key = readConversationState ? conversationKey(ctx) : undefined;
      const { actor, dialogueState } = await identifySender(deps, {
        telegramId: ctx.from.id,
        telegramLanguage: ctx.from.language_code,
        dialogueKey: key,
      });
      if (key !== undefined) holdConversationState(ctx, dialogueState ?? null);
      ctx.actor = actor;
    } else {
      ctx.actor = undefined;
    }
    ctx.lang = ctx.actor?.language ?? pickLanguage(undefined, ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}

export async function resolveActor(deps: BotDeps, telegramId: number, telegramLanguage?: string): Promise<Actor | undefined> {
  return (await identifySender(deps, { telegramId, telegramLanguage })).actor;
}
