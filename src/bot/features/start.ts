import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { ensureUser } from "../../app/people/ensure-user.js";

export function startFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  feature.command("start", async (ctx) => {
    if (!can(ctx.actor, "useBot")) {
      await ctx.reply(ctx.t("start.stranger"));
      return;
    }
    // Installation admins get their user row on first contact; it carries their profile.
    await ensureUser(deps, { telegramId: ctx.from!.id, chatId: ctx.chat.id, fullName: ctx.actor?.fullName || ctx.from!.first_name });
    const name = ctx.actor?.fullName || ctx.from!.first_name;
    await ctx.reply(ctx.t("start.greeting", { name }));
  });
  return feature;
}
