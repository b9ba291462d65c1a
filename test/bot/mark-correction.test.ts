import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf, createHarness, type ChatUser } from "../support/bot-harness.js";
import { movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * «↩️ Исправить отметку» through the real bot: the marked steps with their last mark, a wrong
 * answer on step 3 replaced in two taps, a step's mark undone so the card offers the usual
 * buttons again, the refusal while a later step counts from it, the deputy's notices, and the
 * chronology in both languages. Forged presses are refused by the use case.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const toast = (calls: ApiCall[]) => calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
const shown = (calls: ApiCall[]) => calls.filter((c) => ["sendMessage", "editMessageText"].includes(c.method)).at(-1);
const shownText = (calls: ApiCall[]) => String(shown(calls)?.payload.text ?? "");
const shownButtons = (calls: ApiCall[]) => {
  const call = shown(calls);
  return call ? buttonsOf(call).map((b) => b.text) : [];
};

async function caseRow(id: number) {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id } });
  return { steps: JSON.parse(row.steps), flags: JSON.parse(row.flags) as string[] };
}

describe("correcting a mark from the card (Russian)", () => {
  const clock = movableClock("2026-11-19");
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let h: ReturnType<typeof createHarness>;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9600, now: clock.now });
    caseId = await world.openCase({ openedOn: "2026-11-16" });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9600, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9601, first_name: "Марина", language_code: "ru" });
  });

  const deputyTexts = () => deputy.texts();

  it("no button while only the opening's own step is done", async () => {
    const calls = await teacher.pressData(`cc:o:${caseId}`);
    expect(shownButtons(calls)).not.toContain("↩️ Исправить отметку");
  });

  it("a wrong «подтверждён» on step 3 is replaced by «не подтверждён» in three taps from the card", async () => {
    await teacher.press("✅ Выполнено"); // step 2
    const answered = await teacher.press("подтверждён"); // step 3, by mistake
    expect(shownButtons(answered)).toContain("↩️ Исправить отметку");
    expect((await caseRow(caseId)).flags).toEqual(["familyTroubleConfirmed"]);
    await h.deliver();
    const before = deputyTexts().length;

    const list = await teacher.press("↩️ Исправить отметку");
    expect(shownText(list)).toBe("↩️ Иванов П., 7Б: какую отметку исправить?");
    expect(shownButtons(list)).toEqual([
      "2. Сообщить заместителю — выполнено 19.11",
      "3. Статус семейного неблагополучия — «подтверждён», 19.11",
      "← Карточка",
    ]);
    for (const b of buttonsOf(shown(list)!)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    const step = await teacher.press("3. Статус семейного неблагополучия — «подтверждён», 19.11");
    expect(shownText(step)).toBe(
      [
        "Шаг 3 «Статус семейного неблагополучия»",
        "Последняя отметка: «подтверждён», 19.11.2026",
        "",
        "Если отменить отметку, шаг снова станет открытым, и его можно будет отметить заново. В хронологии останутся обе записи.",
      ].join("\n"),
    );
    expect(shownButtons(step)).toEqual([
      "↩️ Отменить отметку",
      "✏️ Исправить на «не подтверждён»",
      "✏️ Исправить на «статуса ещё нет»",
      "← Назад",
    ]);

    const fixed = await teacher.press("✏️ Исправить на «не подтверждён»");
    expect(toast(fixed)).toBe("Шаг 3: теперь «не подтверждён»");
    const row = await caseRow(caseId);
    expect(row.flags).toEqual([]);
    expect(row.steps.trackStatus).toMatchObject({ state: "done", answer: "notConfirmed", completedOn: "2026-11-19" });

    await h.deliver();
    expect(deputyTexts().slice(before)).toEqual([
      [
        "✏️ Иванов П., 7Б: исправлена отметка шага 3 «Статус семейного неблагополучия»",
        "Было: «подтверждён», 19.11.2026",
        "Теперь: «не подтверждён», 19.11.2026",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 16.11.2026",
        "Классный руководитель: Петрова Ольга Ивановна",
      ].join("\n"),
    ]);
  });

  it("the chronology keeps the wrong answer and says what was corrected", async () => {
    const calls = await teacher.press("🕓 Хронология");
    const text = shownText(calls);
    expect(text).toContain("Петрова Ольга Ивановна — шаг 3 выполнен: подтверждён");
    expect(text).toContain(
      "шаг 3: отменена отметка о выполнении от 19.11.2026; был ответ «подтверждён»; снято: Семейное неблагополучие подтверждено",
    );
    expect(text).toContain("шаг 3 выполнен: не подтверждён");
  });

  it("step 3 cannot be undone once step 4, counted from it, is marked; step 4 can, and the card offers it again", async () => {
    clock.set("2026-11-20");
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("✅ Выполнено"); // step 4
    await h.deliver();
    const before = deputyTexts().length;

    await teacher.press("↩️ Исправить отметку");
    const blocked = await teacher.press("3. Статус семейного неблагополучия — «не подтверждён», 19.11");
    expect(shownText(blocked)).toContain(
      "Отменить эту отметку пока нельзя: от этого шага считается шаг 4 «Встреча с родителями», и он уже отмечен. Сначала исправьте шаг 4.",
    );
    expect(shownButtons(blocked)).toEqual(["← Назад"]);
    // A forged «Отменить» for step 3 (index 2) is refused by the domain, and the card is shown as it is.
    const forged = await teacher.pressData(`cc:cu:${caseId}:2`);
    expect(toast(forged)).toBe("Сначала исправьте следующий шаг: его срок считается от этого.");
    expect((await caseRow(caseId)).steps.trackStatus.state).toBe("done");

    await teacher.press("↩️ Исправить отметку");
    await teacher.press("4. Встреча с родителями — выполнено 20.11");
    const undone = await teacher.press("↩️ Отменить отметку");
    expect(toast(undone)).toBe("Отметка шага 4 отменена");
    expect(shownText(undone)).toMatch(/🟡 4\. Встреча с родителями/);
    expect(shownButtons(undone)).toContain("✅ Выполнено");
    expect((await caseRow(caseId)).steps.meetParents).toEqual({ state: "open", occurrences: [] });

    await h.deliver();
    const told = deputyTexts().slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /^✏️ Иванов П\., 7Б: исправлена отметка шага 4 «Встреча с родителями»\nБыло: выполнено, 20\.11\.2026\nТеперь: отметка отменена, шаг снова открыт\n/,
    );
  });

  it("refuses another teacher's and the deputy's presses, and a closed case", async () => {
    const other = await world.addPerson(9602, "Кузнецова Анна Петровна", ["teacher"]);
    const stranger = h.user({ id: other.telegramId, first_name: "Анна", language_code: "ru" });
    for (const data of [`cc:cm:${caseId}`, `cc:cp:${caseId}:1`, `cc:cu:${caseId}:1`, `cc:ca:${caseId}:2:0`]) {
      const calls = await stranger.pressData(data);
      expect(toast(calls)).toBe("Случай не найден или недоступен вам.");
    }
    const byDeputy = await deputy.pressData(`cc:cu:${caseId}:1`);
    expect(toast(byDeputy)).toBe("Случай не найден или недоступен вам.");
    const cardForDeputy = await deputy.pressData(`cc:o:${caseId}`);
    expect(shownButtons(cardForDeputy)).not.toContain("↩️ Исправить отметку");
    expect((await caseRow(caseId)).steps.informDeputy.state).toBe("done");

    await db.prisma.case.update({ where: { id: caseId }, data: { status: "closed" } });
    const closed = await teacher.pressData(`cc:cu:${caseId}:1`);
    expect(toast(closed)).toBe("Случай закрыт: изменить его нельзя.");
  });
});

describe("the chronology in English", () => {
  const clock = movableClock("2026-11-17");

  it("names the undone mark", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9650, now: clock.now, language: "en" });
    const caseId = await world.openCase({ openedOn: "2026-11-16" });
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 9650, first_name: "Olga", language_code: "en" });
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("✅ Done");
    await teacher.pressData(`cc:cu:${caseId}:1`);
    const calls = await teacher.pressData(`cc:h:${caseId}`);
    expect(shownText(calls)).toContain("step 2: the completion of 17.11.2026 undone");
  });
});
