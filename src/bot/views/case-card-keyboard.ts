import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { canNotifyDeputy } from "../../app/cases/notify-deputy.js";
import type { CasePlan } from "../../app/plans/get-plan.js";
import type { CaseCard } from "../../app/cases/get-case-card.js";
import type { Language } from "../../i18n.js";
import { cardData } from "./callback-data.js";
import { focusOf, STATUS_ICONS, type CardModel, type FocusedStep } from "./case-card-view.js";
import { truncate } from "./format.js";
import { CLOSE_REASONS } from "./close-reasons.js";
import { planName } from "./plan-view.js";
import { interactionCardRows } from "./interaction-card-rows.js";
import { commentRows } from "../features/case-comment.js";
import { deputyRows } from "../features/case-deputy.js";

/** Buttons that do the focused step: answers, «Выполнено», a form, a note, another date, a skip. */
export function stepActionRows(
  t: TFunction,
  lang: Language,
  caseId: string,
  focus: FocusedStep,
  keyboard = new InlineKeyboard(),
): InlineKeyboard {
  const { step, index } = focus;
  if (step.question) {
    step.question.answers.forEach((answer, a) => keyboard.text(answer.label[lang], cardData("answer", caseId, index, a)).row());
  } else if (step.timing.kind === "recurring") {
    keyboard.text(t("card.buttons.contactToday"), cardData("occurrence", caseId, index));
    if (step.forms.length > 0) keyboard.text(t("card.buttons.form"), cardData("forms", caseId, index));
    keyboard.row();
  } else {
    keyboard.text(t("card.buttons.done"), cardData("done", caseId, index));
    if (step.forms.length > 0) keyboard.text(t("card.buttons.form"), cardData("forms", caseId, index));
    keyboard.row();
  }
  if (canNotifyDeputy(step)) keyboard.text(t("card.buttons.notifyDeputy"), cardData("notifyDeputy", caseId, index)).row();
  keyboard
    .text(t("card.buttons.note"), cardData("note", caseId, index))
    .text(t("card.buttons.otherDate"), cardData("date", caseId, index))
    .row();
  keyboard.text(t("card.buttons.skip"), cardData("skip", caseId, index)).row();
  return keyboard;
}

export function measureToggleRows(keyboard: InlineKeyboard, caseId: string, plan: CasePlan, from: "card" | "plan"): InlineKeyboard {
  plan.measures.forEach((measure, i) => {
    keyboard
      .text(
        `${measure.doneOn ? "☑️" : "▫️"} ${i + 1}. ${truncate(measure.what, 40)}`,
        cardData("measureToggle", caseId, measure.id, from === "card" ? 0 : 1),
      )
      .row();
  });
  return keyboard;
}

export function caseCardKeyboard(t: TFunction, lang: Language, model: CardModel): InlineKeyboard {
  const { card, plan, canAct, canClose } = model;
  const caseId = card.state.id;
  const open = card.state.status === "open";
  const keyboard = new InlineKeyboard();
  const focus = focusOf(model);
  if (open && canAct && focus) {
    stepActionRows(t, lang, caseId, focus, keyboard);
    if (plan?.ready && focus.step.id === plan.controlStepId) measureToggleRows(keyboard, caseId, plan, "card");
  }
  // Order № 257 section II and the ИПР as a DOCX: see interaction-card-rows.ts.
  interactionCardRows(t, model, keyboard);
  if (plan?.ready && (open || plan.measures.length > 0 || plan.files.length > 0)) {
    keyboard.text(t("card.buttons.plan", { name: planName(t, card.regulation.id) }), cardData("plan", caseId)).row();
  }
  if (open && canAct) keyboard.text(t("card.buttons.steps"), cardData("steps", caseId));
  keyboard.text(t("card.buttons.chronology"), cardData("chronology", caseId)).row();
  if (open && canClose) keyboard.text(t("card.buttons.close"), cardData("close", caseId)).row();
  deputyRows(t, model, keyboard);
  commentRows(t, model, keyboard);
  return keyboard;
}

/** Every open step, to pick the one the buttons act on. */
export function stepsKeyboard(t: TFunction, lang: Language, card: CaseCard): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  card.regulation.steps.forEach((step, index) => {
    if (card.state.steps[step.id]?.state !== "open") return;
    const icon = STATUS_ICONS[card.steps[index]!.status];
    keyboard.text(`${icon} ${step.number}. ${truncate(step.text[lang], 40)}`, cardData("focus", card.state.id, index)).row();
  });
  return keyboard.text(t("card.buttons.back"), cardData("open", card.state.id));
}

export function formsKeyboard(t: TFunction, card: CaseCard, stepIndex: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const step = card.regulation.steps[stepIndex]!;
  step.forms.forEach((form, f) => keyboard.text(t(`forms.${form}`), cardData("formDone", card.state.id, stepIndex, f)).row());
  return keyboard.text(t("card.buttons.back"), cardData("focus", card.state.id, stepIndex));
}

export function closeReasonsKeyboard(t: TFunction, caseId: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  CLOSE_REASONS.forEach((reason, r) => keyboard.text(t(`close.reasons.${reason}`), cardData("closeReason", caseId, r)).row());
  return keyboard.text(t("card.buttons.back"), cardData("open", caseId));
}

export function closeConfirmKeyboard(t: TFunction, caseId: string, reasonIndex: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("close.yes"), cardData("closeConfirm", caseId, reasonIndex))
    .text(t("close.no"), cardData("open", caseId));
}

export function backToCardKeyboard(t: TFunction, caseId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("card.buttons.card"), cardData("open", caseId));
}
