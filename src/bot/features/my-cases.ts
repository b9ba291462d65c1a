import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import { listMyCases } from "../../app/cases/list-my-cases.js";
import { myCasesMessage } from "../views/case-list-view.js";

/** /cases: the teacher's open cases, a line of status each, each openable. */
export function myCasesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  feature.command("cases", async (ctx) => {
    if (!ctx.actor || !can(ctx.actor, "viewCase")) {
      await ctx.reply(ctx.t(ctx.actor ? "common.notAllowed" : "start.stranger"));
      return;
    }
    const message = myCasesMessage(ctx.t, ctx.lang, await listMyCases(deps, { actor: ctx.actor }));
    await ctx.reply(message.text, message.keyboard ? { reply_markup: message.keyboard } : {});
  });
  return feature;
}
