import { Writable } from "node:stream";
import { Api } from "grammy";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";
import type { Update } from "grammy/types";
import { createBot } from "../../src/bot/create-bot.js";
import { buildBotDeps, type BotDeps } from "../../src/bot/deps.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import type { Db } from "../../src/db/open-database.js";
import { FakeTelegram, TEST_BOT_INFO, type ApiCall } from "./fake-telegram.js";
import { botFileDownloader } from "../../src/bot/deps.js";

export const TEST_TOKEN = "1234567:TEST-token-for-the-harness-only_abcdef";

export interface HarnessOptions {
  db: Db;
  adminIds?: number[];
  now?: () => Date;
  telegram?: FakeTelegram;
  /**
   * Drain the outbox after every update, as the running sender soon would: what a press tells
   * other people then shows in the same step of a dialogue test. Off by default.
   */
  deliverOutbox?: boolean;
  /** WEB_APP_URL: the dashboard is on (issue 16). */
  dashboardUrl?: string;
}

/** A real bot (real handlers, database, locales) talking to a fake Bot API. */
export function createHarness({
  db,
  adminIds = [],
  now = () => new Date(),
  telegram = new FakeTelegram(),
  deliverOutbox = false,
  dashboardUrl,
}: HarnessOptions) {
  const logLines: string[] = [];
  const logSink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const deps: BotDeps = buildBotDeps({
    db,
    logger: createLogger("debug", logSink),
    i18n: createI18n(),
    regulations: loadRegulations(),
    productionYears: loadProductionYears(),
    adminIds,
    defaultTimezone: "Europe/Moscow",
    now,
    downloadFile: botFileDownloader(TEST_TOKEN, "https://api.telegram.org", telegram.fetch as typeof fetch),
    ...(dashboardUrl ? { dashboardUrl } : {}),
  });
  const bot = createBot({ token: TEST_TOKEN, deps, botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch as never } });
  let updateId = 1;
  // The outbox's sender on the same fake Bot API: what people other than the one answered get.
  const sender = createOutboxSender(
    { ...deps, api: new Api(TEST_TOKEN, { fetch: telegram.fetch as never }) },
    { ratePerSecond: 1000, perChatIntervalMs: 0, leaseMs: 60_000 },
  );
  return {
    bot,
    deps,
    telegram,
    logLines,
    /** Sends whatever the outbox holds that is due now; resolves with the number of rows handled. */
    deliver: () => sender.drain(),
    handle: async (update: Omit<Update, "update_id">) => {
      await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
      if (deliverOutbox) await sender.drain();
    },
    user(profile: { id: number; first_name: string; last_name?: string; language_code?: string }) {
      return new ChatUser(this, profile);
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;

/** One person in a private chat with the bot; reads like a dialogue in tests. */
export class ChatUser {
  constructor(
    private readonly harness: Pick<Harness, "handle" | "telegram">,
    readonly profile: { id: number; first_name: string; last_name?: string; language_code?: string },
  ) {}

  private get chat() {
    return { id: this.profile.id, type: "private" as const, first_name: this.profile.first_name };
  }

  private get from() {
    return { is_bot: false, ...this.profile };
  }

  /** Sends a text (commands included) and returns what the bot sent to this chat in response. */
  async send(text: string): Promise<ApiCall[]> {
    const before = this.harness.telegram.calls.length;
    const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    await this.harness.handle({
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: this.chat,
        from: this.from,
        text,
        entities,
      },
    });
    return this.harness.telegram.calls.slice(before);
  }

  /** Sends a file as a document; the bot can fetch it through getFile like from Telegram. */
  async sendDocument(fileName: string, content: Uint8Array | string, mimeType = "text/csv", caption?: string): Promise<ApiCall[]> {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    const fileId = `doc-${Math.floor(Math.random() * 1e9)}`;
    this.harness.telegram.files.set(fileId, bytes);
    const before = this.harness.telegram.calls.length;
    await this.harness.handle({
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: this.chat,
        from: this.from,
        caption,
        document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, mime_type: mimeType, file_size: bytes.length },
      },
    });
    return this.harness.telegram.calls.slice(before);
  }

  /** A document the bot only hears of (its size as Telegram says it, no bytes): e.g. a 25 MB scan or a program. */
  async sendDocumentInfo(fileName: string, mimeType: string, fileSize: number): Promise<ApiCall[]> {
    const fileId = `doc-${Math.floor(Math.random() * 1e9)}`;
    return this.sendMessageWith({
      document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, mime_type: mimeType, file_size: fileSize },
    });
  }

  /** A photo, in the sizes Telegram sends (the largest last). */
  async sendPhoto(fileSize = 180_000): Promise<ApiCall[]> {
    const id = Math.floor(Math.random() * 1e9);
    return this.sendMessageWith({
      photo: [
        { file_id: `photo-s-${id}`, file_unique_id: `s-${id}`, width: 90, height: 120, file_size: 2_000 },
        { file_id: `photo-${id}`, file_unique_id: `${id}`, width: 960, height: 1280, file_size: fileSize },
      ],
    });
  }

  private async sendMessageWith(content: Record<string, unknown>): Promise<ApiCall[]> {
    const before = this.harness.telegram.calls.length;
    await this.harness.handle({
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: this.chat,
        from: this.from,
        ...content,
      } as never,
    });
    return this.harness.telegram.calls.slice(before);
  }

  /** Shares the user's own phone number with Telegram's contact button. */
  async sendContact(phoneNumber: string): Promise<ApiCall[]> {
    const before = this.harness.telegram.calls.length;
    await this.harness.handle({
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: this.chat,
        from: this.from,
        contact: { phone_number: phoneNumber, first_name: this.profile.first_name, user_id: this.profile.id },
      },
    });
    return this.harness.telegram.calls.slice(before);
  }

  /** Types `@bot query` in any chat; returns the bot's answerInlineQuery call(s). */
  async inlineQuery(query: string): Promise<ApiCall[]> {
    const before = this.harness.telegram.calls.length;
    await this.harness.handle({ inline_query: { id: String(Math.floor(Math.random() * 1e9)), from: this.from, query, offset: "" } });
    return this.harness.telegram.calls.slice(before);
  }

  /** Presses the inline button with this text on the newest message that shows it. */
  async press(buttonText: string): Promise<ApiCall[]> {
    const source = [...this.harness.telegram.messagesTo(this.profile.id)]
      .reverse()
      .find((c) => buttonsOf(c).some((b) => b.text === buttonText));
    if (!source) throw new Error(`No button "${buttonText}" was shown to ${this.profile.first_name}`);
    const button = buttonsOf(source).find((b) => b.text === buttonText)!;
    // Telegram sends the message with its keyboard as it is when pressed.
    return this.pressData(button.callback_data, source.payload.message_id ?? 1, source.payload.reply_markup);
  }

  /** Sends raw callback data, as a forged or outdated button would. */
  async pressData(data: string, messageId = 1, replyMarkup?: unknown): Promise<ApiCall[]> {
    const before = this.harness.telegram.calls.length;
    await this.harness.handle({
      callback_query: {
        id: String(Math.floor(Math.random() * 1e9)),
        from: this.from,
        chat_instance: "test",
        data,
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: this.chat,
          text: "…",
          ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
        } as never,
      },
    });
    return this.harness.telegram.calls.slice(before);
  }

  /** The text of every message the bot sent to this chat so far. */
  texts(): string[] {
    return this.harness.telegram.messagesTo(this.profile.id).map((c) => String(c.payload.text ?? ""));
  }

  lastText(): string {
    return this.texts().at(-1) ?? "";
  }
}

export function buttonsOf(call: ApiCall): { text: string; callback_data: string }[] {
  const markup = call.payload.reply_markup;
  return markup?.inline_keyboard ? (markup.inline_keyboard as { text: string; callback_data: string }[][]).flat() : [];
}

export function textsOf(calls: ApiCall[]): string[] {
  return calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
}
