import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, TEST_TOKEN } from "../support/bot-harness.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { publishCommandMenu } from "../../src/bot/commands.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { parseRoles } from "../../src/domain/people/roles.js";
import { Writable } from "node:stream";

const ADMIN = { id: 5001, first_name: "Анна", language_code: "ru" };
const STRANGER = { id: 6001, first_name: "Пётр", language_code: "ru" };

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

async function addTeacher(telegramId: number, fullName: string, roles = "teacher", language?: string) {
  const school = await db.prisma.school.create({ data: { name: `Школа ${telegramId}` } });
  const user = await db.prisma.user.create({ data: { telegramId: BigInt(telegramId), chatId: BigInt(telegramId), fullName, language } });
  await db.prisma.member.create({
    data: { schoolId: school.id, userId: user.id, roles: { create: parseRoles(roles).map((role) => ({ role })) } },
  });
  return { school, user };
}

describe("who may talk to the bot", () => {
  it("tells a stranger politely that the bot is for school staff, and nothing else", async () => {
    const h = createHarness({ db: db.prisma });
    const stranger = h.user(STRANGER);
    const replies = await stranger.send("/start");
    expect(textsOf(replies)).toEqual([expect.stringContaining("рабочий инструмент сотрудников школы")]);
    expect(replies.flatMap(buttonsOf)).toEqual([]);
    expect(textsOf(await stranger.send("/help"))[0]).toContain("только сотрудникам школы");
    expect(textsOf(await stranger.send("/settings"))[0]).toContain("ссылку-приглашение");
    expect(await db.prisma.user.count({ where: { telegramId: BigInt(STRANGER.id) } })).toBe(0);
  });

  it("greets an administrator from ADMIN_IDS in Russian, or in English for an English client", async () => {
    const h = createHarness({ db: db.prisma, adminIds: [ADMIN.id, 5002] });
    expect(textsOf(await h.user(ADMIN).send("/start"))[0]).toMatch(/^Здравствуйте, Анна! Я Классрук/);
    const english = h.user({ id: 5002, first_name: "Kate", language_code: "en" });
    expect(textsOf(await english.send("/start"))[0]).toMatch(/^Hello, Kate! I am Klassruk/);
  });

  it("greets a staff member on /start and then shows the menu: the greeting first, the menu's message last", async () => {
    await addTeacher(7003, "Кузнецова Анна Ивановна");
    const h = createHarness({ db: db.prisma });
    const replies = textsOf(await h.user({ id: 7003, first_name: "Анна" }).send("/start"));
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/^Здравствуйте/);
    expect(replies[1]).toBe("Главное меню — на кнопках внизу экрана.");
  });

  it("shows each role the help for what that role can do", async () => {
    await addTeacher(7001, "Иванова Мария Петровна");
    await addTeacher(7002, "Сидоров Олег", "deputy");
    const h = createHarness({ db: db.prisma });
    const teacherHelp = textsOf(await h.user({ id: 7001, first_name: "Мария" }).send("/help"))[0]!;
    expect(teacherHelp).toContain("/new — открыть случай");
    expect(teacherHelp).toContain("/annual — план и анализ воспитательной работы");
    expect(teacherHelp).not.toContain("/overdue");
    const deputyHelp = textsOf(await h.user({ id: 7002, first_name: "Олег" }).send("/help"))[0]!;
    expect(deputyHelp).toContain("/overdue — просроченные шаги");
    expect(deputyHelp).toContain("/event — объявить мероприятие");
    expect(deputyHelp).not.toContain("/new — открыть случай");
  });
});

describe("a dialogue survives a restart", () => {
  it("continues after a new bot instance is built on the same database between two answers", async () => {
    await addTeacher(7101, "", "teacher");
    const first = createHarness({ db: db.prisma });
    const teacher = first.user({ id: 7101, first_name: "Ольга", language_code: "ru" });
    const menu = await teacher.send("/settings");
    expect(textsOf(menu)[0]).toMatch(/^Ваши настройки:\nИмя: —\nТелефон: не указан\nЯзык: Русский\n/);
    expect(menu.flatMap(buttonsOf).map((b) => b.text)).toEqual(["Имя", "Телефон", "Язык", "Часы напоминаний", "Отпуск"]);
    expect(textsOf(await teacher.press("Имя"))).toEqual([expect.stringContaining("фамилию, имя и отчество")]);

    // "Restart": a new process, a new Prisma client and a new bot on the same database.
    const reopened = await db.reopen();
    try {
      const second = createHarness({ db: reopened.prisma, telegram: first.telegram });
      const after = second.user({ id: 7101, first_name: "Ольга", language_code: "ru" });
      expect(textsOf(await after.send("  Петрова   Ольга Ивановна "))).toEqual(["Сохранено: Петрова Ольга Ивановна."]);
      expect((await after.press("Язык")).flatMap(buttonsOf).map((b) => b.text)).toEqual(["Русский", "English"]);
      const saved = await after.press("English");
      expect(textsOf(saved)).toEqual(["Done: I will write to you in English."]);
      expect(saved.some((c) => c.method === "answerCallbackQuery")).toBe(true);
      const user = await reopened.prisma.user.findUniqueOrThrow({ where: { telegramId: 7101n } });
      expect(user).toMatchObject({ fullName: "Петрова Ольга Ивановна", language: "en" });
      // The profile's language now wins over Telegram's language_code.
      expect(textsOf(await after.send("/help"))[0]).toMatch(/^What I can do:/);
    } finally {
      await reopened.close();
    }
  });

  it("handles one chat's quick answers in the order they were sent", async () => {
    await addTeacher(7104, "");
    const h = createHarness({ db: db.prisma });
    const teacher = h.user({ id: 7104, first_name: "Вера" });
    await teacher.send("/settings");
    // The answer arrives while the press before it is still being handled (runner and webhook deliver concurrently).
    await Promise.all([teacher.press("Имя"), teacher.send("Орлова Вера Андреевна")]);
    expect(teacher.lastText()).toBe("Сохранено: Орлова Вера Андреевна.");
    expect(await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 7104n } })).toMatchObject({ fullName: "Орлова Вера Андреевна" });
  });

  it("keeps the dialogue where it was on bad input", async () => {
    await addTeacher(7102, "");
    const h = createHarness({ db: db.prisma });
    const teacher = h.user({ id: 7102, first_name: "Ира" });
    await teacher.send("/settings");
    await teacher.press("Имя");
    expect(textsOf(await teacher.send("12345"))).toEqual([expect.stringContaining("фамилию и имя")]);
    expect(textsOf(await teacher.send("Котова Ирина"))).toEqual(["Сохранено: Котова Ирина."]);
    await teacher.press("Телефон");
    expect(textsOf(await teacher.send("позвоните мне"))).toEqual([expect.stringContaining("Не похоже на номер телефона")]);
    expect(textsOf(await teacher.send("8 (916) 123-45-67"))).toEqual(["Сохранено: +79161234567."]);
  });

  it("/cancel leaves the dialogue and saves nothing", async () => {
    await addTeacher(7103, "Старое Имя");
    const h = createHarness({ db: db.prisma });
    const teacher = h.user({ id: 7103, first_name: "Ян" });
    await teacher.send("/settings");
    await teacher.press("Имя");
    expect(textsOf(await teacher.send("/cancel"))).toEqual(["Хорошо, отменил. Ничего не сохранено."]);
    await teacher.send("Новое Имя");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 7103n } });
    expect(user.fullName).toBe("Старое Имя");
    expect(textsOf(await teacher.send("/cancel"))).toEqual(["Сейчас нечего отменять."]);
  });
});

describe("a reply Telegram asks to wait for", () => {
  it("is sent again after retry_after: the person still gets the answer", async () => {
    const h = createHarness({ db: db.prisma });
    let refused = 0;
    h.telegram.respond("sendMessage", (payload) => {
      if (refused++ === 0)
        return { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
      return { ok: true, result: { message_id: 7, date: 0, chat: { id: Number(payload.chat_id), type: "private" }, text: payload.text } };
    });
    const stranger = h.user({ id: 5099, first_name: "Гость", language_code: "ru" });
    const calls = await stranger.send("/start");
    expect(calls.filter((c) => c.method === "sendMessage")).toHaveLength(2);
    expect(refused).toBe(2);
  });
});

describe("errors and buttons", () => {
  it("answers every callback query, including forged or outdated ones", async () => {
    await addTeacher(7201, "Белова Анна");
    const h = createHarness({ db: db.prisma });
    const calls = await h.user({ id: 7201, first_name: "Анна" }).pressData("case:999:done");
    const answer = calls.find((c) => c.method === "answerCallbackQuery");
    expect(answer?.payload.text).toBe("Эта кнопка устарела. Откройте нужный раздел заново.");
  });

  it("apologises in the user's language when a handler fails, and logs the detail without the token", async () => {
    // A refusal that no retry helps (a 5xx is retried first: see the 429 test above).
    const telegram = new FakeTelegram();
    let failures = 1;
    telegram.respond("sendMessage", (payload) =>
      failures-- > 0
        ? { ok: false, error_code: 400, description: "Bad Request: upstream timeout" }
        : { ok: true, result: { message_id: 1, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text } },
    );
    const h = createHarness({ db: db.prisma, adminIds: [ADMIN.id], telegram });
    const calls = await h.user(ADMIN).send("/start");
    expect(textsOf(calls).at(-1)).toBe("Что-то пошло не так, и ваше действие не сохранилось. Попробуйте ещё раз через минуту.");
    const log = h.logLines.join("");
    expect(log).toContain("handler failed");
    expect(log).toContain("upstream timeout");
    expect(log).not.toContain(TEST_TOKEN.split(":")[1]);
  });
});

describe("the command menu", () => {
  let lines: string[];
  let sink: Writable;
  beforeEach(() => {
    lines = [];
    sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  });

  it("is set in Russian by default and in English for English clients", async () => {
    const telegram = new FakeTelegram();
    const h = createHarness({ db: db.prisma, telegram });
    await publishCommandMenu(h.bot.api, createI18n(), createLogger("info", sink));
    const menus = telegram.calls.filter((c) => c.method === "setMyCommands");
    expect(menus).toHaveLength(2);
    expect(menus[0]!.payload.language_code).toBeUndefined();
    expect(menus[0]!.payload.commands).toContainEqual({ command: "help", description: "Что умеет бот" });
    expect(menus[1]!.payload).toMatchObject({ language_code: "en" });
    expect(menus[1]!.payload.commands).toContainEqual({ command: "help", description: "What the bot can do" });
  });

  it("gives each staff member a menu of their roles' commands in their chat", async () => {
    await addTeacher(7301, "Лебедева Ирина", "deputy");
    const telegram = new FakeTelegram();
    const h = createHarness({ db: db.prisma, telegram });
    await h.user({ id: 7301, first_name: "Ирина", language_code: "ru" }).send("/start");
    const menu = telegram.calls.find((c) => c.method === "setMyCommands");
    expect(menu?.payload.scope).toEqual({ type: "chat", chat_id: 7301 });
    const commands = (menu!.payload.commands as { command: string }[]).map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["overdue", "school", "case", "event", "events", "workgroup", "help"]));
    expect(commands).not.toContain("new");
    expect(commands).not.toContain("annual");
  });

  it("does not stop the start when Telegram refuses it", async () => {
    const telegram = new FakeTelegram();
    telegram.respond("setMyCommands", () => ({ ok: false, error_code: 400, description: "Bad Request: too many commands" }));
    const h = createHarness({ db: db.prisma, telegram });
    await expect(publishCommandMenu(h.bot.api, createI18n(), createLogger("info", sink))).resolves.toBeUndefined();
    expect(lines.join("")).toContain("could not set the command menu");
  });
});
