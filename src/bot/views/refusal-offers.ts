import type { TFunction } from "i18next";
import type { RefusalOffers } from "../middleware/error-boundary.js";
import { cardData } from "./callback-data.js";

/** What a step dialogue offers with a refusal: an empty plan → the button that opens the plan. */
export function stepRefusalOffers(t: TFunction, caseId: number): RefusalOffers {
  return { planEmpty: { inline_keyboard: [[{ text: t("plan.openButton"), callback_data: cardData("plan", caseId) }]] } };
}
