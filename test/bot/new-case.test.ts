import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { openCase } from "../../src/app/cases/open-case.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { addClass, addStaff, chatProfile, serviceDeps } from "../support/school-setup.js";

// Monday 10.11.2025, 12:00 in Moscow.
const NOW = new Date("2025-11-10T09:00:00Z");
const now = () => new Date(NOW);

let db: TestDatabase;
let schoolId: number;
let teacher: Actor;
let englishTeacher: Actor;
let deputy: Actor;
let ids: Record<string, number>;
let bigClass: Record<string, number>;

/** The absence regulation's first step, which its card shows. */
const ABSENCE_STEP_1 = "✅ 1. Уведомление в «Классном помощнике» — 05.11";
const BIG_CLASS = [
  "Абрамов Антон",
  "Белов Борис",
  "Васильев Вадим",
  "Григорьев Глеб",
  "Дмитриев Денис",
  "Егоров Егор",
  "Жуков Жан",
  "Зайцев Захар",
  "Ильин Игорь",
  "Козлов Кирилл",
];

beforeAll(async () => {
  db = await createTestDatabase();
  const schools = createSchoolRepository(db.prisma);
  schoolId = await schools.createSchool({ name: "Школа № 1" });
  const otherSchool = await schools.createSchool({ name: "Школа № 2" });
  teacher = await addStaff(db.prisma, schoolId, 3001, "Петрова Анна Ивановна", ["teacher"]);
  englishTeacher = await addStaff(db.prisma, schoolId, 3002, "Smith Jane", ["teacher"], "en");
  deputy = await addStaff(db.prisma, schoolId, 3003, "Козлова Вера", ["deputy"]);
  const otherTeacher = await addStaff(db.prisma, schoolId, 3004, "Смирнов Олег", ["teacher"]);
  const foreignTeacher = await addStaff(db.prisma, otherSchool, 3005, "Чужой Учитель", ["teacher"]);
  ({ ids } = await addClass(db.prisma, schoolId, "7Б", teacher, ["Иванов Пётр Сергеевич", "Иванова Анна", "Ёлкина Мария", "Сидоров Олег"]));
  await addClass(db.prisma, schoolId, "7А", otherTeacher, ["Иванов Олег"]);
  await addClass(db.prisma, otherSchool, "7Б", foreignTeacher, ["Иванов Борис"]);
  ({ ids: bigClass } = await addClass(db.prisma, schoolId, "9В", englishTeacher, BIG_CLASS));
  await addClass(db.prisma, schoolId, "10А", englishTeacher, ["Яковлев Ян"]);
});
afterAll(() => db.destroy());

function harness() {
  return createHarness({ db: db.prisma, now });
}

function buttons(calls: ApiCall[]): string[] {
  return calls.flatMap(buttonsOf).map((b) => b.text);
}

function callbackAnswer(calls: ApiCall[]): string | undefined {
  return calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
}

async function casesOf(studentId: number) {
  return db.prisma.case.findMany({ where: { studentId }, orderBy: { id: "asc" } });
}

async function startNewCase(user: ChatUser, surname: string, student: string, regulation: string) {
  await user.send("/new");
  await user.send(surname);
  await user.press(student);
  return user.press(regulation);
}

describe("opening an absence case by surname", () => {
  it("asks the notice date and the first day of absence, counts criterion 22 and opens the case", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));

    const asked = await user.send("/new");
    expect(textsOf(asked)).toEqual([expect.stringContaining("Напишите фамилию ученика")]);
    expect(buttons(asked)).toEqual(["Из списка класса"]);

    const found = await user.send("  ИВАНОВ ");
    expect(textsOf(found)).toEqual(["Выберите ученика:"]);
    // Only the teacher's own class: not 7А's nor another school's Ivanov.
    expect(buttons(found)).toEqual(["Иванов Пётр Сергеевич, 7Б", "Иванова Анна, 7Б", "Из списка класса"]);

    const regulations = await user.press("Иванов Пётр Сергеевич, 7Б");
    expect(regulations.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect(textsOf(regulations)).toEqual(["Ученик: Иванов Пётр Сергеевич, 7Б.\nПо какому регламенту открыть случай?"]);
    // Regulations about a student only; the class-level one is not offered.
    expect(buttons(regulations)).toEqual(["Пропуски (крит. 22)", "Экстренный случай", "Трудности в учёбе или поведении", "Малый педсовет"]);

    const notice = await user.press("Пропуски (крит. 22)");
    expect(textsOf(notice)).toEqual([expect.stringMatching(/^Когда пришло уведомление в «Классном помощнике»\?/)]);
    expect(buttons(notice)).toEqual(["Сегодня"]);

    const firstAbsence = await user.send("05.11");
    expect(textsOf(firstAbsence)).toEqual([expect.stringMatching(/^С какого дня ученик не ходит в школу\?/)]);
    expect(buttons(firstAbsence)).toEqual(["Пропустить"]);

    const confirm = await user.send("20.10.2025");
    expect(textsOf(confirm)).toEqual([
      [
        "Проверьте и подтвердите:",
        "Ученик: Иванов Пётр Сергеевич, 7Б",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Уведомление в «Классном помощнике»: 05.11.2025",
        "Первый день пропусков: 20.10.2025",
        // 20–24, 27–31.10, the working Saturday 01.11 and 05.11; 03–04.11 were days off.
        "Пропущено 12 учебных дней подряд (с 20.10.2025 по 05.11.2025). Порог критерия №22 достигнут 01.11.2025.",
      ].join("\n"),
    ]);
    expect(buttons(confirm)).toEqual(["Открыть случай", "Отмена"]);
    expect(await casesOf(ids["Иванов Пётр Сергеевич"]!)).toHaveLength(0);

    const opened = await user.press("Открыть случай");
    const [stored] = await casesOf(ids["Иванов Пётр Сергеевич"]!);
    expect(stored).toMatchObject({
      regulationId: "absence-criterion-22",
      openedOn: "2025-11-05",
      status: "open",
      teacherId: teacher.memberId,
      schoolId,
    });
    const edit = opened.find((c) => c.method === "editMessageText");
    expect(edit?.payload.text).toMatch(/\n\n✅ Случай открыт\.$/);
    // Then the card: step 1 done on the notice date, the first day of absence and the count stored.
    expect(textsOf(opened).at(-1)).toContain(ABSENCE_STEP_1);
    expect(textsOf(opened).at(-1)).toContain("Пропущено 12 учебных дней подряд, с 20.10.2025");
    expect(stored).toMatchObject({ firstAbsenceOn: "2025-10-20", daysMissed: 12 });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "case.opened", subject: `case:${stored!.id}` } });
    expect(audit).toHaveLength(1);
  });

  it("counts in English too, with English plurals", async () => {
    const h = harness();
    const user = h.user(chatProfile(englishTeacher));
    await user.send("/new");
    await user.send("Abramov");
    expect(user.lastText()).toContain("No student “Abramov” in your classes");
    await user.send("Абрамов");
    await user.press("Абрамов Антон, 9В");
    const notice = await user.press("Absences (crit. 22)");
    expect(textsOf(notice)).toEqual([expect.stringMatching(/^When did the notice arrive in the “Class Assistant”\?/)]);
    await user.send("05.11.2025");
    const confirm = await user.send("29.10");
    expect(textsOf(confirm)[0]).toContain(
      "Notice in the “Class Assistant”: 05.11.2025\nFirst day of absence: 29.10.2025\n5 school days missed in a row (29.10.2025 to 05.11.2025). Criterion No. 22 is not met yet: it would be on 13.11.2025, the 11th school day of absence.",
    );
    await user.press("Open the case");
    expect(await casesOf(bigClass["Абрамов Антон"]!)).toMatchObject([{ regulationId: "absence-criterion-22", openedOn: "2025-11-05" }]);
  });

  it("speaks Russian plurals for one, a few and many days", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await startNewCase(user, "Сидоров", "Сидоров Олег, 7Б", "Пропуски (крит. 22)");
    await user.send("05.11.2025");
    expect((await user.send("05.11.2025")).map((c) => c.payload.text).join()).toContain("Пропущен 1 учебный день подряд");
    await user.press("Отмена");
    await startNewCase(user, "Сидоров", "Сидоров Олег, 7Б", "Пропуски (крит. 22)");
    await user.send("05.11.2025");
    expect(textsOf(await user.send("31.10.2025"))[0]).toContain("Пропущено 3 учебных дня подряд");
    expect(textsOf(await user.press("Отмена"))).toEqual(["Хорошо, случай не открыт."]);
    expect(await casesOf(ids["Сидоров Олег"]!)).toHaveLength(0);
  });
});

describe("opening from the class list", () => {
  it("lists the teacher's classes, pages through a long class and opens the case with today's date", async () => {
    const h = harness();
    const user = h.user(chatProfile(englishTeacher));
    await user.send("/new");
    const classes = await user.press("From the class list");
    expect(textsOf(classes)).toEqual(["Pick the class:"]);
    expect(buttons(classes)).toEqual(["9В (10)", "10А (1)"]);

    const page1 = await user.press("9В (10)");
    const edit1 = page1.find((c) => c.method === "editMessageText")!;
    expect(edit1.payload.text).toBe("9В, page 1 of 2 — pick the student:");
    expect(buttonsOf(edit1).map((b) => b.text)).toEqual([...BIG_CLASS.slice(0, 8), "Next ▶"]);

    const page2 = await user.press("Next ▶");
    const edit2 = page2.find((c) => c.method === "editMessageText")!;
    expect(buttonsOf(edit2).map((b) => b.text)).toEqual(["Ильин Игорь", "Козлов Кирилл", "◀ Back"]);

    const regulations = await user.press("Козлов Кирилл");
    expect(textsOf(regulations)).toEqual(["Student: Козлов Кирилл, 9В.\nUnder which regulation should the case be opened?"]);
    await user.press("Absences (crit. 22)");
    await user.press("Today");
    const confirm = await user.press("Skip");
    expect(textsOf(confirm)[0]).toContain("Notice in the “Class Assistant”: 10.11.2025");
    expect(textsOf(confirm)[0]).not.toContain("First day of absence");
    await user.press("Open the case");
    expect(await casesOf(bigClass["Козлов Кирилл"]!)).toMatchObject([{ regulationId: "absence-criterion-22", openedOn: "2025-11-10" }]);
  });

  it("shows a single class's list straight away", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await user.send("/new");
    const list = await user.press("Из списка класса");
    expect(textsOf(list)).toEqual(["7Б — выберите ученика:"]);
    expect(buttons(list)).toEqual(["Ёлкина Мария", "Иванов Пётр Сергеевич", "Иванова Анна", "Сидоров Олег"]);
    expect(textsOf(await user.send("/cancel"))).toEqual(["Хорошо, отменил. Ничего не сохранено."]);
    // The dialogue is over: a surname is now a lookup, not a reply to the list, and the list's buttons are stale.
    expect(textsOf(await user.send("Сидоров"))[0]).toMatch(/^Найден 1 ученик:/);
    expect(callbackAnswer(await user.press("Иванова Анна"))).toBe("Эта кнопка устарела. Откройте нужный раздел заново.");
    expect(await casesOf(ids["Иванова Анна"]!)).toHaveLength(0);
  });
});

describe("an interaction-regulation case", () => {
  it("asks when it started, without the absence questions", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    const asked = await startNewCase(user, "Ёлкина", "Ёлкина Мария, 7Б", "Трудности в учёбе или поведении");
    expect(textsOf(asked)).toEqual([expect.stringMatching(/^Когда это началось\?/)]);
    const area = await user.send("3.11.25");
    expect(textsOf(area)).toEqual([
      "С чем трудности: с учёбой или с поведением?\nОт ответа зависит, какой заместитель директора будет вести случай.",
    ]);
    expect(buttons(area)).toEqual(["📚 Учёба (замдиректора по УВР)", "🧭 Поведение, семья, отношения (ВР)", "Отмена"]);
    const confirm = await user.press("🧭 Поведение, семья, отношения (ВР)");
    expect(textsOf(confirm)).toEqual([
      [
        "Проверьте и подтвердите:",
        "Ученик: Ёлкина Мария, 7Б",
        "Регламент: II. Трудности в обучении или поведении",
        "Дата начала: 03.11.2025",
      ].join("\n"),
    ]);
    await user.press("Открыть случай");
    expect(await casesOf(ids["Ёлкина Мария"]!)).toMatchObject([{ regulationId: "interaction-2-difficulty", openedOn: "2025-11-03" }]);
  });
});

describe("bad input keeps the dialogue where it was", () => {
  it("answers an unknown student, free text, impossible and future dates, and stale buttons", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await user.send("/new");
    const unknown = await user.send("Кузнецов");
    expect(textsOf(unknown)).toEqual([
      "Не нашёл ученика «Кузнецов» в ваших классах. Попробуйте ещё раз: напишите фамилию иначе или выберите ученика из списка класса.",
    ]);
    expect(buttons(unknown)).toEqual(["Из списка класса"]);
    expect(textsOf(await user.send("7"))).toEqual(["Напишите фамилию буквами — хотя бы две буквы."]);
    // Another teacher's student, another school's student: not found, even with forged buttons.
    expect(textsOf(await user.send("Иванов Олег"))[0]).toContain("Не нашёл ученика «Иванов Олег»");
    const otherStudent = await db.prisma.student.findFirstOrThrow({ where: { fullName: "Иванов Борис" } });
    expect(callbackAnswer(await user.pressData(`nc:s:${otherStudent.id}`))).toBe("Этот ученик вам больше недоступен.");

    await user.send("Иванова");
    await user.press("Иванова Анна, 7Б");
    expect(textsOf(await user.send("пропуски"))).toEqual(["Выберите вариант кнопкой под сообщением выше."]);
    expect(callbackAnswer(await user.pressData("nc:r:no-such-regulation"))).toBe(
      "Эта кнопка уже не действует — ответьте на последний вопрос.",
    );
    expect(callbackAnswer(await user.pressData("nc:r:interaction-3-upbringing"))).toBe(
      "Эта кнопка уже не действует — ответьте на последний вопрос.",
    );
    await user.press("Пропуски (крит. 22)");

    expect(textsOf(await user.send("вчера"))).toEqual(["Не понял дату. Напишите её как 05.11 или 05.11.2025."]);
    expect(textsOf(await user.send("31.02"))).toEqual(["Такой даты нет: 31.02. Проверьте число и месяц."]);
    expect(textsOf(await user.send("11.11.2025"))).toEqual(["Эта дата ещё не наступила. Напишите дату не позже сегодняшней (10.11.2025)."]);
    // A button of an earlier question.
    expect(callbackAnswer(await user.press("Иванова Анна, 7Б"))).toBe("Эта кнопка уже не действует — ответьте на последний вопрос.");
    await user.send("05.11.2025");
    expect(textsOf(await user.send("06.11.2025"))).toEqual([
      "Первый день пропусков не может быть позже уведомления (05.11.2025). Напишите другую дату.",
    ]);
    const confirm = await user.send("20.10");
    expect(textsOf(confirm)[0]).toContain("Пропущено 12 учебных дней подряд");
    expect(textsOf(await user.send("да"))).toEqual(["Выберите вариант кнопкой под сообщением выше."]);
    await user.press("Открыть случай");
    expect(await casesOf(ids["Иванова Анна"]!)).toMatchObject([{ openedOn: "2025-11-05" }]);
  });

  it("reads a date without a year in early January as last December's", async () => {
    const h = createHarness({ db: db.prisma, now: () => new Date("2026-01-12T09:00:00Z") });
    const user = h.user(chatProfile(teacher));
    await startNewCase(user, "Ёлкина", "Ёлкина Мария, 7Б", "Экстренный случай");
    expect(textsOf(await user.send("25.12"))[0]).toContain("Дата начала: 25.12.2025");
    await user.press("Отмена");
  });

  it("is not for those who cannot open cases, nor for strangers", async () => {
    const h = harness();
    expect(textsOf(await h.user(chatProfile(deputy)).send("/new"))).toEqual(["Открывать случаи могут классные руководители."]);
    expect(textsOf(await h.user({ id: 3999, first_name: "Кто-то" }).send("/new"))[0]).toContain("рабочий инструмент сотрудников школы");
  });

  it("starts afresh when «➕ Новый случай» is pressed mid-way, and /cancel saves nothing", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await startNewCase(user, "Ёлкина", "Ёлкина Мария, 7Б", "Малый педсовет");
    expect(textsOf(await user.send("➕ Новый случай"))).toEqual([expect.stringContaining("Напишите фамилию ученика")]);
    await user.send("Ёлкина");
    await user.press("Ёлкина Мария, 7Б");
    await user.press("Малый педсовет");
    expect(textsOf(await user.send("/cancel"))).toEqual(["Хорошо, отменил. Ничего не сохранено."]);
    expect(callbackAnswer(await user.press("Сегодня"))).toBe("Эта кнопка устарела. Откройте нужный раздел заново.");
    expect((await casesOf(ids["Ёлкина Мария"]!)).map((c) => c.regulationId)).toEqual(["interaction-2-difficulty"]);
  });

  it("lets a command leave the dialogue", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await user.send("/new");
    await user.send("Сидоров");
    expect(textsOf(await user.send("/help"))[0]).toMatch(/^Что я умею:/);
    // The dialogue is over: a surname is now a lookup, not an answer.
    expect(textsOf(await user.send("Сидоров"))[0]).toMatch(/^Найден 1 ученик:/);
  });
});

describe("a second case of the same regulation", () => {
  it("is not opened: the bot offers the open one's card", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    const [existing] = await casesOf(ids["Иванов Пётр Сергеевич"]!);
    const offer = await startNewCase(user, "Иванов", "Иванов Пётр Сергеевич, 7Б", "Пропуски (крит. 22)");
    expect(textsOf(offer)).toEqual([
      "Случай по этому регламенту уже открыт (с 05.11.2025): Иванов Пётр Сергеевич, 7Б. Второй открывать не нужно — откройте его карточку.",
    ]);
    expect(buttons(offer)).toEqual(["Открыть карточку", "Другой регламент", "Отмена"]);
    const card = await user.press("Открыть карточку");
    expect(textsOf(card).at(-1)).toContain(ABSENCE_STEP_1);
    expect(await casesOf(ids["Иванов Пётр Сергеевич"]!)).toHaveLength(1);
    expect(existing).toBeDefined();
  });

  it("lets the teacher pick another regulation instead", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await startNewCase(user, "Иванов", "Иванов Пётр Сергеевич, 7Б", "Пропуски (крит. 22)");
    const again = await user.press("Другой регламент");
    expect(buttons(again)).toContain("Малый педсовет");
    await user.press("Малый педсовет");
    await user.press("Сегодня");
    await user.press("Открыть случай");
    expect((await casesOf(ids["Иванов Пётр Сергеевич"]!)).map((c) => c.regulationId)).toEqual([
      "absence-criterion-22",
      "interaction-4-council",
    ]);
  });

  it("is caught at the confirmation too (another device got there first), and a double tap opens one case", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    await startNewCase(user, "Сидоров", "Сидоров Олег, 7Б", "Экстренный случай");
    await user.press("Сегодня");
    await openCase(serviceDeps(db.prisma, now), {
      actor: teacher,
      regulationId: "interaction-1-emergency",
      studentId: ids["Сидоров Олег"]!,
    });
    const refused = await user.press("Открыть случай");
    expect(textsOf(refused)).toEqual([expect.stringContaining("Случай по этому регламенту уже открыт (с 10.11.2025)")]);
    await user.press("Отмена");

    await startNewCase(user, "Сидоров", "Сидоров Олег, 7Б", "Трудности в учёбе или поведении");
    await user.press("Сегодня");
    await user.press("📚 Учёба (замдиректора по УВР)");
    await user.press("Открыть случай");
    const second = await user.press("Открыть случай");
    expect(callbackAnswer(second)).toBe("Эта кнопка устарела. Откройте нужный раздел заново.");
    expect((await casesOf(ids["Сидоров Олег"]!)).map((c) => c.regulationId)).toEqual([
      "interaction-1-emergency",
      "interaction-2-difficulty",
    ]);
  });
});

describe("a restart in the middle of the dialogue", () => {
  it("continues on a new bot instance over the same database", async () => {
    const first = harness();
    const before = first.user(chatProfile(englishTeacher));
    await before.send("/new");
    await before.send("Белов");
    await before.press("Белов Борис, 9В");
    await before.press("Absences (crit. 22)");
    await before.send("05.11");

    const reopened = await db.reopen();
    try {
      const second = createHarness({ db: reopened.prisma, now, telegram: first.telegram });
      const after = second.user(chatProfile(englishTeacher));
      const confirm = await after.send("20.10");
      expect(textsOf(confirm)[0]).toContain(
        "12 school days missed in a row (20.10.2025 to 05.11.2025). Criterion No. 22 met on 01.11.2025.",
      );
      await after.press("Open the case");
      const stored = await reopened.prisma.case.findMany({ where: { studentId: bigClass["Белов Борис"]! } });
      expect(stored).toMatchObject([{ regulationId: "absence-criterion-22", openedOn: "2025-11-05" }]);
    } finally {
      await reopened.close();
    }
  });
});

describe("the main menu", () => {
  it("is shown to staff after /start, and its buttons do what the commands do", async () => {
    const h = harness();
    const user = h.user(chatProfile(teacher));
    const started = await user.send("/start");
    const menu = started.find((c) => c.payload.reply_markup?.keyboard);
    expect(menu?.payload.reply_markup).toMatchObject({ is_persistent: true, resize_keyboard: true });
    expect((menu!.payload.reply_markup.keyboard as { text: string }[][]).flat().map((b) => b.text)).toEqual([
      "➕ Новый случай",
      "🆘 SOS",
      "📋 Сегодня",
      "📂 Мои случаи",
      "🔎 Поиск",
    ]);
    expect(textsOf(await user.send("➕ Новый случай"))).toEqual([expect.stringContaining("Напишите фамилию ученика")]);
    await user.send("/cancel");
    expect(textsOf(await user.send("🔎 Поиск"))).toEqual(["Напишите фамилию ученика — покажу его случаи."]);
    expect(textsOf(await user.send("Ёлкина"))[0]).toMatch(/^Найден 1 ученик:/);
  });

  it("leaves «➕» out for those who cannot open cases, and is not shown to strangers", async () => {
    const h = harness();
    const started = await h.user(chatProfile(deputy)).send("/start");
    const menu = started.find((c) => c.payload.reply_markup?.keyboard);
    expect((menu!.payload.reply_markup.keyboard as { text: string }[][]).flat().map((b) => b.text)).toEqual([
      "📋 Сегодня",
      "📂 Мои случаи",
      "🔎 Поиск",
    ]);
    const stranger = await h.user({ id: 3998, first_name: "Гость" }).send("/start");
    expect(stranger.some((c) => c.payload.reply_markup?.keyboard)).toBe(false);
  });

  it("speaks English to English users", async () => {
    const h = harness();
    const started = await h.user(chatProfile(englishTeacher)).send("/start");
    const menu = started.find((c) => c.payload.reply_markup?.keyboard);
    expect((menu!.payload.reply_markup.keyboard as { text: string }[][]).flat().map((b) => b.text)).toEqual([
      "➕ New case",
      "🆘 SOS",
      "📋 Today",
      "📂 My cases",
      "🔎 Search",
    ]);
  });
});

describe("what the user typed, and replies Telegram refuses", () => {
  /** Answers sendMessage like Telegram: a text over 4096 characters, or one `refused` picks, is refused. */
  function telegramLimits(h: ReturnType<typeof harness>, refused: (text: string) => boolean = () => false) {
    let messageId = 50_000;
    h.telegram.respond("sendMessage", (payload) => {
      const text = String(payload.text ?? "");
      if (text.length > 4096) return { ok: false, error_code: 400, description: "Bad Request: message is too long" };
      if (refused(text)) return { ok: false, error_code: 400, description: "Bad Request: can't parse entities" };
      return {
        ok: true,
        result: {
          message_id: messageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(payload.chat_id), type: "private" },
          text,
        },
      };
    });
  }

  it("quotes a 4,096-character surname short, and the dialogue still waits for a surname", async () => {
    const h = harness();
    telegramLimits(h);
    const user = h.user(chatProfile(teacher));
    await user.send("/new");
    const surname = "Щ".repeat(4096);
    const reply = textsOf(await user.send(surname));
    expect(reply).toHaveLength(1);
    expect(reply[0]!.length).toBeLessThanOrEqual(4096);
    expect(reply[0]).toMatch(/^Не нашёл ученика «Щ{1,99}…» в ваших классах\./);
    // The next valid answer continues the same dialogue.
    const found = await user.send("Иванова");
    expect(textsOf(found)).toEqual(["Выберите ученика:"]);
    expect(buttons(found)).toEqual(["Иванова Анна, 7Б", "Из списка класса"]);
    await user.send("/cancel");
  });

  it("goes on after a reply of the dialogue is refused: it is logged, and the next answer is taken", async () => {
    const h = harness();
    telegramLimits(h, (text) => text.startsWith("Не нашёл ученика"));
    const user = h.user(chatProfile(teacher));
    await user.send("/new");
    const refused = await user.send("Кузнецов");
    expect(textsOf(refused)).toEqual([expect.stringMatching(/^Не нашёл ученика «Кузнецов»/)]);
    expect(h.logLines.join("")).toContain("a reply in a dialogue was refused; the dialogue goes on");
    // No apology, no end of the dialogue: the surname typed next is still its answer.
    const found = await user.send("Сидоров");
    expect(textsOf(found)).toEqual(["Выберите ученика:"]);
    const regulations = await user.press("Сидоров Олег, 7Б");
    expect(textsOf(regulations)).toEqual(["Ученик: Сидоров Олег, 7Б.\nПо какому регламенту открыть случай?"]);
    await user.send("/cancel");
  });
});
