import { defineCallback, int, oneOf } from "../callback-data.js";

/** Callback data of a meeting invitation's answers: "mt:y:<meeting>" confirms, "mt:n:<meeting>" declines. */
export const MEETING_CALLBACK = defineCallback("mt", { answer: oneOf("y", "n"), meetingId: int() });

export const MEETING_DATA = {
  confirm: (meetingId: number) => MEETING_CALLBACK.encode({ answer: "y", meetingId }),
  decline: (meetingId: number) => MEETING_CALLBACK.encode({ answer: "n", meetingId }),
} as const;
