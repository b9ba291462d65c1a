/**
 * What /new asks about the start of a case, per regulation. Regulation files say nothing about
 * opening a case, so the few regulations that need more than "since when?" are listed here.
 *
 * - `openedOn: "notice"`: the case opens on the day a notice came in «Классный помощник» (the
 *   absence regulation's step 1), so that is the date asked for.
 * - `firstAbsence: true`: the first day of absence is asked too (optional), and the criterion-22
 *   count of school days is shown before the case is opened. It is not stored with the case.
 */
export interface OpeningQuestions {
  openedOn: "started" | "notice";
  firstAbsence: boolean;
}

const DEFAULT: OpeningQuestions = { openedOn: "started", firstAbsence: false };

const BY_REGULATION: Record<string, OpeningQuestions> = {
  "absence-criterion-22": { openedOn: "notice", firstAbsence: true },
};

export function openingQuestions(regulationId: string): OpeningQuestions {
  return BY_REGULATION[regulationId] ?? DEFAULT;
}
