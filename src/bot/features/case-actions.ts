import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { AppError } from "../../app/app-error.js";
import { closeCase } from "../../app/cases/close-case.js";
import { completeStep } from "../../app/cases/complete-step.js";
import { markStep } from "../../app/cases/mark-step.js";
import { notifyDeputy } from "../../app/cases/notify-deputy.js";
import { togglePlanMeasure } from "../../app/plans/toggle-plan-measure.js";
import { CLOSE_REASONS } from "../views/close-reasons.js";
import { replyOrEdit } from "../views/reply-or-edit.js";
import { buildPlanMessage, planDialogueStart } from "../views/show-plan.js";
import { shortDate } from "../views/format.js";
import { PLAN_MEASURES_CONVERSATION } from "../conversations/plan-measures.js";
import { SKIP_STEP_CONVERSATION } from "../conversations/skip-step.js";
import { STEP_DATE_CONVERSATION } from "../conversations/step-date.js";
import { STEP_NOTE_CONVERSATION } from "../conversations/step-note.js";
import { STEP_REMARK_CONVERSATION } from "../conversations/step-remark.js";
import { onCardPress, renderCard, requireOpenStep, showModel, stepAt } from "./card-press.js";
import { loadCardModel } from "../views/show-case-card.js";

/** Doing things on a case: steps, answers, forms, the deputy's notice, the plan's ticks, closing. */
export function caseActionsFeature(deps: BotDeps) {
  const feature = new Composer<BotContext>();

  onCardPress(feature, deps, ["done"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    if (step.question) throw new AppError("answerRequired", `step ${step.id} asks a question`);
    const recurring = step.timing.kind === "recurring";
    await markStep(deps, { actor: ctx.actor, caseId: String(press.caseId), stepId: step.id, recurring });
    await renderCard(ctx, deps, press.caseId);
    return ctx.t(recurring ? "card.toast.occurrence" : "card.toast.done", { number: step.number, date: shortDate(model.card.today) });
  });

  onCardPress(feature, deps, ["answer"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    const answer = step.question?.answers[press.args[1] ?? -1];
    if (!answer) throw new AppError("answerNotOffered", `no answer #${press.args[1]} for step ${step.id}`);
    await completeStep(deps, { actor: ctx.actor, caseId: String(press.caseId), stepId: step.id, answer: answer.id });
    await renderCard(ctx, deps, press.caseId);
    return ctx.t("card.toast.answered", { number: step.number, answer: answer.label[ctx.lang] });
  });

  onCardPress(feature, deps, ["occurrence"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    await markStep(deps, { actor: ctx.actor, caseId: String(press.caseId), stepId: step.id, recurring: true });
    await renderCard(ctx, deps, press.caseId);
    return ctx.t("card.toast.occurrence", { number: step.number, date: shortDate(model.card.today) });
  });

  onCardPress(feature, deps, ["formDone"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    const form = step.forms[press.args[1] ?? -1];
    if (!form) throw new AppError("formNotAllowed", `no form #${press.args[1]} for step ${step.id}`);
    if (step.question) throw new AppError("answerRequired", `step ${step.id} asks a question`);
    const recurring = step.timing.kind === "recurring";
    await markStep(deps, { actor: ctx.actor, caseId: String(press.caseId), stepId: step.id, recurring, form });
    await renderCard(ctx, deps, press.caseId);
    return ctx.t(recurring ? "card.toast.occurrence" : "card.toast.done", { number: step.number, date: shortDate(model.card.today) });
  });

  const dialogues = {
    doneNote: STEP_NOTE_CONVERSATION,
    note: STEP_REMARK_CONVERSATION,
    date: STEP_DATE_CONVERSATION,
    skip: SKIP_STEP_CONVERSATION,
  } as const;
  for (const action of ["doneNote", "note", "date", "skip"] as const) {
    onCardPress(feature, deps, [action], async (ctx, press) => {
      const { model, step, index } = await stepAt(ctx, deps, press);
      requireOpenStep(model, step);
      await ctx.conversation.enter(dialogues[action], press.caseId, index);
    });
  }

  onCardPress(feature, deps, ["notifyDeputy"], async (ctx, press) => {
    const { model, step } = await stepAt(ctx, deps, press);
    requireOpenStep(model, step);
    const result = await notifyDeputy(deps, { actor: ctx.actor, caseId: String(press.caseId), stepId: step.id });
    if (result.kind === "noDeputy") return { text: ctx.t("deputyNotice.noDeputy"), alert: true };
    if (result.kind === "undeliverable") return { text: ctx.t("deputyNotice.undeliverable", { name: result.deputyName }), alert: true };
    await renderCard(ctx, deps, press.caseId);
    return ctx.t("deputyNotice.done", { name: result.deputyName, number: step.number });
  });

  onCardPress(feature, deps, ["closeConfirm"], async (ctx, press) => {
    const reason = CLOSE_REASONS[press.args[0] ?? -1];
    if (!reason) return ctx.t("common.unknownButton");
    await closeCase(deps, { actor: ctx.actor, caseId: String(press.caseId), reason });
    await renderCard(ctx, deps, press.caseId);
    return ctx.t("close.closed");
  });

  onCardPress(feature, deps, ["measureToggle"], async (ctx, press) => {
    const [measureId, from] = press.args;
    if (measureId === undefined) return ctx.t("common.unknownButton");
    const toggled = await togglePlanMeasure(deps, { actor: ctx.actor, caseId: String(press.caseId), measureId });
    if (from === 1) {
      const message = await buildPlanMessage(deps, ctx.actor, ctx.t, ctx.lang, press.caseId);
      if (message.ok) await replyOrEdit(ctx, message.text, message.reply_markup, true);
    } else {
      // Keep the control step (and its ticks) in view while the teacher goes through the plan.
      const model = await loadCardModel(deps, ctx.actor, press.caseId);
      await showModel(ctx, { ...model, ...(model.plan?.controlStepId ? { focusStepId: model.plan.controlStepId } : {}) });
    }
    const key = toggled.done ? (toggled.occurrenceRecorded ? "plan.tickedAndChecked" : "plan.ticked") : "plan.unticked";
    return ctx.t(key);
  });

  onCardPress(feature, deps, ["planAdd", "planFile"], async (ctx, press) => {
    const start = await planDialogueStart(deps, ctx.actor, ctx.t, press.caseId);
    if (!start.ok) return start.text;
    await ctx.conversation.enter(PLAN_MEASURES_CONVERSATION, press.caseId, press.action === "planAdd" ? "measures" : "file");
  });

  return feature;
}
