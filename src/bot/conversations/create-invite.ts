import { ROLES } from "../../app/actor.js";
import { defineCallback, oneOf } from "../../app/callback-data.js";
import { createInvite } from "../../app/invites/create-invite.js";
import { inviteLink } from "../../app/invites/invite-link.js";
import { formatRussianDate, localDateIn } from "../../domain/dates.js";
import { normalizeClassLabel } from "../../roster/class-label.js";
import type { BotConversation, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { describeRoles, revokeKeyboard } from "../features/invite-views.js";
import { askChoice, askText, choicesOf, requireActor, run } from "./kit/index.js";

export const CREATE_INVITE_CONVERSATION = "createInvite";

/** The role buttons: "inv:role:<role>" (the invitation's own «Отозвать» is "inv:rv:<id>", invite-views). */
const ROLE_CALLBACK = defineCallback("inv", { action: oneOf("role"), role: oneOf(...ROLES) });

/** The role by buttons, the class typed for a teacher, then the single-use link. */
export function createInviteConversation(deps: BotDeps) {
  return async function createInviteDialogue(conversation: BotConversation, ctx: InnerContext) {
    const chosen = await askChoice(conversation, ctx, {
      prompt: ctx.t("invite.askRole"),
      choices: choicesOf(
        ROLE_CALLBACK,
        ROLES.map((role) => ({ label: ctx.t(`invite.roleButtons.${role}`), data: { action: "role" as const, role }, value: role })),
      ),
      cancelButton: false,
      dropButtons: true,
      hint: "settings.pressButton",
    });
    if (!chosen) return;
    const role = chosen.value;

    let classLabel: string | undefined;
    if (role === "teacher") {
      const typed = await askText(conversation, ctx, {
        prompt: ctx.t("invite.askClass"),
        cancelButton: false,
        hint: "invite.badClass",
        buttonHint: (_data, c) => c.t("invite.badClass"),
        check: (text, c) => (normalizeClassLabel(text) ? undefined : c.t("invite.badClass")),
      });
      if (!typed) return;
      classLabel = normalizeClassLabel(typed.value);
    }

    const chosenRole = role;
    // The actor of this update is resolved afresh by the outside middleware.
    const invite = await run(
      conversation,
      async (outer) => {
        const invite = await createInvite(deps, { by: requireActor(outer), role: chosenRole, classLabel });
        return {
          id: invite.id,
          token: invite.token,
          until: formatRussianDate(localDateIn(invite.expiresAt, invite.schoolTimezone)),
          roles: invite.roles,
          classLabel: invite.classLabel,
        };
      },
      { refusals: { forbidden: "common.notAllowed", other: "common.error" } },
    );
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
