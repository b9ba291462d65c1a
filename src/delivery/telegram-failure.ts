import { GrammyError } from "grammy";

/** What a failed Bot API call means for the message. */
export type TelegramFailure =
  /** 429: Telegram asks to wait. */
  | { kind: "rateLimited"; retryAfterMs: number; description: string }
  /** The group became a supergroup with a new id. */
  | { kind: "migrated"; chatId: number; description: string }
  /** 403 (blocked, deactivated) or a chat that never started the bot: no further attempts. */
  | { kind: "unreachable"; description: string }
  /** Network trouble or Telegram's 5xx: try again later. */
  | { kind: "transient"; description: string }
  /** Anything else (a malformed request): retrying would fail the same way. */
  | { kind: "permanent"; description: string };

const UNREACHABLE_400 = /chat not found|user not found|user is deactivated|bot was blocked/i;

export function classifyFailure(error: unknown): TelegramFailure {
  if (error instanceof GrammyError) {
    const description = `${error.error_code}: ${error.description}`;
    const parameters = error.parameters ?? {};
    if (error.error_code === 429) return { kind: "rateLimited", retryAfterMs: (parameters.retry_after ?? 1) * 1000, description };
    if (parameters.migrate_to_chat_id !== undefined) return { kind: "migrated", chatId: parameters.migrate_to_chat_id, description };
    if (error.error_code === 403) return { kind: "unreachable", description };
    if (error.error_code === 400 && UNREACHABLE_400.test(error.description)) return { kind: "unreachable", description };
    if (error.error_code >= 500) return { kind: "transient", description };
    return { kind: "permanent", description };
  }
  // HttpError (the request never got an answer) and anything thrown on the way.
  return { kind: "transient", description: error instanceof Error ? error.message : String(error) };
}
