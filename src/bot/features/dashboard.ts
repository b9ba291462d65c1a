import { Composer, InlineKeyboard } from "grammy";
import { can } from "../../app/access-policy.js";
import { createDashboardLink } from "../../app/dashboard/dashboard-session.js";
import { applyMenuButtons } from "../../delivery/menu-buttons.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/**
 * The dashboard from the bot (issue 16): /dashboard answers with a one-time sign-in link for a
 * computer (and, over HTTPS, a button that opens the Mini App); deputies and directors (and class
 * teachers where the school turned it on in /admin) get the chat's menu button set to the Mini App
 * by the hourly job (jobs/dashboard-menu-job.ts), or the first time they write, whichever is first. Without
 * HTTP_PORT and WEB_APP_URL, /dashboard says how to turn it on.
 */
export function dashboardFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  const url = deps.dashboardUrl;
  // Telegram opens Mini Apps over HTTPS only.
  const miniApp = url?.startsWith("https://") ? url : undefined;
  const menuSet = new Set<number>();

  if (miniApp) {
    feature.chatType("private").use(async (ctx, next) => {
      const actor = ctx.actor;
      // Once per person per process: a new deputy need not wait for the hourly job.
      if (actor?.userId !== undefined && !menuSet.has(actor.telegramId)) {
        menuSet.add(actor.telegramId);
        await applyMenuButtons(deps, ctx.api, { url: miniApp, userId: actor.userId });
      }
      await next();
    });
  }

  feature.chatType("private").command("dashboard", async (ctx) => {
    if (!ctx.actor) return void (await ctx.reply(ctx.t("start.stranger")));
    if (!url) return void (await ctx.reply(ctx.t("dashboard.command.off")));
    if (!can(ctx.actor, "useDashboard")) return void (await ctx.reply(ctx.t("common.notAllowed")));
    const link = await createDashboardLink(deps, { actor: ctx.actor });
    const signIn = new URL(`login?t=${link.token}`, url).toString();
    await ctx.reply(ctx.t("dashboard.command.link", { url: signIn }), {
      link_preview_options: { is_disabled: true },
      ...(miniApp ? { reply_markup: new InlineKeyboard().webApp(ctx.t("dashboard.command.menu"), miniApp) } : {}),
    });
  });
  return feature;
}
