import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { mainMenuKeyboard } from "./main-menu.js";

/** Installed ahead of the conversations, or it would never see updates a dialogue waits for. */
export function cancelFeature() {
  const feature = new Composer<BotContext>();
  feature.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    // Staff get their main menu back (a dialogue may have shown its own reply keyboard).
    const keyboard = ctx.actor?.schoolId !== undefined ? mainMenuKeyboard(ctx.t, ctx.actor) : { remove_keyboard: true as const };
    await ctx.reply(ctx.t(active ? "cancel.done" : "cancel.nothing"), { reply_markup: keyboard });
  });
  return feature;
}
