import { InlineKeyboard } from "grammy";
import { ROLES, type Role } from "../../app/actor.js";
import { createInvite } from "../../app/invites/create-invite.js";
import { inviteLink } from "../../app/invites/invite-link.js";
import { formatRussianDate, localDateIn } from "../../domain/dates.js";
import { normalizeClassLabel } from "../../roster/class-label.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { describeRoles, revokeKeyboard } from "../features/invite-views.js";
import { attempt, hint, nextAnswer } from "./people-prompts.js";

export const CREATE_INVITE_CONVERSATION = "createInvite";

/** The role by buttons, the class typed for a teacher, then the single-use link. */
export function createInviteConversation(deps: BotDeps) {
  return async function createInviteDialogue(conversation: BotConversation, ctx: InnerContext) {
    const keyboard = new InlineKeyboard();
    for (const role of ROLES) keyboard.text(ctx.t(`invite.roleButtons.${role}`), `inv:role:${role}`).row();
    await ctx.reply(ctx.t("invite.askRole"), { reply_markup: keyboard });
    let role: Role | undefined;
    while (!role) {
      const answer = await nextAnswer(conversation);
      role = ROLES.find((r) => answer.callbackQuery?.data === `inv:role:${r}`);
      if (!role) await hint(answer, "settings.pressButton");
      else {
        await answer.answerCallbackQuery();
        await answer.editMessageReplyMarkup();
      }
    }

    let classLabel: string | undefined;
    if (role === "teacher") {
      await ctx.reply(ctx.t("invite.askClass"));
      while (!classLabel) {
        const answer = await nextAnswer(conversation);
        classLabel = normalizeClassLabel(answer.message?.text ?? "");
        if (!classLabel) await hint(answer, "invite.badClass");
      }
    }

    const chosenRole = role;
    // The actor of this update is resolved afresh by the dialogue's own middleware.
    const outcome = await conversation.external((inner) =>
      attempt(async () => {
        const invite = await createInvite(deps, { by: inner.actor!, role: chosenRole, classLabel });
        return {
          id: invite.id,
          token: invite.token,
          until: formatRussianDate(localDateIn(invite.expiresAt, invite.schoolTimezone)),
          roles: invite.roles,
          classLabel: invite.classLabel,
        };
      }),
    );
    if (!outcome.ok) {
      await ctx.reply(ctx.t(outcome.code === "forbidden" ? "common.notAllowed" : "common.error"));
      return;
    }
    const invite = outcome.value;
    await ctx.reply(
      ctx.t("invite.created", {
        who: describeRoles(ctx.t, invite.roles, invite.classLabel),
        link: inviteLink(ctx.me.username, invite.token),
        until: invite.until,
      }),
      { reply_markup: revokeKeyboard(ctx.t, invite.id), link_preview_options: { is_disabled: true } },
    );
  };
}
