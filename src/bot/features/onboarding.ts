import { Composer } from "grammy";
import { acceptInvite } from "../../app/invites/accept-invite.js";
import { INVITE_TOKEN_PATTERN } from "../../app/invites/invite-link.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { ONBOARDING_CONVERSATION } from "../conversations/onboarding.js";
import { describeRoles } from "./invite-views.js";

/**
 * `/start <token>` from an invitation link. Installed before the plain /start greeting; payloads
 * that cannot be invitation tokens pass on to it.
 */
export function onboardingFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();
  feature.command("start", async (ctx, next) => {
    const token = ctx.match.trim();
    if (!INVITE_TOKEN_PATTERN.test(token)) return next();
    const result = await acceptInvite(deps, {
      token,
      telegramId: ctx.from!.id,
      chatId: ctx.chat.id,
      firstName: ctx.from!.first_name,
    });
    if (!result.ok) {
      ctx.log.info({ reason: result.reason }, "invitation refused");
      await ctx.reply(ctx.t(`onboarding.refused.${result.reason}`));
      return;
    }
    ctx.log.info({ schoolId: result.schoolId, memberId: result.memberId }, "joined by invitation");
    await ctx.reply(
      ctx.t("onboarding.welcome", { school: result.schoolName, roles: describeRoles(ctx.t, result.roles, result.classLabel) }),
    );
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(ONBOARDING_CONVERSATION);
  });
  return feature;
}
