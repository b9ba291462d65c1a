import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { helpSections } from "../../app/access-policy.js";

export function helpFeature() {
  const feature = new Composer<BotContext>();
  feature.command("help", async (ctx) => {
    const sections = helpSections(ctx.actor);
    if (sections.length === 0) {
      await ctx.reply(ctx.t("help.stranger"));
      return;
    }
    const lines = [ctx.t("help.title"), "", ...sections.map((role) => ctx.t(`help.${role}`)), ctx.t("help.common")];
    await ctx.reply(lines.join("\n"));
  });
  return feature;
}
