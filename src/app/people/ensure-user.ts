import { createUserRepository } from "../../repositories/user-repository.js";
import type { PeopleDeps } from "./operator.js";

/**
 * The sender's user row, created on first contact (installation admins and invitees) and marked
 * reachable in this chat again. Keyed by the Telegram id the update came from, never by input.
 */
export async function ensureUser(deps: PeopleDeps, options: { telegramId: number; chatId: number; fullName: string }): Promise<number> {
  return createUserRepository(deps.db).ensure(options.telegramId, options.chatId, options.fullName);
}
