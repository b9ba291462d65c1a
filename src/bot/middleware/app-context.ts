import type { Context, MiddlewareFn } from "grammy";
import { pickLanguage } from "../../i18n.js";
import type { Actor } from "../../app/actor.js";
import { identifySender } from "../../app/people/identify-sender.js";
import type { AppFlavor } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * Resolves who is acting (from the database, by Telegram id), their language, a translator
 * and a child logger for this update. Installed outside and inside conversations.
 */
export function appContext<C extends Context & AppFlavor>(deps: BotDeps): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.log = deps.logger.child({ update: ctx.update.update_id, user: ctx.from?.id });
    if (ctx.from) {
      ctx.actor = await resolveActor(deps, ctx.from.id, ctx.from.language_code);
    } else {
      ctx.actor = undefined;
    }
    ctx.lang = ctx.actor?.language ?? pickLanguage(undefined, ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}

export async function resolveActor(deps: BotDeps, telegramId: number, telegramLanguage?: string): Promise<Actor | undefined> {
  return identifySender(deps, { telegramId, telegramLanguage });
}
