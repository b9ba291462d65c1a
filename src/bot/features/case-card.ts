import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { getPlan } from "../../app/plans/get-plan.js";
import { AppError } from "../../app/app-error.js";
import { unrecordedWeeklySteps } from "../../domain/case/index.js";
import {
  backToCardKeyboard,
  closeConfirmKeyboard,
  closeReasonsKeyboard,
  formsKeyboard,
  stepsKeyboard,
} from "../views/case-card-keyboard.js";
import { caseTitle } from "../views/case-card-view.js";
import { chronologyText } from "../views/chronology-view.js";
import { CLOSE_REASONS, NOTE_REASON } from "../views/close-reasons.js";
import { replaceButtons, replyInParts, replyOrEdit } from "../views/reply-or-edit.js";
import { regulationText } from "../views/regulation-text-view.js";
import { buildCaseCardMessage, loadCardModel } from "../views/show-case-card.js";
import { buildPlanMessage } from "../views/show-plan.js";
import { CLOSE_CASE_CONVERSATION } from "../conversations/close-case.js";
import { onCardPress, requireOpenStep, showModel, stepAt } from "./card-press.js";

/** Looking at a case: the card, a chosen step, the step list, forms, chronology, the plan, closing's menus. */
export function caseCardFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCardPress(feature, deps, ["open"], async (ctx, press) => {
    const message = await buildCaseCardMessage(deps, ctx.actor, ctx.t, ctx.lang, press.caseId);
    if (!message.ok) return message.text;
    await replyOrEdit(ctx, message.text, message.reply_markup, true);
  });

  onCardPress(feature, deps, ["focus"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    await showModel(ctx, { ...model, focusStepId: step.id });
  });

  onCardPress(feature, deps, ["steps"], async (ctx, press) => {
    const model = await loadCardModel(deps, ctx.actor, press.caseId);
    if (model.card.state.status !== "open" || !model.canAct) {
      await showModel(ctx, model);
      return model.card.state.status !== "open" ? ctx.t("caseErrors.caseClosed") : undefined;
    }
    await replaceButtons(ctx, stepsKeyboard(ctx.t, ctx.lang, model.card));
  });

  onCardPress(feature, deps, ["forms"], async (ctx, press) => {
    const { model, step, index } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    await replaceButtons(ctx, formsKeyboard(ctx.t, model.card, index));
    return ctx.t("card.chooseForm");
  });

  onCardPress(feature, deps, ["chronology"], async (ctx, press) => {
    const model = await loadCardModel(deps, ctx.actor, press.caseId);
    await replyOrEdit(ctx, chronologyText(ctx.t, ctx.lang, model.card), backToCardKeyboard(ctx.t, model.card.state.id), true);
  });

  onCardPress(feature, deps, ["details"], async (ctx, press) => {
    const model = await loadCardModel(deps, ctx.actor, press.caseId);
    const text = regulationText(ctx.t, ctx.lang, model.card.regulation);
    await replyInParts(ctx, text, backToCardKeyboard(ctx.t, model.card.state.id));
  });

  onCardPress(feature, deps, ["close"], async (ctx, press) => {
    const model = await loadCardModel(deps, ctx.actor, press.caseId);
    if (!model.canClose) return ctx.t("common.notAllowed");
    if (model.card.state.status !== "open") {
      await showModel(ctx, model);
      return ctx.t("caseErrors.caseClosed");
    }
    await replaceButtons(ctx, closeReasonsKeyboard(ctx.t, model.card.state.id));
    return ctx.t("close.chooseReason");
  });

  onCardPress(feature, deps, ["closeReason"], async (ctx, press) => {
    const reason = CLOSE_REASONS[press.args[0] ?? -1];
    if (!reason) return ctx.t("common.unknownButton");
    const model = await loadCardModel(deps, ctx.actor, press.caseId);
    if (!model.canClose) return ctx.t("common.notAllowed");
    if (model.card.state.status !== "open") {
      await showModel(ctx, model);
      return ctx.t("caseErrors.caseClosed");
    }
    // «другое», or a weekly step never recorded: the teacher types why, in a dialogue.
    if (reason === NOTE_REASON || unrecordedWeeklySteps(model.card.regulation, model.card.state).length > 0) {
      await ctx.conversation.enter(CLOSE_CASE_CONVERSATION, press.caseId, press.args[0]);
      return;
    }
    const text = ctx.t("close.confirm", { subject: caseTitle(model.card), reason: ctx.t(`close.reasons.${reason}`) });
    await replyOrEdit(ctx, text, closeConfirmKeyboard(ctx.t, model.card.state.id, press.args[0]!), true);
  });

  onCardPress(feature, deps, ["plan"], async (ctx, press) => {
    const message = await buildPlanMessage(deps, ctx.actor, ctx.t, ctx.lang, press.caseId);
    if (!message.ok) return message.text;
    await replyOrEdit(ctx, message.text, message.reply_markup, true);
  });

  onCardPress(feature, deps, ["planGetFile"], async (ctx, press) => {
    const plan = await getPlan(deps, { actor: ctx.actor, caseId: String(press.caseId) });
    const file = plan.files.find((f) => f.id === press.args[0]);
    if (!file) throw new AppError("notFound", `no file ${press.args[0]} in case ${press.caseId}`);
    await ctx.replyWithDocument(file.telegramFile);
  });

  return feature;
}
