import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { can } from "../../app/access-policy.js";
import { NEW_CASE_CONVERSATION } from "../conversations/new-case.js";

/** /new (and the main menu's «➕»): opens the dialogue that opens a case. */
export function newCaseFeature() {
  const feature = new Composer<BotContext>();
  feature.chatType("private").command("new", async (ctx) => {
    if (!ctx.actor) {
      await ctx.reply(ctx.t("start.stranger"));
      return;
    }
    if (!can(ctx.actor, "openCase") || ctx.actor.schoolId === undefined) {
      await ctx.reply(ctx.t("newCase.notAllowed"));
      return;
    }
    await ctx.conversation.enter(NEW_CASE_CONVERSATION);
  });
  return feature;
}
