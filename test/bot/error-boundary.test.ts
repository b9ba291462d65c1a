import { Writable } from "node:stream";
import { Bot, type Middleware } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/app/app-error.js";
import type { BotContext } from "../../src/bot/context.js";
import { conversations, createConversation } from "@grammyjs/conversations";
import { handleBotError, sayOnRefusal, trackAnswer, trackAnswerInDialogue } from "../../src/bot/middleware/error-boundary.js";
import { CaseError } from "../../src/domain/case/index.js";
import { createI18n, readLocale } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { FakeTelegram, TEST_BOT_INFO } from "../support/fake-telegram.js";

/*
 * The error boundary alone: a refusal thrown by a handler becomes its `errors.<code>` text, as the
 * press's toast (answered exactly once) or as a reply; anything else gets the apology.
 */

const i18n = createI18n();
const ru = i18n.t("ru");
const from = { id: 42, is_bot: false, first_name: "Ольга", language_code: "ru" };
const chat = { id: 42, type: "private" as const, first_name: "Ольга" };

async function run(handler: Middleware<BotContext>, kind: "press" | "message") {
  const telegram = new FakeTelegram();
  const logLines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => void (logLines.push(String(chunk)), done()) });
  const bot = new Bot<BotContext>("1:TEST", { botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch as never } });
  bot.use((ctx, next) => {
    Object.assign(ctx, { t: ru, lang: "ru", actor: undefined, log: createLogger("debug", sink) });
    return next();
  });
  bot.use(trackAnswer);
  bot.errorBoundary(handleBotError).use(handler);
  const message = { message_id: 1, date: 0, chat, from, text: "/x" };
  const update: Omit<Update, "update_id"> =
    kind === "press" ? { callback_query: { id: "q1", from, chat_instance: "c", data: "x:1", message } } : { message };
  await bot.handleUpdate({ update_id: 1, ...update } as Update);
  const answers = telegram.calls.filter((c) => c.method === "answerCallbackQuery");
  const replies = telegram.calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text as string);
  return { answers, replies, log: logLines.join("") };
}

describe("the error boundary", () => {
  it("answers a press with the refusal's text, once, and logs it at info", async () => {
    const { answers, replies, log } = await run(() => {
      throw new AppError("notFound", "case 7 is gone");
    }, "press");
    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload.text).toBe(ru("errors.notFound"));
    expect(replies).toEqual([]);
    expect(log).toContain("case 7 is gone");
    expect(log).toContain('"level":30');
  });

  it("says a domain CaseError alike", async () => {
    const { answers } = await run(() => {
      throw new CaseError("caseClosed");
    }, "press");
    expect(answers.map((a) => a.payload.text)).toEqual(["Случай закрыт: изменить его нельзя."]);
  });

  it("replies when the press was already answered, and does not answer it again", async () => {
    const { answers, replies } = await run(async (ctx) => {
      await ctx.answerCallbackQuery();
      throw new AppError("forbidden");
    }, "press");
    expect(answers).toHaveLength(1);
    expect(replies).toEqual([ru("errors.forbidden")]);
  });

  it("replies to a message with the refusal", async () => {
    const { answers, replies } = await run(() => {
      throw new AppError("conflict");
    }, "message");
    expect(answers).toHaveLength(0);
    expect(replies).toEqual([ru("errors.conflict")]);
  });

  it("uses a handler's own words when it set them, and `other` for codes not listed", async () => {
    const own = await run((ctx) => {
      sayOnRefusal(ctx, { notFound: "sos.gone", other: "common.notAllowed" });
      throw new AppError("notFound");
    }, "press");
    expect(own.answers.map((a) => a.payload.text)).toEqual([ru("sos.gone")]);
    const other = await run((ctx) => {
      sayOnRefusal(ctx, { notFound: "sos.gone", other: "common.notAllowed" });
      throw new AppError("conflict");
    }, "press");
    expect(other.answers.map((a) => a.payload.text)).toEqual([ru("common.notAllowed")]);
  });

  it("apologises for anything else, logs it as an error, and still answers the press once", async () => {
    const { answers, replies, log } = await run(() => {
      throw new Error("database down");
    }, "press");
    expect(replies).toEqual([ru("common.error")]);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload.text).toBeUndefined();
    expect(log).toContain('"level":50');
  });

  it("has a text for every code, in both languages", () => {
    for (const lang of ["ru", "en"] as const) {
      const errors = (readLocale(lang) as { errors: Record<string, string> }).errors;
      for (const code of ["notFound", "forbidden", "conflict", "invalidInput", "caseClosed", "recurringStep", "wrongRegulation"]) {
        expect(errors[code], `${lang} errors.${code}`).toBeTruthy();
      }
    }
  });

  it("inside a dialogue: a refusal after the press was answered there becomes a reply, and the press is not answered twice", async () => {
    const telegram = new FakeTelegram();
    const bot = new Bot<BotContext>("1:TEST", { botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch as never } });
    bot.use((ctx, next) => {
      Object.assign(ctx, { t: ru, lang: "ru", actor: undefined, log: createLogger("silent") });
      return next();
    });
    bot.use(trackAnswer);
    const inside = bot.errorBoundary(handleBotError);
    inside.use(conversations({ plugins: [trackAnswerInDialogue] }));
    inside.use(
      createConversation(async (conversation, ctx) => {
        const press = await conversation.waitFor("callback_query:data");
        await press.answerCallbackQuery();
        throw new AppError("caseClosed");
      }, "dialogue"),
    );
    inside.command("go", (ctx) => ctx.conversation.enter("dialogue"));
    const message = { message_id: 1, date: 0, chat, from, text: "/go", entities: [{ type: "bot_command" as const, offset: 0, length: 3 }] };
    await bot.handleUpdate({ update_id: 1, message } as Update);
    await bot.handleUpdate({ update_id: 2, callback_query: { id: "q2", from, chat_instance: "c", data: "x", message } } as Update);
    expect(telegram.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
    expect(telegram.calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([ru("errors.caseClosed")]);
  });
});
