import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/** Installed last: every callback query gets an answer, strangers get the polite refusal. */
export function unhandledFeature() {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("common.unknownButton") });
  });
  feature.on("message", async (ctx) => {
    if (!ctx.actor) await ctx.reply(ctx.t("start.stranger"));
    else await ctx.reply(ctx.t("help.title") + "\n/help");
  });
  return feature;
}
