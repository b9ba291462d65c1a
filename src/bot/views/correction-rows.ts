import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { CaseCard } from "../../app/cases/get-case-card.js";
import { lastMarkOf, undoBlockedBy, type StepMark } from "../../domain/case/index.js";
import type { RegulationStep } from "../../domain/regulation/schema.js";
import type { Language } from "../../i18n.js";
import { cardData } from "./callback-data.js";
import { answerLabel, caseTitle, stepTitle, type CardModel } from "./case-card-view.js";
import { fullDate, shortDate, truncate } from "./format.js";

/*
 * Correcting a mark from the card: «↩️ Исправить отметку» → the steps with a mark, each with its
 * last one → a step: «↩️ Отменить отметку» (the step is open again, marked anew with the usual
 * buttons), or for a step with a question «Исправить на «…»» with each other answer. What the
 * buttons show is a view: the use case checks everything again.
 */

/** The steps of the case whose last mark can be taken back, with their index in the regulation. */
export function markedSteps(card: CaseCard): { step: RegulationStep; index: number; mark: StepMark }[] {
  return card.regulation.steps.flatMap((step, index) => {
    const mark = lastMarkOf(card.regulation, card.state, step.id);
    return mark ? [{ step, index, mark }] : [];
  });
}

/** The card's «↩️ Исправить отметку», for whoever marks the steps of an open case with some mark. */
export function correctionRows(t: TFunction, model: CardModel, keyboard: InlineKeyboard): InlineKeyboard {
  const { card } = model;
  if (card.state.status !== "open" || !model.canAct || markedSteps(card).length === 0) return keyboard;
  return keyboard.text(t("correction.button"), cardData("corrections", card.state.id)).row();
}

/** «подтверждён, 05.03» / «выполнено 05.03» / «отмечено 09.03». */
export function markText(t: TFunction, lang: Language, step: RegulationStep, mark: StepMark, date = shortDate): string {
  const answer = "answer" in mark ? answerLabel(step, mark.answer, lang) : undefined;
  const form = "form" in mark && mark.form ? t(`forms.${mark.form}`) : undefined;
  return (
    t(answer ? "correction.mark.answer" : `correction.mark.${mark.kind}`, {
      answer,
      date: date(mark.on),
      ...(form ? { form } : {}),
    }) + (form ? t("correction.mark.form", { form }) : "")
  );
}

export function correctionListText(t: TFunction, card: CaseCard): string {
  return t("correction.listTitle", { subject: caseTitle(card) });
}

export function correctionListKeyboard(t: TFunction, lang: Language, card: CaseCard): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const { step, index, mark } of markedSteps(card)) {
    const label = `${step.number}. ${stepTitle(step, lang)} — ${markText(t, lang, step, mark)}`;
    keyboard.text(truncate(label, 64), cardData("correctStep", card.state.id, index)).row();
  }
  return keyboard.text(t("card.buttons.card"), cardData("open", card.state.id));
}

/** One step: its last mark, and either what undoing does or why it cannot be undone yet. */
export function correctionStepText(t: TFunction, lang: Language, card: CaseCard, step: RegulationStep, mark: StepMark): string {
  const blocker = undoBlockedBy(card.regulation, card.state, step.id);
  return [
    t("correction.stepTitle", { number: step.number, title: stepTitle(step, lang) }),
    t("correction.last", { mark: markText(t, lang, step, mark, fullDate) }),
    "",
    blocker
      ? t("correction.blocked", { number: blocker.number, title: stepTitle(blocker, lang) })
      : t(
          mark.kind === "occurrence"
            ? "correction.undoOccurrenceHint"
            : mark.kind === "awaiting"
              ? "correction.undoAwaitingHint"
              : "correction.undoHint",
        ),
  ].join("\n");
}

export function correctionStepKeyboard(t: TFunction, lang: Language, card: CaseCard, step: RegulationStep, index: number, mark: StepMark) {
  const keyboard = new InlineKeyboard();
  const caseId = card.state.id;
  if (!undoBlockedBy(card.regulation, card.state, step.id)) {
    keyboard.text(t("correction.undo"), cardData("undoMark", caseId, index)).row();
    if (mark.kind === "completion" || mark.kind === "awaiting") {
      step.question?.answers.forEach((answer, a) => {
        if (answer.id === mark.answer) return;
        keyboard.text(t("correction.toAnswer", { answer: answer.label[lang] }), cardData("correctAnswer", caseId, index, a)).row();
      });
    }
  }
  return keyboard.text(t("card.buttons.back"), cardData("corrections", caseId));
}
