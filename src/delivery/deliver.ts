import type { InlineKeyboardMarkup } from "grammy/types";
import { realSleep, type Pacer } from "./pacer.js";
import { splitText } from "./split-text.js";
import { classifyFailure } from "./telegram-failure.js";

/** The one Bot API call the sender makes (grammY's `Api` fits). */
export interface MessageApi {
  sendMessage(
    chatId: number,
    text: string,
    other?: { reply_markup?: InlineKeyboardMarkup; link_preview_options?: { is_disabled: boolean } },
  ): Promise<{ message_id: number }>;
}

export interface OutgoingMessage {
  chatId: number;
  text: string;
  /** Goes under the last part of a long text. */
  replyMarkup?: InlineKeyboardMarkup;
}

export type DeliveryResult =
  | { kind: "sent"; messageIds: number[]; chatId: number }
  | { kind: "unreachable"; error: string; chatId: number }
  /** Not now: give the message back and try again after `afterMs`. Nothing is dropped. */
  | { kind: "retryLater"; error: string; afterMs: number }
  | { kind: "failed"; error: string };

export interface RetryPolicy {
  /** The longest retry_after waited out in place; a longer one gives the message back. */
  maxRetryAfterMs: number;
  /** Attempts of one part in this pass before the message is given back. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetryAfterMs: 60_000, maxAttempts: 6, backoffBaseMs: 500, backoffCapMs: 30_000 };

export interface DeliverOptions {
  pacer: Pacer;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** A group moved to a new chat id: remember it. */
  onMigrated?: (fromChatId: number, toChatId: number) => Promise<void>;
}

export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

/** Sends one message (in parts when it is long), paced, waiting out 429s and retrying network errors. */
export async function deliver(api: MessageApi, message: OutgoingMessage, options: DeliverOptions): Promise<DeliveryResult> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? realSleep;
  const parts = splitText(message.text);
  const messageIds: number[] = [];
  let chatId = message.chatId;
  let attempts = 0;
  for (let part = 0; part < parts.length; ) {
    const last = part === parts.length - 1;
    await options.pacer.acquire(chatId);
    try {
      const other = { link_preview_options: { is_disabled: true }, ...(last && message.replyMarkup ? { reply_markup: message.replyMarkup } : {}) };
      const sent = await api.sendMessage(chatId, parts[part]!, other);
      messageIds.push(sent.message_id);
      part++;
      attempts = 0;
    } catch (error) {
      const failure = classifyFailure(error);
      attempts++;
      switch (failure.kind) {
        case "rateLimited":
          if (failure.retryAfterMs > policy.maxRetryAfterMs || attempts >= policy.maxAttempts) {
            return { kind: "retryLater", error: failure.description, afterMs: failure.retryAfterMs };
          }
          options.pacer.pause(failure.retryAfterMs);
          break;
        case "migrated":
          if (attempts >= policy.maxAttempts) return { kind: "failed", error: failure.description };
          await options.onMigrated?.(chatId, failure.chatId);
          chatId = failure.chatId;
          break;
        case "unreachable":
          return { kind: "unreachable", error: failure.description, chatId };
        case "transient":
          if (attempts >= policy.maxAttempts) return { kind: "retryLater", error: failure.description, afterMs: backoffMs(attempts, policy) };
          await sleep(backoffMs(attempts, policy));
          break;
        case "permanent":
          return { kind: "failed", error: failure.description };
      }
    }
  }
  return { kind: "sent", messageIds, chatId };
}
