import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureRegulations, fixtureYears, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { deriveSteps, nextAction, openCase } from "../../src/domain/case/index.js";
import { createSchoolCalendar } from "../../src/domain/calendar/school-calendar.js";
import { caseCardText } from "../../src/bot/views/case-card-view.js";
import { createI18n } from "../../src/i18n.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

function toast(calls: ApiCall[]): string | undefined {
  return calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
}

/** The card (or other text) the press put in place of the pressed message. */
function edited(calls: ApiCall[]): string {
  return String(calls.filter((c) => c.method === "editMessageText").at(-1)?.payload.text ?? "");
}

function buttonTexts(calls: ApiCall[]): string[] {
  const last = calls.filter((c) => ["sendMessage", "editMessageText", "editMessageReplyMarkup"].includes(c.method)).at(-1);
  return last ? buttonsOf(last).map((b) => b.text) : [];
}

async function caseRow(id: number) {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id } });
  return { ...row, steps: JSON.parse(row.steps), flags: JSON.parse(row.flags) as string[] };
}

async function snapshot(id: number) {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id } });
  const events = await db.prisma.caseEvent.count({ where: { caseId: id } });
  const measures = await db.prisma.planMeasure.count({ where: { caseId: id } });
  return { revision: row.revision, status: row.status, steps: row.steps, events, measures };
}

describe("a teacher runs the absence regulation from opening to close (Russian)", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let h: ReturnType<typeof createHarness>;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9100, now: clock.now });
    caseId = await world.openCase({ openedOn: "2026-11-16", firstAbsenceOn: "2026-10-30" });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9100, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9101, first_name: "Марина", language_code: "ru" });
  });

  it("opens with step 1 done on the notice date: a compact card of titles, the next step in its own words", async () => {
    const calls = await teacher.pressData(`cc:o:${caseId}`);
    const card = edited(calls);
    expect(card.split("\n\n").slice(0, 2)).toEqual([
      [
        "👤 Иванов Пётр Сергеевич, 7Б",
        "📘 Пропуски более 10 учебных дней (критерий №22)",
        "Пропущено 11 учебных дней подряд, с 30.10.2026",
        "Заместитель: Соколова М. В.",
      ].join("\n"),
      [
        "✅ 1. Уведомление в «Классном помощнике» — 16.11",
        "🟠 2. Сообщить заместителю — до 16.11 (пн), сегодня",
        "⚪ 3. Статус семейного неблагополучия — с 19.11 до 23.11",
        "⏳ 4. Встреча с родителями",
        "⏳ 5. ИПР",
        "⏳ 6. Контроль ИПР",
        "⏳ 7. Связь с семьёй — после шага 5",
      ].join("\n"),
    ]);
    expect(card).toContain(
      "▶️ Дальше — шаг 2:\n📄 по факту получения уведомления информирует заместителя директора по воспитанию и социализации, в случае отсутствия данной должностной единицы сотрудника образовательной организации, наделенного данными полномочиями",
    );
    expect(card).not.toContain("🔴");
    expect(card.length).toBeLessThanOrEqual(900);
    expect(buttonTexts(calls)).toEqual([
      "✅ Выполнено",
      "✅ Выполнено: выбрать способ",
      "✅ Выполнено, с комментарием",
      "✅ Выполнено в другой день",
      "📨 Сообщить заместителю через бота",
      "📝 Заметка",
      "⏭ Не требуется",
      "Шаги",
      "🕓 Хронология",
      "📎 Файлы",
      "📖 Подробнее",
      "👪 Семья",
      "📁 Дело",
      "Закрыть случай",
    ]);
    expect((await caseRow(caseId)).steps.receiveNotice).toMatchObject({ state: "done", completedOn: "2026-11-16" });
    expect(await caseRow(caseId)).toMatchObject({ firstAbsenceOn: "2026-10-30", daysMissed: 11 });
  });

  it("«📖 Подробнее» gives the regulation's whole text; «← Карточка» brings the card back", async () => {
    const calls = await teacher.press("📖 Подробнее");
    const text = textsOf(calls).join("\n");
    expect(text).toMatch(/^📘 Регламент действий классного руководителя, в случае если обучающийся имеет пропуски занятий/);
    expect(text).toContain("3. Статус семейного неблагополучия\nв течение 3-5 дней в разделе АИС «Классный помощник» отслеживает");
    expect(text).toContain("Срок: в течение 3-5 дней");
    expect(buttonTexts(calls)).toEqual(["← Карточка"]);
    expect(edited(await teacher.press("← Карточка"))).toContain("▶️ Дальше — шаг 2:");
  });

  it("the deputy's /overdue does not list step 1", async () => {
    clock.set("2026-11-19");
    const list = textsOf(await deputy.send("/overdue")).join("\n");
    expect(list).not.toMatch(/шаг 1\b/i);
    clock.set("2026-11-16");
  });

  it("step 2: the deputy for upbringing receives the card's summary through the bot; the step is done by messenger", async () => {
    const earlier = h.telegram.messagesTo(9101).length;
    const calls = await teacher.press("📨 Сообщить заместителю через бота");
    expect(toast(calls)).toBe("Отправлено: Соколова Марина Викторовна. Шаг 2 отмечен.");
    // Nothing goes to the deputy from the handler: the notice is an outbox row, sent by the sender.
    expect(calls.filter((c) => Number(c.payload.chat_id) === 9101)).toHaveLength(0);
    expect(await h.deliver()).toBe(1);
    const notice = textsOf(h.telegram.messagesTo(9101).slice(earlier));
    expect(notice).toHaveLength(1);
    // What the deputy can act on at a glance: who, which regulation and why, the step, the teacher.
    expect(notice[0]!.split("\n")).toEqual([
      "📨 Иванов П., 7Б: шаг 2 «Сообщить заместителю» выполнен",
      "Способ: мессенджер",
      "Дата: 16.11.2026",
      "Регламент: Пропуски более 10 учебных дней (критерий №22)",
      "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 16.11.2026",
      "Пропущено 11 учебных дней подряд, с 30.10.2026",
      "Классный руководитель: Петрова Ольга Ивановна",
    ]);
    expect(edited(calls)).toContain("✅ 2. Сообщить заместителю — 16.11, мессенджер");
    expect((await caseRow(caseId)).steps.informDeputy).toMatchObject({ state: "done", form: "messenger", completedOn: "2026-11-16" });

    // The deputy opens the card from the message: they see it, without the teacher's buttons.
    const opened = await deputy.press("Открыть карточку");
    expect(textsOf(opened).at(-1)).toContain("👤 Иванов Пётр Сергеевич, 7Б");
    expect(textsOf(opened).at(-1)).toContain("Заместитель: Соколова М. В.");
    expect(buttonTexts(opened)).toEqual([
      "🕓 Хронология",
      "📎 Файлы",
      "📖 Подробнее",
      "👪 Семья",
      "📁 Дело",
      "Закрыть случай",
      "🔁 Сменить заместителя",
      "💬 Комментарий",
      "👤 Передать другому учителю",
    ]);
  });

  it("step 3: «статуса ещё нет» keeps it open, then «подтверждён» completes it and flags the case", async () => {
    clock.set("2026-11-19");
    const card = await teacher.pressData(`cc:o:${caseId}`);
    expect(edited(card)).toContain("🟡 3. Статус семейного неблагополучия — с 19.11 до 23.11");
    expect(edited(card)).toMatch(
      /▶️ Дальше — шаг 3:\n📄 в течение 3-5 дней .+ действует по установленному регламенту\n❓ Какой статус в «Классном помощнике»\?$/,
    );
    expect(edited(card).length).toBeLessThanOrEqual(900);
    expect(buttonTexts(card).slice(0, 3)).toEqual(["подтверждён", "не подтверждён", "статуса ещё нет"]);

    const waiting = await teacher.press("статуса ещё нет");
    expect(toast(waiting)).toBe("Шаг 3: статуса ещё нет");
    expect(edited(waiting)).toContain("🟡 3. Статус семейного неблагополучия — с 19.11 до 23.11; последний ответ: статуса ещё нет (19.11)");
    expect((await caseRow(caseId)).steps.trackStatus.state).toBe("open");

    clock.set("2026-11-20");
    const confirmed = await teacher.press("подтверждён");
    const text = edited(confirmed);
    expect(text).toContain("⚠️ Семейное неблагополучие подтверждено: действовать по установленному регламенту");
    expect(text).toContain("✅ 3. Статус семейного неблагополучия — 20.11, подтверждён");
    expect(text).toContain("⚪ 4. Встреча с родителями — до 24.11 (вт)");
    expect(text).toContain("▶️ Дальше — шаг 4:");
    const row = await caseRow(caseId);
    expect(row.flags).toEqual(["familyTroubleConfirmed"]);
    expect(row.steps.trackStatus).toMatchObject({ state: "done", answer: "confirmed" });

    // «подтверждён» reaches the deputy at once, marked urgent, with the student and the answer.
    const rows = await db.prisma.notification.findMany({ where: { kind: "notice", key: { contains: ":step:trackStatus:" } } });
    expect(rows.map((r) => r.urgent)).toEqual([true]);
    const before = h.telegram.messagesTo(9101).length;
    await h.deliver();
    const told = textsOf(h.telegram.messagesTo(9101).slice(before));
    expect(told).toHaveLength(1);
    expect(told[0]!.split("\n")).toEqual([
      "❗ Иванов П., 7Б: шаг 3 «Статус семейного неблагополучия» — срочно",
      "Ответ: подтверждён",
      "Дата: 20.11.2026",
      "Регламент: Пропуски более 10 учебных дней (критерий №22)",
      "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 16.11.2026",
      "Пропущено 11 учебных дней подряд, с 30.10.2026",
      "Классный руководитель: Петрова Ольга Ивановна",
    ]);
  });

  it("step 4 via «✅ Выполнено в другой день»: an impossible date and a future one are refused, the dialogue stays, a good date is saved", async () => {
    clock.set("2026-11-24");
    await teacher.pressData(`cc:o:${caseId}`);
    const ask = await teacher.press("✅ Выполнено в другой день");
    expect(textsOf(ask)).toEqual([
      "Когда был выполнен шаг 4? Напишите дату: 25.11 или 25.11.2026 — не раньше открытия случая (16.11.2026) и не позже сегодняшнего дня.",
    ]);
    expect(textsOf(await teacher.send("31.02"))).toEqual(["Не понял дату. Напишите её как 25.11 или 25.11.2026."]);
    expect(textsOf(await teacher.send("25.12.2026"))).toEqual(["Дата ещё не наступила. Подходит дата с 16.11.2026 по 24.11.2026."]);
    expect(textsOf(await teacher.send("10.11.2026"))).toEqual(["Дата раньше открытия случая. Подходит дата с 16.11.2026 по 24.11.2026."]);
    // A button of the card while the dialogue waits for a date: a hint, and the dialogue stays.
    const pressed = await teacher.press("✅ Выполнено");
    expect(toast(pressed)).toBe("Напишите ответ сообщением — или /cancel, чтобы выйти.");
    expect((await caseRow(caseId)).steps.meetParents.state).toBe("open");

    const saved = await teacher.send("23.11");
    const texts = textsOf(saved);
    expect(texts[0]).toBe("Сохранено: шаг 4 отмечен датой 23.11.2026.");
    expect(texts[1]).toContain("✅ 4. Встреча с родителями — 23.11");
    expect(texts[1]).toContain("⚪ 5. ИПР — до 30.11 (пн)");
    expect(texts[1]).toContain("▶️ Дальше — шаг 5:");
    expect((await caseRow(caseId)).steps.meetParents).toMatchObject({ state: "done", completedOn: "2026-11-23" });
  });

  it("step 5 is refused while the ИПР is empty: the toast says why and the plan opens with its buttons", async () => {
    const before = await snapshot(caseId);
    const refused = await teacher.press("✅ Выполнено");
    expect(toast(refused)).toBe("План пока пуст: добавьте хотя бы одно мероприятие или прикрепите файл плана — тогда шаг можно отметить.");
    expect(edited(refused)).toBe(
      // Step 4 (the meeting that puts the student on ВШУ) was done on 23.11: the plan carries its date.
      "📋 План ИПР — Иванов П., 7Б\nДата постановки на ВШУ: 23.11.2026\nМероприятий пока нет. Добавьте их по одному или прикрепите файл плана.",
    );
    expect(buttonTexts(refused)).toEqual([
      "➕ Добавить мероприятие",
      "📎 Прикрепить файл плана",
      "📅 Дата постановки на ВШУ",
      "✍️ Родители ознакомлены",
      "← Карточка",
    ]);
    expect(await snapshot(caseId)).toEqual(before);
  });

  it("step 5 and the ИПР: two measures recorded in a short dialogue, a text where a button was expected gets a hint", async () => {
    expect(textsOf(await teacher.press("➕ Добавить мероприятие"))[0]).toMatch(/^Мероприятие плана: что нужно сделать\?/);
    const areas = await teacher.send("Ежедневный контроль посещаемости");
    expect(textsOf(areas)).toEqual(["С кем эта работа?"]);
    expect(buttonsOf(areas.at(-1)!).map((b) => b.text)).toEqual([
      "С обучающимся",
      "С семьёй",
      "С педагогами",
      "С другими ведомствами",
      "Отмена",
    ]);
    expect(textsOf(await teacher.press("С обучающимся"))).toEqual(["Кто отвечает за это мероприятие?"]);
    expect(textsOf(await teacher.send("классный руководитель"))[0]).toMatch(/^К какому сроку\?/);
    const first = await teacher.send("01.12");
    expect(textsOf(first)).toEqual([
      "Добавлено: Ежедневный контроль посещаемости — классный руководитель — до 01.12 (вт).",
      "Добавить ещё мероприятие?",
    ]);
    expect(textsOf(await teacher.send("ещё одно"))).toEqual(["Выберите вариант кнопкой под сообщением выше — или /cancel."]);

    await teacher.press("➕ Ещё мероприятие");
    await teacher.send("Посещение семьи на дому с составлением акта");
    await teacher.press("С семьёй");
    await teacher.send("социальный педагог");
    const second = await teacher.press("Без срока");
    expect(textsOf(second)[0]).toBe("Добавлено: Посещение семьи на дому с составлением акта — социальный педагог.");
    const finished = await teacher.press("Готово");
    expect(textsOf(finished)[0]).toBe(
      [
        "📋 План ИПР — Иванов П., 7Б",
        "Дата постановки на ВШУ: 23.11.2026",
        "1. ▫️ Ежедневный контроль посещаемости — классный руководитель — до 01.12 (вт)",
        "2. ▫️ Посещение семьи на дому с составлением акта — социальный педагог",
        "",
        "Отмечайте выполненные мероприятия кнопками ниже — это засчитывается как еженедельный контроль плана.",
      ].join("\n"),
    );
    const measures = await db.prisma.planMeasure.findMany({ where: { caseId }, orderBy: { position: "asc" } });
    expect(measures.map((m) => [m.what, m.area, m.who, m.dueOn, m.doneOn])).toEqual([
      ["Ежедневный контроль посещаемости", "student", "классный руководитель", "2026-12-01", null],
      ["Посещение семьи на дому с составлением акта", "family", "социальный педагог", null, null],
    ]);

    // With measures in the plan, step 5 is done from the card.
    await teacher.press("← Карточка");
    const done = await teacher.press("✅ Выполнено");
    expect(toast(done)).toBe("Шаг 5 отмечен ✅");
    expect(buttonTexts(done)).toContain("📋 План ИПР");
  });

  it("step 6 lists the measures; ticking one records today's check of the plan", async () => {
    clock.set("2026-11-25");
    const card = await teacher.press("← Карточка");
    const text = edited(card);
    expect(text).toContain("⚪ 6. Контроль ИПР — отметок ещё нет; следующая отметка — до 01.12 (вт)");
    expect(text).toContain("✅ 5. ИПР — 24.11\n   📋 в плане 2 мероприятия");
    expect(text).toContain("▶️ Дальше — шаг 6:");
    expect(text.length).toBeLessThanOrEqual(900);
    // Each weekly step has its own button, named for what it records; the measures are ticks.
    expect(buttonTexts(card).slice(0, 6)).toEqual([
      "✅ Контроль ИПР — сегодня",
      "✅ Выполнено: выбрать способ",
      "✅ Выполнено, с комментарием",
      "✅ Выполнено в другой день",
      "📝 Заметка",
      "⏭ Не требуется",
    ]);
    expect(buttonTexts(card)).toContain("✅ Связь с семьёй — сегодня");
    expect(buttonTexts(card).join(" ")).not.toContain("контакт");

    const ticked = await teacher.press("▫️ 1. Ежедневный контроль посещаемости");
    expect(toast(ticked)).toBe("Отмечено выполненным; контроль плана засчитан сегодня.");
    expect(buttonTexts(ticked)).toContain("☑️ 1. Ежедневный контроль посещаемости");
    expect(edited(ticked)).toContain("6. Контроль ИПР — последняя отметка 25.11; следующая отметка — до 02.12 (ср)");
    const row = await caseRow(caseId);
    expect(row.steps.implementPlan.occurrences).toEqual(["2026-11-25"]);
    const measure = await db.prisma.planMeasure.findFirstOrThrow({ where: { caseId, position: 1 } });
    expect(measure.doneOn).toBe("2026-11-25");

    // A second tick the same day counts no second check; un-ticking removes the mark only.
    expect(toast(await teacher.press("▫️ 2. Посещение семьи на дому с составлением…"))).toBe("Отмечено выполненным.");
    expect(toast(await teacher.press("☑️ 2. Посещение семьи на дому с составлением…"))).toBe("Отметка снята.");
    expect((await caseRow(caseId)).steps.implementPlan.occurrences).toEqual(["2026-11-25"]);
  });

  it("step 7: «✅ Связь с семьёй — сегодня» records today's contact in one tap; step 6 keeps its own button", async () => {
    clock.set("2026-11-26");
    const card = await teacher.pressData(`cc:o:${caseId}`);
    expect(edited(card)).toContain("▶️ Дальше — шаг 7:");
    expect(buttonTexts(card)).toContain("✅ Контроль ИПР — сегодня");
    const contact = await teacher.press("✅ Связь с семьёй — сегодня");
    expect(toast(contact)).toBe("Шаг 7: отмечено 26.11");
    expect(edited(contact)).toContain("7. Связь с семьёй — последняя отметка 26.11; следующая отметка — до 03.12 (чт)");
    expect((await caseRow(caseId)).steps.keepInTouch.occurrences).toEqual(["2026-11-26"]);
    // «Шаги» lists the open steps by title.
    const list = await teacher.press("Шаги");
    expect(list.find((c) => c.method === "editMessageReplyMarkup")).toBeDefined();
    expect(buttonTexts(list)).toEqual(["⚪ 6. Контроль ИПР", "⚪ 7. Связь с семьёй", "← Назад"]);
  });

  it("a skip needs a reason typed; it is saved and shown", async () => {
    await teacher.pressData(`cc:f:${caseId}:6`);
    expect(textsOf(await teacher.press("⏭ Не требуется"))[0]).toBe(
      "Почему шаг 7 не требуется? Напишите причину — она попадёт в хронологию случая.",
    );
    const saved = textsOf(await teacher.send("Семья на связи через социального педагога"));
    expect(saved[0]).toBe("Сохранено: шаг 7 не требуется.");
    expect(saved[1]).toContain("⏭ 7. Связь с семьёй — не требуется (26.11): Семья на связи через социального…");
    expect((await caseRow(caseId)).steps.keepInTouch).toMatchObject({
      state: "skipped",
      skipReason: "Семья на связи через социального педагога",
    });
  });

  it("closing: a reason from the list, a confirmation; the closed card is read-only and shows the outcome", async () => {
    const reasons = await teacher.press("Закрыть случай");
    expect(toast(reasons)).toBe("Выберите причину закрытия.");
    expect(buttonTexts(reasons)).toEqual(["ученик вернулся к занятиям", "снят с ВШУ", "выбыл из школы", "другое", "← Назад"]);
    const confirm = await teacher.press("ученик вернулся к занятиям");
    expect(edited(confirm)).toBe(
      "Закрыть случай (Иванов П., 7Б) по причине «ученик вернулся к занятиям»? После закрытия его можно будет только просматривать.",
    );
    const closed = await teacher.press("Да, закрыть");
    expect(toast(closed)).toBe("Случай закрыт.");
    const card = edited(closed);
    expect(card).toContain("🔒 Закрыт 26.11.2026: ученик вернулся к занятиям");
    expect(card).toContain("⚠️ Семейное неблагополучие подтверждено");
    expect(card).not.toContain("Дальше:");
    expect(buttonTexts(closed)).toEqual(["📋 План ИПР", "🕓 Хронология", "📎 Файлы", "📖 Подробнее", "👪 Семья", "📁 Дело"]);
    const row = await caseRow(caseId);
    expect(row).toMatchObject({ status: "closed", closedOn: "2026-11-26", closeReason: "returnedToSchool" });
  });

  it("the chronology lists every event with who and when", async () => {
    const calls = await teacher.press("🕓 Хронология");
    const lines = edited(calls).split("\n");
    expect(lines[0]).toBe("🕓 Хронология — Иванов П., 7Б");
    expect(lines.slice(1)).toEqual([
      "16.11.2026 · Петрова Ольга Ивановна — случай открыт",
      "16.11.2026 · Петрова Ольга Ивановна — шаг 1 выполнен",
      "16.11.2026 · Петрова Ольга Ивановна — шаг 2 выполнен (мессенджер)",
      "19.11.2026 · Петрова Ольга Ивановна — шаг 3, промежуточный ответ: статуса ещё нет",
      "20.11.2026 · Петрова Ольга Ивановна — шаг 3 выполнен: подтверждён",
      "20.11.2026 · Петрова Ольга Ивановна — отметка: Семейное неблагополучие подтверждено: действовать по установленному регламенту",
      "23.11.2026 · Петрова Ольга Ивановна — шаг 4 выполнен",
      "24.11.2026 · Петрова Ольга Ивановна — шаг 5 выполнен",
      "25.11.2026 · Петрова Ольга Ивановна — шаг 6: отмечено выполнение",
      "26.11.2026 · Петрова Ольга Ивановна — шаг 7: отмечено выполнение",
      "26.11.2026 · Петрова Ольга Ивановна — шаг 7 не требуется: Семья на связи через социального педагога",
      "26.11.2026 · Петрова Ольга Ивановна — случай закрыт: ученик вернулся к занятиям",
    ]);
    expect(buttonTexts(calls)).toEqual(["← Карточка"]);
  });

  it("a button of an old message for the closed case is refused with a short explanation; nothing changes", async () => {
    const before = await snapshot(caseId);
    const stale = await teacher.pressData(`cc:d:${caseId}:4`, 77);
    expect(toast(stale)).toBe("Случай закрыт: изменить его нельзя.");
    // The old message now shows the case as it is: closed and read-only.
    expect(edited(stale)).toContain("🔒 Закрыт 26.11.2026");
    expect(toast(await teacher.pressData(`cc:n:${caseId}:5`))).toBe("Случай закрыт: изменить его нельзя.");
    expect(toast(await teacher.pressData(`cc:xy:${caseId}:0`))).toBe("Случай закрыт: изменить его нельзя.");
    expect(await snapshot(caseId)).toEqual(before);
    // No dialogue was started: a text now is not taken for a note.
    expect(textsOf(await teacher.send("заметка")).join("\n")).not.toContain("Сохранено");
  });
});

describe("another case: «не подтверждён», a note with the answer, closing for another reason", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9300, now: clock.now });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9300, first_name: "Ольга" });
  });

  it("records «не подтверждён» without a flag, with the note typed first", async () => {
    const caseId = await world.openCase({ studentId: world.studentIds[1]!, openedOn: "2026-11-16" });
    await teacher.pressData(`cc:o:${caseId}`);
    // Two taps: «✅ Выполнено: выбрать способ», then the way it was done.
    const forms = await teacher.press("✅ Выполнено: выбрать способ");
    expect(toast(forms)).toBe("Выберите форму, в которой выполнен шаг.");
    expect(buttonTexts(forms)).toEqual(["личная встреча", "телефон", "мессенджер", "корпоративная почта", "← Назад"]);
    const byPhone = await teacher.press("телефон");
    expect(edited(byPhone)).toContain("✅ 2. Сообщить заместителю — 16.11, телефон");
    expect((await caseRow(caseId)).steps.informDeputy).toMatchObject({ state: "done", form: "phone" });
    clock.set("2026-11-20");
    await teacher.pressData(`cc:o:${caseId}`);
    // «✅ Выполнено, с комментарием»; the first text a person writes comes with the reminder that notes are visible to the school.
    expect(textsOf(await teacher.press("✅ Выполнено, с комментарием"))).toEqual([
      "Напишите комментарий. Шаг 3 будет отмечен выполненным сегодня, с этим комментарием.\n\nЗаметки видны сотрудникам школы. Не пишите в них диагнозы, адреса и лишние подробности о семье.",
    ]);
    expect(textsOf(await teacher.send("Статус появился утром"))).toEqual(["Какой статус в «Классном помощнике»?"]);
    expect(textsOf(await teacher.send("не подтверждён"))).toEqual(["Выберите вариант кнопкой под сообщением выше — или /cancel."]);
    const saved = textsOf(await teacher.press("не подтверждён"));
    expect(saved[0]).toBe("Сохранено: шаг 3 отмечен сегодня.");
    expect(saved[1]).toContain("👤 Смирнова Анна Олеговна, 7Б");
    expect(saved[1]).toContain("✅ 3. Статус семейного неблагополучия — 20.11, не подтверждён");
    expect(saved[1]).not.toContain("⚠️");
    const row = await caseRow(caseId);
    expect(row.flags).toEqual([]);
    expect(row.steps.trackStatus).toMatchObject({ state: "done", answer: "notConfirmed", note: "Статус появился утром" });

    // «другое»: the reason typed in the teacher's own words, then confirmed.
    await teacher.press("Закрыть случай");
    expect(textsOf(await teacher.press("другое"))).toEqual(["Опишите причину закрытия своими словами."]);
    const confirm = textsOf(await teacher.send("Переведена на семейное обучение"));
    expect(confirm).toEqual([
      "Закрыть случай (Смирнова А., 7Б) по причине «Переведена на семейное обучение»? После закрытия его можно будет только просматривать.",
    ]);
    const closed = textsOf(await teacher.press("Да, закрыть"));
    expect(closed[0]).toBe("Случай закрыт.");
    expect(closed[1]).toContain("🔒 Закрыт 20.11.2026: другое\nКомментарий: Переведена на семейное обучение");
    expect(await caseRow(caseId)).toMatchObject({ status: "closed", closeReason: "other", closeNote: "Переведена на семейное обучение" });
  });

  it("attaches the ИПР as a file instead of measures", async () => {
    clock.set("2026-11-16");
    const caseId = await world.openCase({ openedOn: "2026-11-16" });
    for (let step = 1; step < 4; step++) {
      const data = step === 2 ? `cc:a:${caseId}:2:1` : `cc:d:${caseId}:${step}`;
      expect(toast(await teacher.pressData(data))).toMatch(/^Шаг \d/);
    }
    // «Другая дата» on step 5 with an empty plan: refused after the date, with the button that opens the plan.
    await teacher.press("✅ Выполнено в другой день");
    const refused = await teacher.send("16.11");
    expect(textsOf(refused)).toEqual([
      "План пока пуст: добавьте хотя бы одно мероприятие или прикрепите файл плана — тогда шаг можно отметить.",
    ]);
    expect(buttonTexts(refused)).toEqual(["📋 Открыть план"]);
    expect((await caseRow(caseId)).steps.developPlan.state).toBe("open");
    expect(edited(await teacher.press("📋 Открыть план"))).toMatch(
      /^📋 План ИПР — Иванов П\., 7Б\nДата постановки на ВШУ: 16\.11\.2026\nМероприятий пока нет/,
    );
    expect(textsOf(await teacher.press("📎 Прикрепить файл плана"))).toEqual(["Отправьте файл плана документом."]);
    expect(textsOf(await teacher.send("вот план"))).toEqual(["Отправьте файл документом (скрепка → Файл) — или /cancel."]);
    const saved = textsOf(await teacher.sendDocument("ИПР Иванов.pdf", "%PDF-1.4", "application/pdf"));
    expect(saved[0]).toBe("Файл плана сохранён: ИПР Иванов.pdf.");
    expect(saved[1]).toContain("📎 Файл плана: ИПР Иванов.pdf");
    const files = await db.prisma.caseAttachment.findMany({ where: { caseId } });
    expect(files).toMatchObject([{ kind: "plan", fileName: "ИПР Иванов.pdf", addedBy: world.teacher.memberId }]);
    const sent = await teacher.press("📄 ИПР Иванов.pdf");
    expect(sent.find((c) => c.method === "sendDocument")?.payload).toBeDefined();
    const card = edited(await teacher.pressData(`cc:o:${caseId}`));
    expect(card).toContain("   📎 ИПР Иванов.pdf");
    // The file is the plan: step 5 can be done now.
    expect(toast(await teacher.pressData(`cc:d:${caseId}:4`))).toBe("Шаг 5 отмечен ✅");
    expect((await caseRow(caseId)).steps.developPlan.state).toBe("done");
  });

  it("says so when the school has no deputy to tell; nothing is recorded", async () => {
    const lonely = await seedCaseWorld(db.prisma, { telegramBase: 9400, now: clock.now, withDeputy: false });
    const caseId = await lonely.openCase();
    const alone = h.user({ id: 9400, first_name: "Ольга" });
    const calls = await alone.pressData(`cc:nd:${caseId}:1`);
    const answer = calls.find((c) => c.method === "answerCallbackQuery")!.payload;
    expect(answer).toMatchObject({
      show_alert: true,
      text: "В школе не указан заместитель директора по воспитанию. Сообщите ему другим способом и отметьте шаг.",
    });
    expect((await caseRow(caseId)).steps.informDeputy.state).toBe("open");
  });
});

describe("leaving a dialogue", () => {
  it("a command ends the dialogue and runs; «Отмена» saves nothing", async () => {
    const clock = movableClock("2026-11-16");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9550, now: clock.now });
    const caseId = await world.openCase();
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 9550, first_name: "Ольга" });
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("✅ Выполнено, с комментарием");
    const today = textsOf(await teacher.send("/today"));
    expect(today[0]).toMatch(/^📅 На сегодня, 16\.11 \(пн\)/);
    expect(textsOf(await teacher.send("просто текст")).join("\n")).not.toContain("Сохранено");

    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("⏭ Не требуется");
    const cancelled = await teacher.press("Отмена");
    expect(textsOf(cancelled)).toEqual(["Хорошо, ничего не сохранено."]);
    const row = await caseRow(caseId);
    expect(row.steps.informDeputy.state).toBe("open");
    expect(row.revision).toBe(0);
  });
});

describe("a restart in the middle of a dialogue", () => {
  it("continues from where it was: the note typed after the restart is saved", async () => {
    const clock = movableClock("2026-11-16");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9500, now: clock.now });
    const caseId = await world.openCase();
    const first = createHarness({ db: db.prisma, now: clock.now });
    const before = first.user({ id: 9500, first_name: "Ольга" });
    await before.pressData(`cc:o:${caseId}`);
    expect(textsOf(await before.press("✅ Выполнено, с комментарием"))).toEqual([
      "Напишите комментарий. Шаг 2 будет отмечен выполненным сегодня, с этим комментарием.\n\nЗаметки видны сотрудникам школы. Не пишите в них диагнозы, адреса и лишние подробности о семье.",
    ]);

    const reopened = await db.reopen();
    try {
      const second = createHarness({ db: reopened.prisma, now: clock.now, telegram: first.telegram });
      const after = second.user({ id: 9500, first_name: "Ольга" });
      const saved = textsOf(await after.send("Сообщила лично в 9:40"));
      expect(saved[0]).toBe("Сохранено: шаг 2 отмечен сегодня.");
      expect(saved[1]).toContain("✅ 2. Сообщить заместителю — 16.11");
      const row = await reopened.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
      expect(JSON.parse(row.steps).informDeputy).toMatchObject({ state: "done", note: "Сообщила лично в 9:40" });
    } finally {
      await reopened.close();
    }
  });
});

describe("hand-crafted buttons for cases that are not yours", () => {
  it("refuses another teacher's case and another school's case politely, and changes nothing", async () => {
    const clock = movableClock("2026-11-16");
    const mine = await seedCaseWorld(db.prisma, { telegramBase: 9600, now: clock.now });
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
    const colleague = await mine.addPerson(9610, "Кузнецов Игорь Петрович", ["teacher"]);
    const caseId = await mine.openCase();
    const otherCaseId = await other.openCase();
    const h = createHarness({ db: db.prisma, now: clock.now });
    const before = [await snapshot(caseId), await snapshot(otherCaseId)];

    const intruder = h.user({ id: colleague.telegramId, first_name: "Игорь" });
    const outsider = h.user({ id: 9700, first_name: "Ольга" });
    for (const [user, target] of [
      [intruder, caseId],
      [outsider, caseId],
    ] as const) {
      for (const data of [
        `cc:o:${target}`,
        `cc:d:${target}:1`,
        `cc:a:${target}:2:0`,
        `cc:nd:${target}:1`,
        `cc:n:${target}:1`,
        `cc:nt:${target}:1`,
        `cc:dl:${target}`,
        `cc:xy:${target}:0`,
        `cc:h:${target}`,
        `cc:pa:${target}`,
      ]) {
        const calls = await user.pressData(data);
        expect(toast(calls), data).toBe("Случай не найден или недоступен вам.");
        expect(
          calls.filter((c) => c.method !== "answerCallbackQuery"),
          data,
        ).toEqual([]);
      }
    }
    // Nonsense data is "outdated", never an error.
    expect(toast(await outsider.pressData(`cc:d:${otherCaseId}:99`))).toBe("Такого шага в регламенте нет.");
    expect(toast(await outsider.pressData(`cc:zz:${otherCaseId}`))).toBe("Эта кнопка устарела. Откройте нужный раздел заново.");
    expect([await snapshot(caseId), await snapshot(otherCaseId)]).toEqual(before);
    // Only what opening wrote: the case and its step 1, done on the notice date.
    expect(await db.prisma.caseEvent.count({ where: { caseId } })).toBe(2);
  });
});

describe("the same walk in English", () => {
  it("shows the card, records the steps and closes the case in the teacher's language", async () => {
    const clock = movableClock("2026-11-16");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9800, now: clock.now, language: "en", teacherName: "Kate Brown" });
    const caseId = await world.openCase();
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 9800, first_name: "Kate", language_code: "en" });

    const card = edited(await teacher.pressData(`cc:o:${caseId}`));
    expect(card).toMatch(
      /^👤 Иванов Пётр Сергеевич, 7Б\n📘 Over 10 school days missed \(criterion No\. 22\)\nDeputy: Соколова М\. В\.\n\n/,
    );
    expect(card).toContain("✅ 1. Notice in the Class Assistant — 16.11");
    expect(card).toContain("🟠 2. Inform the deputy — by 16.11 (Mon), today");
    expect(card).toContain("⚪ 3. Family trouble status — from 19.11 to 23.11");
    expect(card).toContain("⏳ 4. Meeting with the parents\n");
    expect(card).toContain("▶️ Next — step 2:\n📄 on receipt of the notification, informs the deputy director");

    const told = await teacher.press("📨 Tell the deputy through the bot");
    expect(toast(told)).toBe("Sent to Соколова Марина Викторовна. Step 2 marked.");
    // The deputy reads Russian: the notice is in the deputy's language.
    await h.deliver();
    expect(textsOf(h.telegram.messagesTo(9801))[0]).toMatch(/^📨 Иванов П\., 7Б: шаг 2 «Сообщить заместителю» выполнен\n/);

    clock.set("2026-11-19");
    await teacher.pressData(`cc:o:${caseId}`);
    const confirmed = await teacher.press("confirmed");
    expect(edited(confirmed)).toContain("⚠️ Family trouble confirmed: follow the established regulation");
    expect(edited(confirmed)).toContain("✅ 3. Family trouble status — 19.11, confirmed");

    await teacher.press("Close the case");
    await teacher.press("the student is back at school");
    const closed = await teacher.press("Yes, close it");
    expect(toast(closed)).toBe("The case is closed.");
    expect(edited(closed)).toContain("🔒 Closed 19.11.2026: the student is back at school");
    const chronology = edited(await teacher.press("🕓 Chronology")).split("\n");
    expect(chronology[0]).toBe("🕓 Chronology — Иванов П., 7Б");
    expect(chronology).toContain("16.11.2026 · Kate Brown — case opened");
    expect(chronology).toContain("19.11.2026 · Kate Brown — step 3 done: confirmed");
    expect(chronology.at(-1)).toBe("19.11.2026 · Kate Brown — case closed: the student is back at school");
  });
});

describe("a regulation with very long step texts", () => {
  it("keeps the card within Telegram's 4096 characters: titles one line each, the next step's own words cut at a word", () => {
    const base = fixtureRegulations.current("absence-criterion-22");
    const regulation = { ...base, steps: base.steps.map((s) => ({ ...s, text: { ru: `${s.text.ru} `.repeat(8).trim(), en: s.text.en } })) };
    const opened = openCase(regulation, {
      id: "1",
      teacherId: "1",
      studentId: "1",
      openedOn: "2026-11-16",
      today: "2026-11-16",
      actorId: "1",
    });
    const state = opened.state;
    const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: fixtureYears });
    const steps = deriveSteps(regulation, state, { calendar, today: "2026-11-16" });
    const card = {
      state,
      revision: 1,
      today: "2026-11-16",
      regulation,
      student: { id: 1, fullName: "Иванов Пётр Сергеевич", classId: 1, classLabel: "7Б" },
      steps,
      nextStep: nextAction(steps)!,
      events: [],
      names: {},
    };
    const text = caseCardText(createI18n().t("ru"), "ru", { card, canAct: true, canClose: true });
    expect(regulation.steps.reduce((n, s) => n + s.text.ru.length, 0)).toBeGreaterThan(10_000);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain("✅ 1. Уведомление в «Классном помощнике» — 16.11\n🟠 2. Сообщить заместителю — до 16.11 (пн), сегодня");
    // The focused step's text (1,700 characters here) is cut at a word, never mid-word.
    const words = text.split("▶️ Дальше — шаг 2:\n📄 ")[1]!;
    expect(words.length).toBeLessThanOrEqual(1500);
    expect(words.endsWith("…")).toBe(true);
    expect(regulation.steps[1]!.text.ru.startsWith(words.slice(0, -1))).toBe(true);
    expect(regulation.steps[1]!.text.ru[words.length - 1]).toBe(" ");
  });
});

describe("a reply Telegram refuses inside a case dialogue", () => {
  it("is logged; the dialogue still takes the answer, and a refused hint keeps the question", async () => {
    const clock = movableClock("2026-11-16");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9900, now: clock.now });
    const caseId = await world.openCase();
    const h = createHarness({ db: db.prisma, now: clock.now });
    let messageId = 70_000;
    h.telegram.respond("sendMessage", (payload) =>
      /^Почему шаг|^Слишком длинно/.test(String(payload.text))
        ? { ok: false, error_code: 400, description: "Bad Request: message is too long" }
        : {
            ok: true,
            result: {
              message_id: messageId++,
              date: Math.floor(Date.now() / 1000),
              chat: { id: Number(payload.chat_id), type: "private" },
              text: payload.text,
            },
          },
    );
    const teacher = h.user({ id: 9900, first_name: "Ольга" });
    await teacher.pressData(`cc:o:${caseId}`);
    const asked = await teacher.press("⏭ Не требуется");
    expect(textsOf(asked)).toEqual([expect.stringMatching(/^Почему шаг 2 не требуется\?/)]);
    // A reason over 500 characters: the hint is refused too, and the question stands.
    expect(textsOf(await teacher.send("а".repeat(600)))).toEqual(["Слишком длинно: не больше 500 символов."]);
    expect(h.logLines.join("")).toContain("a reply in a dialogue was refused; the dialogue goes on");
    const saved = textsOf(await teacher.send("Заместитель был на встрече и всё знает"));
    expect(saved[0]).toBe("Сохранено: шаг 2 не требуется.");
    expect((await caseRow(caseId)).steps.informDeputy.state).toBe("skipped");
  });
});
