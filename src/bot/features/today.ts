import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { listToday } from "../../app/cases/today.js";
import { todayMessages } from "../views/case-list-view.js";

/** /today: the teacher's steps that are overdue, due today or due soon, by student, with buttons. */
export function todayFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  feature.command("today", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "viewCase")) {
      await ctx.reply(ctx.t(ctx.actor ? "common.notAllowed" : "start.stranger"));
      return;
    }
    const list = await listToday(deps, { actor: ctx.actor });
    for (const message of todayMessages(ctx.t, ctx.lang, list)) {
      await ctx.reply(message.text, message.keyboard ? { reply_markup: message.keyboard } : {});
    }
  });
  return feature;
}
