import { defineCallback, int, oneOf } from "../callback-data.js";

/** Callback data of the deputy's views: "dv:o:<case>" opens a case card (checked again on press). */
export const DEPUTY_OPEN = defineCallback("dv", { action: oneOf("o"), caseId: int() });

export const DEPUTY_DATA = {
  open: (caseId: number) => DEPUTY_OPEN.encode({ action: "o", caseId }),
} as const;

/** Telegram allows 100 buttons under a message; the views number more items in text only. */
export const MAX_OPEN_BUTTONS = 48;
export const OPEN_BUTTONS_PER_ROW = 4;
