import type { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { CardModel } from "./case-card-view.js";
import { COUNCIL_DATA } from "./council-messages.js";
import { defineCallback, int, oneOf } from "../../app/callback-data.js";

/*
 * Buttons of order № 257's section II on the case card (measures, the memo, the meeting and its
 * results), and the ИПР as a DOCX where an open case's plan has measures.
 * Data: "df:<action>:<case id>"; every press re-checks the case and the access policy.
 */

export const INTERACTION_CALLBACK = defineCallback("df", { action: oneOf("ms", "memo", "mt", "ag", "ipr"), caseId: int() });

const interaction = (action: "ms" | "memo" | "mt" | "ag" | "ipr") => (caseId: number | string) =>
  INTERACTION_CALLBACK.encode({ action, caseId: Number(caseId) });

export const INTERACTION_DATA = {
  measure: interaction("ms"),
  memo: interaction("memo"),
  meeting: interaction("mt"),
  agreements: interaction("ag"),
  planDocx: interaction("ipr"),
} as const;

export function interactionCardRows(t: TFunction, model: CardModel, keyboard: InlineKeyboard): InlineKeyboard {
  const { card, plan, canAct } = model;
  const caseId = card.state.id;
  const open = card.state.status === "open";
  if (open && canAct && card.regulation.id === "interaction-2-difficulty") {
    keyboard
      .text(t("difficulty.buttons.measure"), INTERACTION_DATA.measure(caseId))
      .text(t("difficulty.buttons.memo"), INTERACTION_DATA.memo(caseId))
      .row();
    keyboard.text(t("difficulty.buttons.meeting"), INTERACTION_DATA.meeting(caseId)).row();
    if (card.state.steps.organiseMeeting?.state === "open")
      keyboard.text(t("difficulty.buttons.agreements"), INTERACTION_DATA.agreements(caseId)).row();
  }
  // Section IV (council helper): the request on a case with a student; the press re-checks who may ask.
  if (open && card.student && (card.regulation.id === "interaction-4-council" || card.regulation.id === "interaction-2-difficulty")) {
    keyboard.text(t("council.buttons.request"), COUNCIL_DATA.request(caseId)).row();
    if (canAct && card.regulation.id === "interaction-4-council") keyboard.text(t("infoPack.button"), COUNCIL_DATA.infoPack(caseId)).row();
  }
  if (open && plan?.ready && plan.measures.length > 0) keyboard.text(t("documents.planButton"), INTERACTION_DATA.planDocx(caseId)).row();
  return keyboard;
}
