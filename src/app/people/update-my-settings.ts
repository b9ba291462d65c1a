import { createUserRepository, type SettingsChange } from "../../repositories/user-repository.js";
import type { PeopleDeps } from "./operator.js";

export type { SettingsChange };

/** Changes some of the sender's own settings (name, phone, language, hours, mute); null clears one. */
export async function updateMySettings(deps: PeopleDeps, options: { telegramId: number; change: SettingsChange }): Promise<void> {
  await createUserRepository(deps.db).updateSettings(options.telegramId, options.change);
}
