/** Callback data of the deputy's views: "dv:o:<case>" opens a case card (checked again on press). */
export const DEPUTY_DATA = {
  open: (caseId: number) => `dv:o:${caseId}`,
  openPattern: /^dv:o:(\d{1,9})$/,
} as const;

/** Telegram allows 100 buttons under a message; the views number more items in text only. */
export const MAX_OPEN_BUTTONS = 48;
export const OPEN_BUTTONS_PER_ROW = 4;
