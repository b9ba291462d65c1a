/** Callback data of a meeting invitation's answers: "mt:y:<meeting>" confirms, "mt:n:<meeting>" declines. */
export const MEETING_DATA = {
  confirm: (meetingId: number) => `mt:y:${meetingId}`,
  decline: (meetingId: number) => `mt:n:${meetingId}`,
  pattern: /^mt:(y|n):(\d{1,9})$/,
} as const;
