import { AppError } from "../app-error.js";
import type { LoadedCase } from "../cases/case-service.js";

/** Section II of order № 257 and the steps its bot features act on. */
export const DIFFICULTY_REGULATION = "interaction-2-difficulty";
export const DIFFICULTY_STEPS = {
  measures: "identifyStudents",
  memo: "sendMemo",
  meeting: "organiseMeeting",
  followUp: "coordinateAgreements",
} as const;

export function requireDifficultyCase(loaded: LoadedCase): void {
  if (loaded.stored.state.regulationId !== DIFFICULTY_REGULATION) {
    throw new AppError("invalidInput", `case ${loaded.stored.state.id} is not a difficulty case`);
  }
  if (loaded.stored.state.status !== "open") throw new AppError("caseClosed", `case ${loaded.stored.state.id} is closed`);
}
