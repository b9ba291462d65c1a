import type { AppDeps } from "../app/app-deps.js";
import { createDialogueStateStore, createSenderLookup, type DialogueStateStore, type SenderLookup } from "../app/people/identify-sender.js";

/** Everything the bot's features need (the use cases' deps and a few of the bot's own), built once by the composition root (or a test). */
export interface BotDeps extends AppDeps {
  /** The per-update read of the sender and the chat's dialogue state (one statement). */
  senderLookup: SenderLookup;
  /** Where the conversations plugin keeps a chat's dialogue state. */
  dialogueStates: DialogueStateStore;
  /** Downloads a file a user sent (after getFile): the Bot API's file endpoint, or a fake in tests. */
  downloadFile: (filePath: string) => Promise<Uint8Array>;
  /** The dashboard's public URL (WEB_APP_URL, ending with "/") when it is on (issue 16). */
  dashboardUrl?: string;
}

/** Telegram's file endpoint for this token and API root. */
export function botFileDownloader(token: string, apiRoot = "https://api.telegram.org", fetchImpl: typeof fetch = fetch) {
  return async (filePath: string): Promise<Uint8Array> => {
    const response = await fetchImpl(`${apiRoot}/file/bot${token}/${filePath}`);
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

export function buildBotDeps(base: Omit<BotDeps, "senderLookup" | "dialogueStates">): BotDeps {
  return { ...base, senderLookup: createSenderLookup(base.db), dialogueStates: createDialogueStateStore(base.db) };
}
