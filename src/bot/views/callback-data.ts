import { defineCallback, int, oneOf, optional } from "../../app/callback-data.js";

/*
 * Callback data of the case card: "cc:<action>:<case id>[:<n>[:<n>]]", short numbers only (a
 * step's or an answer's or a form's index in the case's regulation version, a measure's id).
 * Nothing in it is trusted: every press loads the case again and asks the access policy.
 */

export const CARD_ACTIONS = {
  open: "o",
  focus: "f",
  steps: "st",
  done: "d",
  answer: "a",
  occurrence: "r",
  forms: "fm",
  formDone: "fd",
  /** «✅ Выполнено, с комментарием» (the code of the former «Заметка», which did the same). */
  doneNote: "n",
  /** «📝 Заметка»: a note in the chronology; the step stays as it is. */
  note: "nt",
  /** «📖 Подробнее»: the regulation's whole text. */
  details: "dl",
  date: "dt",
  skip: "sk",
  notifyDeputy: "nd",
  chronology: "h",
  close: "x",
  closeReason: "xr",
  closeConfirm: "xy",
  plan: "p",
  planAdd: "pa",
  planFile: "pf",
  planGetFile: "pg",
  measureToggle: "mt",
  /** «↩️ Исправить отметку»: the steps with a mark (correction-rows.ts). */
  corrections: "cm",
  /** One marked step: its last mark, and what can be done about it. */
  correctStep: "cp",
  /** «↩️ Отменить отметку» of a step. */
  undoMark: "cu",
  /** «Исправить на «…»»: the step's answer replaced by another (second number: the answer's index). */
  correctAnswer: "ca",
} as const;

export type CardAction = keyof typeof CARD_ACTIONS;

/** The card's data on the shared codec: the action's code, the case, up to two numbers. */
export const CARD_CALLBACK = defineCallback("cc", {
  action: oneOf(...Object.values(CARD_ACTIONS)),
  caseId: int(),
  first: optional(int()),
  second: optional(int()),
});

export function cardData(action: CardAction, caseId: number | string, ...args: number[]): string {
  const [first, second] = args;
  return CARD_CALLBACK.encode({
    action: CARD_ACTIONS[action],
    caseId: Number(caseId),
    ...(first !== undefined ? { first } : {}),
    ...(second !== undefined ? { second } : {}),
  });
}

export interface CardPress {
  action: CardAction;
  caseId: number;
  args: number[];
}

/** The press, if `data` is card data at all. */
export function parseCardData(data: string): CardPress | undefined {
  const decoded = CARD_CALLBACK.decode(data);
  if (!decoded) return undefined;
  const action = (Object.keys(CARD_ACTIONS) as CardAction[]).find((a) => CARD_ACTIONS[a] === decoded.action)!;
  return { action, caseId: decoded.caseId, args: [decoded.first, decoded.second].filter((x): x is number => x !== undefined) };
}

/**
 * The buttons every dialogue shares: «Отмена» (cd:cancel), the answer to a step's question
 * (cd:a:<index>), «Да» (cd:yes), «Ещё» / «Готово» (cd:more, cd:finish), «Без срока» (cd:nodue).
 * They mean something only while a dialogue waits; the dialogue kit reads them.
 */
export const DIALOGUE_CALLBACK = defineCallback("cd", {
  action: oneOf("cancel", "a", "yes", "more", "finish", "nodue"),
  index: optional(int(999)),
});
