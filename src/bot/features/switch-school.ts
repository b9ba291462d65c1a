import { Composer, InlineKeyboard } from "grammy";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { listMySchools, switchSchool } from "../../app/admin/switch-school.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { mainMenuKeyboard } from "./main-menu.js";
import { resolveActor } from "../middleware/app-context.js";
import { defineCallback, int } from "../../app/callback-data.js";
import { onCallback } from "../callback.js";

/** "sw:<school>": the school to work in (checked against the memberships on press). */
const SWITCH_CALLBACK = defineCallback("sw", { schoolId: int() });

/**
 * `/school_switch`: a person working in several schools picks the one they work in; every later
 * update (lookups, cards, exports) is scoped to it. The press is checked against the memberships.
 */
export function switchSchoolFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("school_switch", async (ctx) => {
    const schools = await listMySchools(deps, ctx.actor);
    if (schools.length === 0) return void (await ctx.reply(ctx.t("start.stranger")));
    if (schools.length === 1) return void (await ctx.reply(ctx.t("switchSchool.onlyOne", { name: schools[0]!.name })));
    const keyboard = new InlineKeyboard();
    for (const s of schools) keyboard.text(`${s.active ? "✅ " : ""}${s.name}`, SWITCH_CALLBACK.encode({ schoolId: s.schoolId })).row();
    await ctx.reply(ctx.t("switchSchool.choose"), { reply_markup: keyboard });
  });

  onCallback(feature, SWITCH_CALLBACK, async (ctx, { schoolId }) => {
    sayOnRefusal(ctx, { other: "common.notAllowed" });
    const school = await switchSchool(deps, { actor: ctx.actor, schoolId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const actor = await resolveActor(deps, ctx.from.id, ctx.from.language_code);
    await ctx.reply(ctx.t("switchSchool.switched", { name: school.name }), actor ? { reply_markup: mainMenuKeyboard(ctx.t, actor) } : {});
  });
  return feature;
}
