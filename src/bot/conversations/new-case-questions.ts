import type { Regulation } from "../../domain/regulation/schema.js";

/**
 * What /new asks about the start of a case: the regulation's `opening` block (decision 014).
 *
 * - `openedOn: "notice"`: the case opens on the day a notice came (the absence regulation's
 *   step 1, done on opening), so that is the date asked for.
 * - `firstAbsence: true`: the first day of absence is asked too (optional); the school days
 *   missed are shown before the case opens and stored with it.
 */
export interface OpeningQuestions {
  openedOn: "started" | "notice";
  firstAbsence: boolean;
}

export function openingQuestions(regulation: Regulation): OpeningQuestions {
  return { openedOn: regulation.opening.date, firstAbsence: regulation.opening.asksFirstAbsence };
}
