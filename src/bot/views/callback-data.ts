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
  note: "n",
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
} as const;

export type CardAction = keyof typeof CARD_ACTIONS;

export function cardData(action: CardAction, caseId: number | string, ...args: number[]): string {
  return ["cc", CARD_ACTIONS[action], caseId, ...args].join(":");
}

/** Matches one action's data; the groups are the case id and up to two numbers. */
export function cardPattern(...actions: CardAction[]): RegExp {
  return new RegExp(`^cc:(${actions.map((a) => CARD_ACTIONS[a]).join("|")}):(\\d{1,9})(?::(\\d{1,9}))?(?::(\\d{1,9}))?$`);
}

export interface CardPress {
  action: CardAction;
  caseId: number;
  args: number[];
}

export function parseCardData(match: RegExpMatchArray): CardPress {
  const code = match[1]!;
  const action = (Object.keys(CARD_ACTIONS) as CardAction[]).find((a) => CARD_ACTIONS[a] === code)!;
  return { action, caseId: Number(match[2]), args: [match[3], match[4]].filter((x): x is string => x !== undefined).map(Number) };
}

/** Buttons inside dialogues: they mean something only while that dialogue waits. */
export const DIALOGUE_DATA = {
  cancel: "cd:cancel",
  answer: (index: number) => `cd:a:${index}`,
  yes: "cd:yes",
  more: "cd:more",
  finish: "cd:finish",
  noDue: "cd:nodue",
} as const;
