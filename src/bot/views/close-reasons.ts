/** Why a teacher closes a case; the reason id is stored, its words live in locales (close.reasons). */
export const CLOSE_REASONS = ["returnedToSchool", "deregistered", "leftSchool", "other"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** "other" needs the teacher's own words. */
export const NOTE_REASON: CloseReason = "other";
