/** Callback data of an event announcement: "ev:l:<row>" sends the class's list, "ev:n:<row>" declines. */
export const EVENT_DATA = {
  list: (eventClassId: number) => `ev:l:${eventClassId}`,
  decline: (eventClassId: number) => `ev:n:${eventClassId}`,
  pattern: /^ev:(l|n):(\d{1,9})$/,
} as const;
