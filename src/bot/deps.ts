import type { Db } from "../db/open-database.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { RegulationCatalog } from "../domain/regulation/catalog.js";
import type { ProductionYear } from "../domain/calendar/production-calendar.js";
import { createUserRepository, type UserRepository } from "../repositories/user-repository.js";
import { createUpdateLookup, type UpdateLookupRepository } from "../repositories/update-lookup-repository.js";

/** Everything the bot's features need (a superset of the use cases' CaseServiceDeps), built once by the composition root (or a test). */
export interface BotDeps {
  db: Db;
  logger: Logger;
  i18n: I18n;
  regulations: RegulationCatalog;
  /** Built-in production calendar; years uploaded to the database replace the same years. */
  productionYears: ProductionYear[];
  adminIds: readonly number[];
  defaultTimezone: string;
  /** The clock: real in production, simulated in tests and the demo. */
  now: () => Date;
  users: UserRepository;
  /** The per-update read of the sender and the chat's dialogue state (one statement). */
  updateLookup: UpdateLookupRepository;
  /** Downloads a file a user sent (after getFile): the Bot API's file endpoint, or a fake in tests. */
  downloadFile: (filePath: string) => Promise<Uint8Array>;
}

/** Telegram's file endpoint for this token and API root. */
export function botFileDownloader(token: string, apiRoot = "https://api.telegram.org", fetchImpl: typeof fetch = fetch) {
  return async (filePath: string): Promise<Uint8Array> => {
    const response = await fetchImpl(`${apiRoot}/file/bot${token}/${filePath}`);
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

export function buildBotDeps(base: Omit<BotDeps, "users" | "updateLookup">): BotDeps {
  return { ...base, users: createUserRepository(base.db), updateLookup: createUpdateLookup(base.db) };
}
