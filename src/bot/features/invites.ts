import { Composer } from "grammy";
import { can } from "../../app/access-policy.js";
import { revokeInvite } from "../../app/invites/revoke-invite.js";
import { createSchool } from "../../app/people/create-school.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { CREATE_INVITE_CONVERSATION } from "../conversations/create-invite.js";
import { sayOnRefusal } from "../middleware/error-boundary.js";
import { onCallback } from "../callback.js";
import { REVOKE_INVITE_CALLBACK } from "./invite-views.js";

/** `/newschool <name>` for installation admins, `/invite` for those who administer a school, and revoking a link. */
export function invitesFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  feature.command("newschool", async (ctx) => {
    if (!ctx.actor) return void (await ctx.reply(ctx.t("start.stranger")));
    if (!can(ctx.actor, "createSchool")) return void (await ctx.reply(ctx.t("common.notAllowed")));
    const name = ctx.match.trim();
    if (!name) return void (await ctx.reply(ctx.t("invite.newSchoolUsage")));
    sayOnRefusal(ctx, { invalidInput: "invite.newSchoolUsage", other: "common.notAllowed" });
    const school = await createSchool(deps, { by: ctx.actor, name, timezone: deps.defaultTimezone, fallbackName: ctx.from!.first_name });
    ctx.log.info({ schoolId: school.schoolId }, "school created");
    await ctx.reply(ctx.t("invite.schoolCreated", { name: school.name }));
  });

  feature.command("invite", async (ctx) => {
    if (!ctx.actor) return void (await ctx.reply(ctx.t("start.stranger")));
    if (!can(ctx.actor, "invite")) return void (await ctx.reply(ctx.t("common.notAllowed")));
    if (ctx.actor.schoolId === undefined) return void (await ctx.reply(ctx.t("invite.needSchool")));
    await ctx.conversation.enter(CREATE_INVITE_CONVERSATION);
  });

  onCallback(feature, REVOKE_INVITE_CALLBACK, async (ctx, { inviteId }) => {
    if (!can(ctx.actor, "invite")) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed") }));
    sayOnRefusal(ctx, { other: "common.unknownButton" });
    const result = await revokeInvite(deps, { by: ctx.actor!, inviteId });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t(result.revoked ? "invite.revoked" : `invite.notRevoked.${result.reason}`));
  });

  return feature;
}
