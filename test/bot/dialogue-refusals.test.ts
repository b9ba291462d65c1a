import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { conversations, createConversation } from "@grammyjs/conversations";
import { AppError } from "../../src/app/app-error.js";
import { closeCase } from "../../src/app/cases/close-case.js";
import type { BotContext, BotConversation, InnerContext } from "../../src/bot/context.js";
import { refusedWith, run } from "../../src/bot/conversations/kit/run.js";
import { handleBotError, trackAnswer, trackAnswerInDialogue } from "../../src/bot/middleware/error-boundary.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, textsOf, type Harness } from "../support/bot-harness.js";
import { FakeTelegram, TEST_BOT_INFO, type ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld } from "../support/case-fixtures.js";

/*
 * A refusal inside a dialogue ends it: the use case's AppError leaves conversation.external (the
 * kit's `run`) and the dialogue, the conversations plugin drops the dialogue and throws the error
 * on, and the error boundary says it once, in the user's language. What follows is no longer an
 * answer to the dialogue.
 */

let db: TestDatabase;
const clock = movableClock("2026-11-16");
let h: Harness;

beforeAll(async () => {
  db = await createTestDatabase();
  h = createHarness({ db: db.prisma, now: clock.now });
});
afterAll(() => db.destroy());

/** Everything the bot did in the chat apart from plain messages (toasts, edits, documents). */
function besidesMessages(calls: ApiCall[]): string[] {
  return calls.filter((c) => c.method !== "sendMessage").map((c) => c.method);
}

async function stepState(caseId: number, stepId: string): Promise<string> {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return JSON.parse(row.steps)[stepId].state;
}

describe("the case is closed by someone else while the teacher writes a note (English)", () => {
  it("says so once, in English, and the dialogue is over", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9800, now: clock.now, language: "en" });
    const caseId = await world.openCase();
    const teacher = h.user({ id: 9800, first_name: "Olga", language_code: "en" });
    await teacher.pressData(`cc:o:${caseId}`);
    expect(textsOf(await teacher.press("✅ Done, with a comment"))[0]).toMatch(/^Type a comment\. Step 2 will be marked done today/);

    await closeCase(fixtureDeps(db.prisma, clock.now), { actor: world.deputy, caseId: String(caseId), reason: "returnedToSchool" });
    const refused = await teacher.send("The notice came at 9:40");
    expect(textsOf(refused)).toEqual(["The case is closed and cannot be changed."]);
    expect(besidesMessages(refused)).toEqual([]);

    // The next text is not taken as the note.
    const after = textsOf(await teacher.send("The notice came at 9:40")).join("\n");
    expect(after).not.toContain("Saved");
    expect(after).not.toContain("The case is closed");
    expect(await stepState(caseId, "informDeputy")).toBe("open");
  });
});

describe("the teacher loses the role before confirming the closing (Russian)", () => {
  it("the confirming press is answered once, the refusal is one message, and the old button does nothing", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9810, now: clock.now });
    const caseId = await world.openCase();
    const teacher = h.user({ id: 9810, first_name: "Ольга", language_code: "ru" });
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("Закрыть случай");
    await teacher.press("другое");
    expect(textsOf(await teacher.send("Переведена в другую школу"))[0]).toMatch(/^Закрыть случай/);

    await db.prisma.member.update({
      where: { id: world.teacher.memberId },
      data: { roles: { deleteMany: {}, create: [{ role: "specialist" }] } },
    });
    const refused = await teacher.press("Да, закрыть");
    expect(textsOf(refused)).toEqual(["Случай не найден или недоступен вам."]);
    const answers = refused.filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload.text).toBeUndefined();

    const again = await teacher.press("Да, закрыть");
    expect(textsOf(again)).toEqual([]);
    expect(again.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Эта кнопка устарела. Откройте нужный раздел заново.");
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("open");
  });
});

describe("an /admin dialogue keeps its own words for a refusal", () => {
  it("an administrator who lost the role hears «Это действие вам недоступно.» once, and the name stays", async () => {
    const world = await seedCaseWorld(db.prisma, { name: "Школа № 98", telegramBase: 9820, now: clock.now });
    const person = await world.addPerson(9829, "Админова Вера Павловна", ["admin"]);
    const admin = h.user({ id: person.telegramId, first_name: "Вера", language_code: "ru" });
    await admin.send("/admin");
    await admin.press("⚙️ Настройки школы");
    expect(textsOf(await admin.press("Название"))).toHaveLength(1);

    await db.prisma.member.update({ where: { id: person.memberId }, data: { roles: { deleteMany: {}, create: [{ role: "teacher" }] } } });
    const refused = await admin.send("ГБОУ Школа № 98");
    // admin.errors.forbidden, not the case-flavoured errors.forbidden («Случай не найден…»).
    expect(textsOf(refused)).toEqual(["Это действие вам недоступно."]);
    expect(besidesMessages(refused)).toEqual([]);

    await db.prisma.member.update({ where: { id: person.memberId }, data: { roles: { deleteMany: {}, create: [{ role: "admin" }] } } });
    expect(textsOf(await admin.send("ГБОУ Школа № 98")).join("\n")).not.toContain("Сохранено");
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: world.schoolId } })).name).toBe("Школа № 98");
  });
});

describe("the kit's run on the conversations plugin itself", () => {
  const ru = createI18n().t("ru");
  const from = { id: 42, is_bot: false, first_name: "Ольга", language_code: "ru" };
  const chat = { id: 42, type: "private" as const, first_name: "Ольга" };

  /** A bot with one dialogue and the boundary, as createBot installs them; the storage is shared between bots. */
  function miniBot(
    telegram: FakeTelegram,
    storage: Map<string, unknown>,
    dialogue: (conversation: BotConversation, ctx: InnerContext) => Promise<void>,
  ) {
    const bot = new Bot<BotContext>("1:TEST", { botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch as never } });
    bot.use((ctx, next) => {
      Object.assign(ctx, { t: ru, lang: "ru", actor: undefined, log: createLogger("silent") });
      return next();
    });
    bot.use(trackAnswer);
    const inside = bot.errorBoundary(handleBotError);
    const setUp = (ctx: InnerContext, next: () => Promise<void>) => {
      Object.assign(ctx, { t: ru, lang: "ru", actor: undefined, log: createLogger("silent") });
      return next();
    };
    inside.use(
      conversations<BotContext, InnerContext>({
        storage: {
          type: "key",
          getStorageKey: (ctx) => String(ctx.chatId),
          adapter: {
            read: (key) => structuredClone(storage.get(key)) as never,
            write: (key, value) => void storage.set(key, JSON.parse(JSON.stringify(value))),
            delete: (key) => void storage.delete(key),
          },
        },
        plugins: [setUp, trackAnswerInDialogue],
      }),
    );
    inside.use(createConversation<BotContext, InnerContext>(dialogue, "dialogue"));
    inside.command("go", (ctx) => ctx.conversation.enter("dialogue"));
    inside.on("message:text", (ctx) => ctx.reply(`outside: ${ctx.message.text}`));
    let id = 1;
    return (text: string) =>
      bot.handleUpdate({
        update_id: id++,
        message: {
          message_id: id,
          date: 0,
          chat,
          from,
          text,
          ...(text.startsWith("/") ? { entities: [{ type: "bot_command" as const, offset: 0, length: text.length }] } : {}),
        },
      } as Update);
  }

  it("a refusal thrown in run leaves the dialogue and reaches the boundary once; the next text goes elsewhere", async () => {
    const telegram = new FakeTelegram();
    const storage = new Map<string, unknown>();
    const send = miniBot(telegram, storage, async (conversation, ctx) => {
      await ctx.reply("ask");
      const answer = await conversation.waitFor("message:text");
      await run(conversation, () => {
        throw new AppError("caseClosed", "closed meanwhile");
      });
      await answer.reply("saved");
    });
    await send("/go");
    await send("answer");
    await send("more");
    expect(textsOf(telegram.calls)).toEqual(["ask", ru("errors.caseClosed"), "outside: more"]);
    expect(storage.size).toBe(0);
  });

  it("a refusal the dialogue goes on after comes back as the same AppError on every replay", async () => {
    const telegram = new FakeTelegram();
    const storage = new Map<string, unknown>();
    const dialogue = async (convo: BotConversation, ctx: InnerContext) => {
      try {
        await run(convo, () => {
          throw new AppError("notFound", "class 9 is gone");
        });
      } catch (error) {
        await ctx.reply(`gone: ${refusedWith(error, "notFound").message}`);
      }
      const first = await convo.waitFor("message:text");
      const second = await convo.waitFor("message:text");
      await second.reply(`${first.message.text} + ${second.message.text}`);
    };
    const send = miniBot(telegram, storage, dialogue);
    await send("/go");
    await send("one");
    // A restart: another bot on the same storage replays the dialogue from its log.
    const resend = miniBot(telegram, storage, dialogue);
    await resend("two");
    expect(textsOf(telegram.calls)).toEqual(["gone: class 9 is gone", "one + two"]);
  });
});
