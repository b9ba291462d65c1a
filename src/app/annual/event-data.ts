import { defineCallback, int, oneOf } from "../callback-data.js";

/** Callback data of an event announcement: "ev:l:<row>" sends the class's list, "ev:n:<row>" declines. */
export const EVENT_CALLBACK = defineCallback("ev", { action: oneOf("l", "n"), eventClassId: int() });

export const EVENT_DATA = {
  list: (eventClassId: number) => EVENT_CALLBACK.encode({ action: "l", eventClassId }),
  decline: (eventClassId: number) => EVENT_CALLBACK.encode({ action: "n", eventClassId }),
} as const;
