import type { TFunction } from "i18next";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext, InnerContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import type { Actor } from "../../app/actor.js";
import { getCaseCard } from "../../app/cases/get-case-card.js";
import type { Language } from "../../i18n.js";
import { caseCardKeyboard } from "./case-card-keyboard.js";
import { caseCardText, type CardModel } from "./case-card-view.js";
import { replyOrEdit } from "./reply-or-edit.js";

/** The card, as the acting person may see and use it. */
export async function loadCardModel(deps: BotDeps, actor: Actor, caseId: number, focusStepId?: string): Promise<CardModel> {
  const card = await getCaseCard(deps, { actor, caseId: String(caseId) });
  const { plan } = card;
  const resource = { schoolId: actor.schoolId ?? -1, teacherMemberId: Number(card.state.teacherId) };
  return {
    card,
    ...(plan ? { plan } : {}),
    canAct: can(actor, "completeStep", resource),
    canClose: can(actor, "closeCase", resource),
    canComment: can(actor, "comment", resource),
    canReassign: can(actor, "reassign", resource),
    ...(focusStepId ? { focusStepId } : {}),
  };
}

/** A message ready to send; plain JSON, so dialogues can return it from conversation.external. */
export type CardMessage = { ok: true; text: string; reply_markup: InlineKeyboardMarkup } | { ok: false; text: string };

/**
 * The card as a message. A refusal (missing, someone else's, another school's) goes on to the error
 * boundary, which says it in the user's language.
 */
export async function buildCaseCardMessage(
  deps: BotDeps,
  actor: Actor | undefined,
  t: TFunction,
  lang: Language,
  caseId: number,
  focusStepId?: string,
): Promise<CardMessage> {
  if (!actor) return { ok: false, text: t("card.unavailable") };
  const model = await loadCardModel(deps, actor, caseId, focusStepId);
  const keyboard = caseCardKeyboard(t, lang, model);
  return { ok: true, text: caseCardText(t, lang, model), reply_markup: { inline_keyboard: keyboard.inline_keyboard } };
}

/**
 * Shows a case card to the acting user: replies, or with `edit` replaces the pressed message.
 * A refusal (no such case, someone else's, another school's) is thrown on to the error boundary.
 * Inside a conversation, call it only after the dialogue's last wait (it reads the database), or
 * use buildCaseCardMessage through the dialogue kit's `run`.
 */
export async function showCaseCard(
  ctx: BotContext | InnerContext,
  deps: BotDeps,
  caseId: number,
  options: { edit?: boolean; focusStepId?: string } = {},
): Promise<void> {
  // It never answers a callback query: that stays with the caller's handler (or the boundary).
  if (!ctx.actor) {
    await ctx.reply(ctx.t("card.unavailable"));
    return;
  }
  const model = await loadCardModel(deps, ctx.actor, caseId, options.focusStepId);
  await replyOrEdit(
    ctx,
    caseCardText(ctx.t, ctx.lang, model),
    { inline_keyboard: caseCardKeyboard(ctx.t, ctx.lang, model).inline_keyboard },
    options.edit ?? false,
  );
}
