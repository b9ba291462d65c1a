import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { AppError } from "../../app/app-error.js";
import { correctMark } from "../../app/cases/correct-mark.js";
import { lastMarkOf } from "../../domain/case/index.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { loadCardModel } from "../views/show-case-card.js";
import {
  correctionListKeyboard,
  correctionListText,
  correctionStepKeyboard,
  correctionStepText,
  markedSteps,
} from "../views/correction-rows.js";
import { onCardPress, renderCard, showModel, stepAt, type PressContext } from "./card-press.js";
import type { CardModel } from "../views/case-card-view.js";

/*
 * «↩️ Исправить отметку» on the card: pick a marked step, then undo its last mark or, for a step
 * with a question, replace the answer. The press is only a pointer: correctMark loads the case,
 * asks the access policy and the domain refuses what cannot be undone.
 */
export function markCorrectionFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  /** Who may correct an open case; otherwise the card as it is now, with the reason. */
  async function mayCorrect(ctx: PressContext, model: CardModel): Promise<string | undefined> {
    if (model.card.state.status !== "open") {
      await showModel(ctx, model);
      return ctx.t("caseErrors.caseClosed");
    }
    if (!model.canAct) return ctx.t("common.notAllowed");
    return undefined;
  }

  onCardPress(feature, deps, ["corrections"], async (ctx, press) => {
    const model = await loadCardModel(deps, ctx.actor, press.caseId);
    const refused = await mayCorrect(ctx, model);
    if (refused) return refused;
    if (markedSteps(model.card).length === 0) {
      await showModel(ctx, model);
      return ctx.t("correction.nothing");
    }
    await replyOrEdit(ctx, correctionListText(ctx.t, model.card), correctionListKeyboard(ctx.t, ctx.lang, model.card), true);
  });

  onCardPress(feature, deps, ["correctStep"], async (ctx, press) => {
    const { model, step, index } = await stepAt(ctx, deps, press);
    const refused = await mayCorrect(ctx, model);
    if (refused) return refused;
    const mark = lastMarkOf(model.card.regulation, model.card.state, step.id);
    if (!mark) throw new AppError("nothingToUndo", `step ${step.id} of case ${press.caseId} has no mark`);
    const { card } = model;
    await replyOrEdit(
      ctx,
      correctionStepText(ctx.t, ctx.lang, card, step, mark),
      correctionStepKeyboard(ctx.t, ctx.lang, card, step, index, mark),
      true,
    );
  });

  onCardPress(feature, deps, ["undoMark"], async (ctx, press) => {
    const { step } = await stepAt(ctx, deps, press);
    await correctMark(deps, { actor: ctx.actor, caseId: String(press.caseId), stepId: step.id });
    // The step is open again: the card shows it with its usual buttons, to be marked anew.
    await renderCard(ctx, deps, press.caseId, step.id);
    return ctx.t("correction.undone", { number: step.number });
  });

  onCardPress(feature, deps, ["correctAnswer"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    const answer = step.question?.answers[press.args[1] ?? -1];
    if (!answer) throw new AppError("answerNotOffered", `no answer #${press.args[1]} for step ${step.id}`);
    // The same day as the mark it replaces: the answer was wrong, not the date.
    const mark = lastMarkOf(model.card.regulation, model.card.state, step.id);
    await correctMark(deps, {
      actor: ctx.actor,
      caseId: String(press.caseId),
      stepId: step.id,
      mark: { answer: answer.id, ...(mark ? { on: mark.on } : {}) },
    });
    await renderCard(ctx, deps, press.caseId);
    return ctx.t("correction.corrected", { number: step.number, answer: answer.label[ctx.lang] });
  });

  return feature;
}
