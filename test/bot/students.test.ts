import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvite } from "../../src/app/invites/accept-invite.js";
import { createInvite } from "../../src/app/invites/create-invite.js";
import { createSchool } from "../../src/app/people/create-school.js";
import { updateMySettings } from "../../src/app/people/update-my-settings.js";
import type { Role } from "../../src/app/actor.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { toCp1251, toUtf8WithBom } from "../support/cp1251.js";

const NOW = new Date("2026-11-23T09:00:00Z");
const deps = () => ({ db: db.prisma, now: () => NOW });

let db: TestDatabase;
let schoolId: number;
let harness: ReturnType<typeof createHarness>;

/** A person who joined the school by an invitation, with a name and a language. */
async function join(telegramId: number, role: Role, classLabel?: string, language = "ru"): Promise<ChatUser> {
  const invite = await createInvite(deps(), { by: "cli", schoolId, role, classLabel });
  await acceptInvite(deps(), { token: invite.token, telegramId, chatId: telegramId, firstName: "X" });
  await updateMySettings(harness.deps, { telegramId, change: { language, fullName: `Сотрудник ${telegramId}` } });
  return harness.user({ id: telegramId, first_name: "X", language_code: language });
}

async function namesIn(label: string): Promise<string[]> {
  const rows = await db.prisma.student.findMany({ where: { schoolId, class: { label } }, orderBy: { id: "asc" } });
  return rows.map((s) => s.fullName);
}

let teacher: ChatUser;
let admin: ChatUser;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = createHarness({ db: db.prisma, now: () => NOW });
  ({ schoolId } = await createSchool(deps(), { by: "cli", name: "Школа списков", timezone: "Europe/Moscow" }));
  teacher = await join(9101, "teacher", "7Б");
  await join(9102, "teacher", "7А");
  admin = await join(9103, "admin");
});
afterAll(async () => {
  await db.destroy();
});

describe("/students and adding one student", () => {
  it("lists the teacher's classes with counts and offers to add a student", async () => {
    const calls = await teacher.send("/students");
    expect(textsOf(calls)[0]).toMatch(
      /^Ваши классы:\n7Б — 0 учеников\n\nДобавить ученика — кнопкой ниже\. Чтобы загрузить весь список, пришлите CSV-файл/,
    );
    expect(calls.flatMap(buttonsOf).map((b) => b.text)).toEqual(["Добавить ученика"]);
  });

  it("asks the name, then the class by buttons; another teacher's class is refused and the question stands", async () => {
    expect(textsOf(await teacher.press("Добавить ученика"))).toEqual(["Напишите фамилию, имя и отчество ученика."]);
    const askClass = await teacher.send("Иванов  Пётр Сергеевич");
    expect(textsOf(askClass)).toEqual(["В какой класс? Выберите кнопкой или напишите, например: 7Б"]);
    expect(askClass.flatMap(buttonsOf).map((b) => b.text)).toEqual(["7Б"]);
    expect(textsOf(await teacher.send("7А"))).toEqual(["7А — не ваш класс. Выберите свой класс."]);
    expect(textsOf(await teacher.send("9Я"))).toEqual([
      "Класса 9Я нет в школе. Выберите класс кнопкой или попросите администратора его создать.",
    ]);
    const added = await teacher.press("7Б");
    expect(textsOf(added)).toEqual(["Добавлен: Иванов Пётр Сергеевич, 7Б."]);
    expect(added.flatMap(buttonsOf).map((b) => b.text)).toEqual(["Добавить ученика"]);
    expect(await namesIn("7Б")).toEqual(["Иванов Пётр Сергеевич"]);
    expect(await namesIn("7А")).toEqual([]);
  });

  it("re-checks a class button against the database: another teacher's class is refused", async () => {
    const other = await db.prisma.schoolClass.findFirstOrThrow({ where: { schoolId, label: "7А" } });
    await teacher.press("Добавить ученика");
    await teacher.send("Чужой Ученик");
    expect(textsOf(await teacher.pressData(`stu:c:${other.id}`))).toEqual(["Это действие вам недоступно."]);
    expect(await namesIn("7А")).toEqual([]);
    expect(textsOf(await teacher.send("/cancel"))).toEqual(["Хорошо, отменил. Ничего не сохранено."]);
  });

  it("does not add the same student twice", async () => {
    await teacher.press("Добавить ученика");
    await teacher.send("иванов пётр сергеевич");
    expect(textsOf(await teacher.send("7 б"))).toEqual(["Иванов Пётр Сергеевич уже есть в 7Б — повторно не добавлял."]);
    expect(await namesIn("7Б")).toHaveLength(1);
  });
});

describe("importing a class list from a CSV file", () => {
  it("reads a Russian Excel file (Windows-1251, `;`), skipping students already in the class", async () => {
    const csv =
      "ФИО;Класс;Дата рождения\r\nИванов Пётр Сергеевич;7Б;01.09.2012\r\nЁлкина Алёна Игоревна; 7Б ;15.03.2013\r\n  Кузнецов   Илья ;7б;\r\n";
    const calls = await teacher.sendDocument("7Б.csv", toCp1251(csv), "application/vnd.ms-excel");
    expect(textsOf(calls)).toEqual([
      "Загружено 2 ученика.\n7Б: +2 ученика\n\nУже были в списке, повторно не добавлял (1):\nстрока 2: Иванов Пётр Сергеевич, 7Б",
    ]);
    expect(await namesIn("7Б")).toEqual(["Иванов Пётр Сергеевич", "Ёлкина Алёна Игоревна", "Кузнецов Илья"]);
    const alena = await db.prisma.student.findFirstOrThrow({ where: { fullName: "Ёлкина Алёна Игоревна" } });
    expect(alena).toMatchObject({ searchName: "елкина алена игоревна", birthDate: "2013-03-15" });
    expect(textsOf(await teacher.send("/students"))[0]).toContain("7Б — 3 ученика");
    expect(await db.prisma.auditEvent.count({ where: { action: "roster.imported", schoolId } })).toBe(1);
  });

  it("records the parents' columns and says how many", async () => {
    const csv = "ФИО;Класс;ФИО матери;Телефон матери\nЛебедев Артём;7Б;Лебедева Ольга;+7 916 000-11-22\n";
    expect(textsOf(await teacher.sendDocument("parents.csv", toCp1251(csv)))).toEqual([
      "Загружен 1 ученик.\n7Б: +1 ученик\nРодители и законные представители: +1",
    ]);
    const mother = await db.prisma.studentParent.findFirstOrThrow({ where: { schoolId, student: { fullName: "Лебедев Артём" } } });
    expect(mother).toMatchObject({ relation: "mother", fullName: "Лебедева Ольга", phone: "+79160001122" });
  });

  it("reads UTF-8 with a BOM and `,`, columns in another order", async () => {
    const csv = "Класс,Фамилия Имя Отчество\n7Б,Смирнова Анна\n";
    expect(textsOf(await teacher.sendDocument("list.csv", toUtf8WithBom(csv)))).toEqual(["Загружен 1 ученик.\n7Б: +1 ученик"]);
  });

  it("lists every error by line and column and imports nothing", async () => {
    const csv = [
      "ФИО;Класс;Дата рождения",
      "Орлов Олег;7Б;01.09.2012",
      ";7Б;",
      "Волков Пётр;7Я7;",
      "Зайцева Ия;7Б;31.02.2013",
      "орлов олег;7Б;",
      "Соколова Вера;7А;",
    ].join("\n");
    const calls = await teacher.sendDocument("errors.csv", toCp1251(csv));
    expect(textsOf(calls)).toEqual([
      [
        "В файле есть ошибки — ничего не загружено. Исправьте их и пришлите файл снова:",
        "",
        "строка 3, «ФИО»: пустое ФИО",
        "строка 4, «Класс»: «7Я7» — непонятный класс (пишите как 7Б)",
        "строка 5, «Дата рождения»: «31.02.2013» — неверная дата (нужно дд.мм.гггг)",
        "строка 6, «ФИО»: повторяет строку 2",
        "строка 7, «Класс»: 7А — не ваш класс",
      ].join("\n"),
    ]);
    expect(await db.prisma.student.count({ where: { fullName: { in: ["Орлов Олег", "Зайцева Ия", "Соколова Вера"] } } })).toBe(0);
  });

  it("refuses a file over 5 MB before downloading it, and a class list over 1 MB", async () => {
    const huge = await teacher.sendDocument("big.csv", new Uint8Array(20 * 1024 * 1024).fill(0x41));
    expect(textsOf(huge)).toEqual([expect.stringMatching(/^Файл больше 5 МБ/)]);
    expect(huge.some((c) => c.method === "getFile")).toBe(false);
    // Not an attendance export either: too big for a class list.
    const big = await teacher.sendDocument("big.csv", new Uint8Array(1024 * 1024 + 1).fill(0x41));
    expect(textsOf(big)).toEqual([expect.stringMatching(/^Файл больше 1 МБ/)]);
  });

  it("names the columns it needs when the file has others", async () => {
    const calls = await teacher.sendDocument("wrong.csv", toCp1251("Имя;Группа\nИванов;7Б\n"));
    expect(textsOf(calls)).toEqual([
      "Не нашёл нужных колонок. Нужны: ФИО и Класс (и, если есть, Дата рождения) — в первой строке файла. В файле: «Имя», «Группа».",
    ]);
  });

  it("asks for CSV when an Excel workbook is sent", async () => {
    expect(
      textsOf(await teacher.sendDocument("7Б.xlsx", "PK", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))[0],
    ).toMatch(/^Список класса я читаю только из CSV/);
  });

  it("lets an admin import into any class, creating classes, with correct plurals", async () => {
    const surnames = "Аа Бб Вв Гг Дд Ее Жж Зз Ии Кк Лл Мм Нн Оо Пп Рр Сс Тт Уу Фф Хх".split(" ");
    const rows = [
      ...surnames.map((s) => `${s} Иван;5А`),
      "Первый Ученик;6А",
      "Второй Ученик;6А",
      ...surnames.slice(0, 5).map((s) => `${s} Пётр;6Б`),
    ];
    const calls = await admin.sendDocument("school.csv", toCp1251(["ФИО;Класс", ...rows].join("\n")));
    expect(textsOf(calls)).toEqual([
      "Загружено 28 учеников.\n5А (новый класс): +21 ученик\n6А (новый класс): +2 ученика\n6Б (новый класс): +5 учеников",
    ]);
    const list = textsOf(await admin.send("/students"))[0]!;
    expect(list).toMatch(/^Классы школы:\n5А — 21 ученик\n6А — 2 ученика\n6Б — 5 учеников\n7А — 0 учеников\n7Б — 5 учеников\n/);
  });

  it("speaks English to an English teacher", async () => {
    const english = await join(9104, "teacher", "8А", "en");
    expect(textsOf(await english.sendDocument("8a.csv", "Full name,Class\nBrown Alice,8А\n"))).toEqual([
      "Loaded 1 student.\n8А: +1 student",
    ]);
    expect(textsOf(await english.sendDocument("bad.csv", "ФИО,Класс\n,8А\n"))).toEqual([
      "The file has errors, so nothing was loaded. Please fix them and send the file again:\n\nline 2, «ФИО»: the name is empty",
    ]);
  });

  it("leaves other people's documents alone", async () => {
    const stranger = harness.user({ id: 9199, first_name: "Пётр", language_code: "ru" });
    expect(textsOf(await stranger.sendDocument("list.csv", "ФИО;Класс\nИванов Иван;7Б\n"))).toEqual([
      expect.stringContaining("ссылку-приглашение"),
    ]);
    expect(await db.prisma.student.count({ where: { fullName: "Иванов Иван" } })).toBe(0);
  });
});
