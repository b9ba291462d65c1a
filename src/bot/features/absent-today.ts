import { Composer } from "grammy";
import { can } from "../../app/access-policy.js";
import type { BotContext } from "../context.js";
import { ABSENT_TODAY_CONVERSATION } from "../conversations/absent-today.js";

/** /absent: «Отсутствуют сегодня» for the class teacher (issue 15). */
export function absentTodayFeature() {
  const feature = new Composer<BotContext>();
  feature.chatType("private").command("absent", async (ctx) => {
    if (!ctx.actor) return void (await ctx.reply(ctx.t("start.stranger")));
    if (ctx.actor.schoolId === undefined || !can(ctx.actor, "importAttendance")) return void (await ctx.reply(ctx.t("common.notAllowed")));
    await ctx.conversation.enter(ABSENT_TODAY_CONVERSATION);
  });
  return feature;
}
