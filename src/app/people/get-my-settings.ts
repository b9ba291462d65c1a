import { createUserRepository, type UserSettings } from "../../repositories/user-repository.js";
import type { PeopleDeps } from "./operator.js";

export type { UserSettings };

/** The sender's own settings and the working hours of the school they work in (`schoolId`, the actor's). */
export async function getMySettings(
  deps: PeopleDeps,
  options: { telegramId: number; schoolId?: number },
): Promise<UserSettings | undefined> {
  return createUserRepository(deps.db).settingsOf(options.telegramId, options.schoolId);
}
