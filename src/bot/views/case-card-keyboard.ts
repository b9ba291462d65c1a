import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import { canNotifyDeputy } from "../../app/cases/notify-deputy.js";
import type { CasePlan } from "../../app/plans/get-plan.js";
import type { CaseCard } from "../../app/cases/get-case-card.js";
import type { Language } from "../../i18n.js";
import { cardData } from "./callback-data.js";
import { focusOf, STATUS_ICONS, stepTitle, type CardModel, type FocusedStep } from "./case-card-view.js";
import { truncate } from "./format.js";
import { CLOSE_REASONS } from "./close-reasons.js";
import { planName } from "./plan-view.js";
import { interactionCardRows } from "./interaction-card-rows.js";
import { commentRows } from "../features/case-comment.js";
import { deputyRows } from "../features/case-deputy.js";
import { correctionRows } from "./correction-rows.js";
import { CASE_FILE_CALLBACK } from "./case-file-view.js";
import { FAMILY_DATA } from "./family-view.js";
import { ATTACHMENT_DATA } from "./attachments-view.js";

/**
 * Buttons that do the focused step, each saying what it records: an answer, «✅ Выполнено», a
 * weekly step's «✅ Связь с семьёй — сегодня», the way it was done, a comment, another day; a
 * note that completes nothing; a skip.
 */
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
    keyboard.text(t("card.buttons.occurrenceToday", { title: stepTitle(step, lang) }), cardData("occurrence", caseId, index)).row();
  } else {
    keyboard.text(t("card.buttons.done"), cardData("done", caseId, index)).row();
  }
  if (step.forms.length > 0 && !step.question) keyboard.text(t("card.buttons.form"), cardData("forms", caseId, index)).row();
  keyboard.text(t("card.buttons.doneWithComment"), cardData("doneNote", caseId, index)).row();
  keyboard.text(t("card.buttons.otherDate"), cardData("date", caseId, index)).row();
  if (canNotifyDeputy(step)) keyboard.text(t("card.buttons.notifyDeputy"), cardData("notifyDeputy", caseId, index)).row();
  keyboard
    .text(t("card.buttons.note"), cardData("note", caseId, index))
    .text(t("card.buttons.skip"), cardData("skip", caseId, index))
    .row();
  return keyboard;
}

/**
 * Weekly steps under way, other than the focused one: one tap each from the card records today's
 * check or contact («✅ Контроль ИПР — сегодня»), whatever step has the focus.
 */
export function dueRecurringRows(t: TFunction, lang: Language, model: CardModel, keyboard: InlineKeyboard): InlineKeyboard {
  const { card } = model;
  const focus = focusOf(model);
  card.regulation.steps.forEach((step, index) => {
    if (step.timing.kind !== "recurring" || index === focus?.index) return;
    if (card.state.steps[step.id]?.state !== "open" || !UNDER_WAY.has(card.steps[index]!.status)) return;
    keyboard.text(t("card.buttons.occurrenceToday", { title: stepTitle(step, lang) }), cardData("occurrence", card.state.id, index)).row();
  });
  return keyboard;
}

const UNDER_WAY = new Set(["overdue", "dueToday", "dueSoon", "pending"]);

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
  if (open && canAct) dueRecurringRows(t, lang, model, keyboard);
  // Order № 257 section II and the ИПР as a DOCX: see interaction-card-rows.ts.
  interactionCardRows(t, model, keyboard);
  if (plan?.ready && (open || plan.measures.length > 0 || plan.files.length > 0)) {
    keyboard.text(t("card.buttons.plan", { name: planName(t, card.regulation.id) }), cardData("plan", caseId)).row();
  }
  if (open && canAct) keyboard.text(t("card.buttons.steps"), cardData("steps", caseId));
  keyboard
    .text(t("card.buttons.chronology"), cardData("chronology", caseId))
    .text(t("attachments.button"), ATTACHMENT_DATA.list.encode({ action: "l", caseId: Number(caseId) }))
    .row();
  keyboard.text(t("card.buttons.details"), cardData("details", caseId)).row();
  if (card.student) {
    keyboard
      .text(t("family.button"), FAMILY_DATA.view.encode({ action: "v", caseId: Number(caseId) }))
      .text(t("caseFile.button"), CASE_FILE_CALLBACK.encode({ caseId: Number(caseId) }))
      .row();
  }
  if (open && canClose) keyboard.text(t("card.buttons.close"), cardData("close", caseId)).row();
  deputyRows(t, model, keyboard);
  correctionRows(t, model, keyboard);
  commentRows(t, model, keyboard);
  return keyboard;
}

/** Every open step, to pick the one the buttons act on. */
export function stepsKeyboard(t: TFunction, lang: Language, card: CaseCard): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  card.regulation.steps.forEach((step, index) => {
    if (card.state.steps[step.id]?.state !== "open") return;
    const icon = STATUS_ICONS[card.steps[index]!.status];
    keyboard.text(`${icon} ${step.number}. ${stepTitle(step, lang)}`, cardData("focus", card.state.id, index)).row();
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
