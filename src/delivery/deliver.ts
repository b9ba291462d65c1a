import { InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { realSleep, type Pacer } from "./pacer.js";
import { splitText } from "./split-text.js";
import { classifyFailure } from "./telegram-failure.js";

/** The Bot API calls the sender makes (grammY's `Api` fits). */
export interface MessageApi {
  sendMessage(
    chatId: number,
    text: string,
    other?: { reply_markup?: InlineKeyboardMarkup; link_preview_options?: { is_disabled: boolean } },
  ): Promise<{ message_id: number }>;
  sendDocument(
    chatId: number,
    document: InputFile,
    other?: { caption?: string; reply_markup?: InlineKeyboardMarkup },
  ): Promise<{ message_id: number }>;
}

/** Telegram's limit for a document's caption; a longer text goes first as messages of its own. */
export const MAX_CAPTION_LENGTH = 1024;

export interface OutgoingMessage {
  chatId: number;
  text: string;
  /** Goes under the last part of a long text (or under the document). */
  replyMarkup?: InlineKeyboardMarkup;
  /** Sent last, with the text as its caption when the text fits one. */
  document?: { bytes: Buffer; fileName: string };
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
  const document = message.document;
  const caption = document && message.text.length <= MAX_CAPTION_LENGTH ? message.text : undefined;
  const parts = caption !== undefined || message.text === "" ? [] : splitText(message.text);
  // The document is the last "part": it takes the caption and the buttons.
  const total = parts.length + (document ? 1 : 0);
  const messageIds: number[] = [];
  let chatId = message.chatId;
  let attempts = 0;
  for (let part = 0; part < total; ) {
    const last = part === total - 1;
    await options.pacer.acquire(chatId);
    try {
      const markup = last && message.replyMarkup ? { reply_markup: message.replyMarkup } : {};
      const sent =
        document && last
          ? await api.sendDocument(chatId, new InputFile(document.bytes, document.fileName), { ...(caption ? { caption } : {}), ...markup })
          : await api.sendMessage(chatId, parts[part]!, { link_preview_options: { is_disabled: true }, ...markup });
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
          if (attempts >= policy.maxAttempts)
            return { kind: "retryLater", error: failure.description, afterMs: backoffMs(attempts, policy) };
          await sleep(backoffMs(attempts, policy));
          break;
        case "permanent":
          return { kind: "failed", error: failure.description };
      }
    }
  }
  return { kind: "sent", messageIds, chatId };
}
