import type { Context, MiddlewareFn } from "grammy";
import { pickLanguage } from "../../i18n.js";
import type { Actor } from "../../app/actor.js";
import type { AppFlavor } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * Resolves who is acting (from the database, by Telegram id), their language, a translator
 * and a child logger for this update. Installed outside and inside conversations.
 */
export function appContext<C extends Context & AppFlavor>(deps: BotDeps): MiddlewareFn<C> {
  return async (ctx, next) => {
    ctx.log = deps.logger.child({ update: ctx.update.update_id, user: ctx.from?.id });
    ctx.actor = ctx.from ? await resolveActor(deps, ctx.from.id, ctx.from.language_code) : undefined;
    ctx.lang = ctx.actor?.language ?? pickLanguage(undefined, ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}

export async function resolveActor(deps: BotDeps, telegramId: number, telegramLanguage?: string): Promise<Actor | undefined> {
  const installationAdmin = deps.adminIds.includes(telegramId);
  const user = await deps.users.findByTelegramId(telegramId);
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
