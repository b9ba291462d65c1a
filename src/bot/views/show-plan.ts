import type { TFunction } from "i18next";
import type { BotDeps } from "../deps.js";
import { can } from "../../app/access-policy.js";
import type { Actor } from "../../app/actor.js";
import type { Language } from "../../i18n.js";
import { caseTitle, type CardModel } from "./case-card-view.js";
import { planKeyboard, planName, planText } from "./plan-view.js";
import { loadCardModel, type CardMessage } from "./show-case-card.js";

/**
 * Whether the actor may record the plan now, and the school's today (for deadlines typed without a
 * year). A refusal (no such case, someone else's) goes on to the error boundary.
 */
export async function planDialogueStart(
  deps: BotDeps,
  actor: Actor | undefined,
  t: TFunction,
  caseId: number,
): Promise<{ ok: true; today: string } | { ok: false; text: string }> {
  if (!actor) return { ok: false, text: t("card.unavailable") };
  const model = await loadCardModel(deps, actor, caseId);
  if (!model.plan) return { ok: false, text: t("plan.none") };
  if (!model.canAct) return { ok: false, text: t("common.notAllowed") };
  if (!model.plan.open) return { ok: false, text: t("caseErrors.caseClosed") };
  if (!model.plan.ready) return { ok: false, text: t("plan.notReady", { number: planStepNumber(model) }) };
  return { ok: true, today: model.card.today };
}

function planStepNumber(model: CardModel): string {
  return model.card.regulation.steps.find((s) => s.id === model.plan?.planStepId)?.number ?? "";
}

/** The case's ИПР as a message (measures with ticks, files), or why it cannot be shown; a refusal goes on to the error boundary. */
export async function buildPlanMessage(
  deps: BotDeps,
  actor: Actor | undefined,
  t: TFunction,
  _lang: Language,
  caseId: number,
): Promise<CardMessage> {
  if (!actor) return { ok: false, text: t("card.unavailable") };
  const model = await loadCardModel(deps, actor, caseId);
  if (!model.plan) return { ok: false, text: t("plan.none") };
  if (!model.plan.ready) return { ok: false, text: t("plan.notReady", { number: planStepNumber(model) }) };
  const keyboard = planKeyboard(
    t,
    String(caseId),
    model.plan,
    model.canAct,
    can(actor, "editStudentRecord", {
      schoolId: actor.schoolId ?? -1,
      teacherMemberId: Number(model.card.state.teacherId),
    }),
  );
  return {
    ok: true,
    text: planText(t, planName(t, model.card.regulation.id), caseTitle(model.card), model.plan),
    reply_markup: { inline_keyboard: keyboard.inline_keyboard },
  };
}
