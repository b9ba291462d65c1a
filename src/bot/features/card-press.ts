import type { CallbackQueryContext, Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import type { Actor } from "../../app/actor.js";
import { AppError } from "../../app/app-error.js";
import type { RegulationStep } from "../../domain/regulation/schema.js";
import { CARD_CALLBACK, parseCardData, type CardAction, type CardPress } from "../views/callback-data.js";
import { onCallback } from "../callback.js";
import { caseCardKeyboard } from "../views/case-card-keyboard.js";
import { caseCardText, type CardModel } from "../views/case-card-view.js";
import { refusalCode } from "../middleware/error-boundary.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { loadCardModel } from "../views/show-case-card.js";
import { buildPlanMessage } from "../views/show-plan.js";

/*
 * How every press on a case card is handled: the data is parsed (never trusted), the handler
 * loads the case through the use cases (which ask the access policy), a refusal goes on to the
 * error boundary (a short translated toast), and the callback query is answered exactly once.
 */

export type PressContext = CallbackQueryContext<BotContext> & { actor: Actor };
/** A notice for the pressing person: a short toast, or an alert for a longer explanation. */
export type Notice = string | { text: string; alert: true } | undefined;
export type PressHandler = (ctx: PressContext, press: CardPress) => Promise<Notice | void>;

/** Refusals after which the pressed message is out of date: it is replaced by the card as it is now. */
const STALE: readonly string[] = [
  "caseClosed",
  "stepAlreadyResolved",
  "conflict",
  "unknownStep",
  "answerNotOffered",
  "formNotAllowed",
  "recurringStep",
  "notRecurring",
  "nothingToUndo",
  "laterStepMarked",
];

export function onCardPress(composer: Composer<BotContext>, deps: BotDeps, actions: CardAction[], handler: PressHandler) {
  onCallback(composer, CARD_CALLBACK, async (ctx, _data, next) => {
    const press = parseCardData(ctx.callbackQuery.data);
    if (!press || !actions.includes(press.action)) return next();
    let notice: Notice;
    if (!ctx.actor) {
      notice = ctx.t("card.unavailable");
    } else {
      try {
        notice = (await handler(ctx as PressContext, press)) ?? undefined;
      } catch (error) {
        // A stale card is redrawn as it is now; an empty plan is shown with its buttons to fill it.
        // The boundary says why.
        const code = refusalCode(error) ?? "";
        if (code === "planEmpty") await showPlan(ctx as PressContext, deps, press.caseId).catch(() => undefined);
        else if (STALE.includes(code)) await renderCard(ctx as PressContext, deps, press.caseId).catch(() => undefined);
        throw error;
      }
    }
    if (notice === undefined) await ctx.answerCallbackQuery();
    else if (typeof notice === "string") await ctx.answerCallbackQuery({ text: notice });
    else await ctx.answerCallbackQuery({ text: notice.text, show_alert: true });
  });
}

/** Replaces the pressed message with the case's plan (when it can be shown). */
async function showPlan(ctx: PressContext, deps: BotDeps, caseId: number): Promise<void> {
  const message = await buildPlanMessage(deps, ctx.actor, ctx.t, ctx.lang, caseId);
  if (message.ok) await replyOrEdit(ctx, message.text, message.reply_markup, true);
}

/** Replaces the pressed message with the card as it is now. */
export async function renderCard(ctx: PressContext, deps: BotDeps, caseId: number, focusStepId?: string): Promise<CardModel> {
  const model = await loadCardModel(deps, ctx.actor, caseId, focusStepId);
  await showModel(ctx, model);
  return model;
}

export async function showModel(ctx: PressContext, model: CardModel): Promise<void> {
  await replyOrEdit(ctx, caseCardText(ctx.t, ctx.lang, model), caseCardKeyboard(ctx.t, ctx.lang, model), true);
}

/** The card and the step a press points at (by its index in the case's regulation version). */
export async function stepAt(
  ctx: PressContext,
  deps: BotDeps,
  press: CardPress,
): Promise<{ model: CardModel; step: RegulationStep; index: number }> {
  const model = await loadCardModel(deps, ctx.actor, press.caseId);
  const index = press.args[0] ?? -1;
  const step = model.card.regulation.steps[index];
  if (!step) throw new AppError("unknownStep", `no step #${index} in case ${press.caseId}`);
  return { model, step, index };
}

/** The step must be open, on an open case the actor may work on. */
export function requireOpenStep(model: CardModel, step: RegulationStep): void {
  if (model.card.state.status !== "open") throw new AppError("caseClosed", `case ${model.card.state.id} is closed`);
  if (!model.canAct) throw new AppError("forbidden", `may not act on case ${model.card.state.id}`);
  if (model.card.state.steps[step.id]?.state !== "open") throw new AppError("stepAlreadyResolved", `step ${step.id} is resolved`);
}
