import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type Harness } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { movableClock, seedCaseWorld } from "../support/case-fixtures.js";
import { choicesOf, isCancel } from "../../src/bot/conversations/kit/index.js";
import { DIALOGUE_CALLBACK } from "../../src/bot/views/callback-data.js";

/*
 * Dialogue buttons are written and read with the shared callback codec: a press whose data does not
 * decode (a bad index, an extra or a missing part, a number spelled otherwise) or decodes to no
 * choice of the question is not an answer. The question stands with a hint; nothing is saved.
 */

let db: TestDatabase;
const clock = movableClock("2026-11-16");
let h: Harness;

beforeAll(async () => {
  db = await createTestDatabase();
  h = createHarness({ db: db.prisma, now: clock.now });
});
afterAll(() => db.destroy());

function toast(calls: ApiCall[]): string | undefined {
  return calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
}

const PRESS_BUTTON = "Выберите вариант кнопкой под сообщением выше — или /cancel.";

describe("a forged answer to a step's question", () => {
  it("is not taken; the button shown is", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9900, now: clock.now });
    const caseId = await world.openCase({ openedOn: "2026-11-16" });
    const teacher = h.user({ id: 9900, first_name: "Ольга", language_code: "ru" });
    await teacher.pressData(`cc:d:${caseId}:0`);
    await teacher.pressData(`cc:d:${caseId}:1`);
    await teacher.pressData(`cc:n:${caseId}:2`);
    const asked = await teacher.send("Статус появился утром");
    expect(textsOf(asked)).toEqual(["Какой статус в «Классном помощнике»?"]);
    const shown = buttonsOf(asked.at(-1)!);
    expect(shown.map((b) => b.text)).toEqual(["подтверждён", "не подтверждён", "статуса ещё нет", "Отмена"]);
    expect(shown.map((b) => b.callback_data)).toEqual(["cd:a:0", "cd:a:1", "cd:a:2", "cd:cancel"]);

    // A bad index, an extra part, a missing part, a number spelled otherwise, another prefix.
    for (const data of ["cd:a:7", "cd:a:1:0", "cd:a", "cd:a:01", "cd:yes", "cc:a:1"]) {
      const calls = await teacher.pressData(data);
      expect({ data, toast: toast(calls) }).toEqual({ data, toast: PRESS_BUTTON });
      expect(textsOf(calls)).toEqual([]);
    }
    // «Отмена» with an extra part is no «Отмена» either: the question still stands.
    expect(toast(await teacher.pressData("cd:cancel:1"))).toBe(PRESS_BUTTON);
    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(JSON.parse(row.steps).trackStatus.state).toBe("open");

    const saved = textsOf(await teacher.press("не подтверждён"));
    expect(saved[0]).toBe("Сохранено: шаг 3 отмечен сегодня.");
    const after = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(JSON.parse(after.steps).trackStatus).toMatchObject({ state: "done", answer: "notConfirmed" });
  });
});

describe("a forged press on a dialogue's list", () => {
  it("toggles nothing and invites nobody", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9910, now: clock.now });
    await world.addPerson(9915, "Кузнецова Ирина Петровна", ["teacher"]);
    const deputy = h.user({ id: 9911, first_name: "Марина", language_code: "ru" });
    await deputy.send("/workgroup");
    await deputy.send("Подготовка к празднику");
    const list = await deputy.send("25.11 15:30");
    const shown = buttonsOf(list.at(-1)!);
    expect(shown.map((b) => b.callback_data)).toEqual(["wgd:t:0", "wgd:t:1", "wgd:all", "wgd:go", "cd:cancel"]);

    for (const data of ["wgd:t:2", "wgd:t:0:1", "wgd:go:0", "wgd:all:1", "wgd:t:00", "evd:go", "mtd:t:0"]) {
      const calls = await deputy.pressData(data);
      expect({ data, toast: toast(calls) }).toEqual({ data, toast: PRESS_BUTTON });
      expect(calls.filter((c) => c.method !== "answerCallbackQuery")).toEqual([]);
    }
    expect(await db.prisma.meeting.count({ where: { schoolId: world.schoolId } })).toBe(0);

    await deputy.press("▫️ Кузнецова И.");
    await deputy.press("Пригласить");
    expect(deputy.lastText()).toMatch(/^Рабочая группа «Подготовка к празднику» 25\.11 \(ср\) в 15:30: приглашён 1 человек/);
  });
});

describe("a forged press in /new", () => {
  it("an extra part on a student's or a regulation's button is a stale button, not an answer", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9920, now: clock.now });
    const teacher = h.user({ id: 9920, first_name: "Ольга", language_code: "ru" });
    await teacher.send("/new");
    const found = await teacher.send("Иванов");
    const student = buttonsOf(found.at(-1)!).find((b) => b.text.startsWith("Иванов Пётр"))!;
    expect(student.callback_data).toBe(`nc:s:${world.studentIds[0]}`);
    const stale = "Эта кнопка уже не действует — ответьте на последний вопрос.";
    expect(toast(await teacher.pressData(`${student.callback_data}:0`))).toBe(stale);
    expect(toast(await teacher.pressData("nc:cl:5"))).toBe(stale);

    const regulations = await teacher.press(student.text);
    const offered = buttonsOf(regulations.filter((c) => c.method === "sendMessage").at(-1)!);
    expect(offered.every((b, i) => b.callback_data === `nc:r:${i}`)).toBe(true);
    for (const data of [`nc:r:${offered.length}`, "nc:r:0:0", "nc:r"]) expect(toast(await teacher.pressData(data))).toBe(stale);
    expect(await db.prisma.case.count({ where: { schoolId: world.schoolId } })).toBe(0);
  });
});

describe("choicesOf", () => {
  const choices = choicesOf(DIALOGUE_CALLBACK, [
    { label: "да", data: { action: "yes" }, value: "yes" },
    { label: "второй ответ", data: { action: "a", index: 1 }, value: "second" },
  ]);

  it("writes each button with the codec and reads a press back to its choice", () => {
    expect(choices.buttons).toEqual([
      { label: "да", data: "cd:yes" },
      { label: "второй ответ", data: "cd:a:1" },
    ]);
    expect(choices.read("cd:yes")).toEqual({ value: "yes" });
    expect(choices.read("cd:a:1")).toEqual({ value: "second" });
  });

  it("reads nothing from data that does not decode or decodes to another choice", () => {
    for (const data of ["cd:yes:0", "cd:a", "cd:a:2", "cd:a:1:1", "cd:a:+1", "nc:yes", "cd:more", ""]) {
      expect({ data, read: choices.read(data) }).toEqual({ data, read: undefined });
    }
    expect(isCancel("cd:cancel")).toBe(true);
    expect(isCancel("cd:cancel:0")).toBe(false);
    expect(isCancel(undefined)).toBe(false);
  });
});
