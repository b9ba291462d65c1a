import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { toCp1251 } from "../support/cp1251.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/* Issue 15: a class teacher sends the journal's attendance export to the bot, as XLSX or CSV. */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A grid without a class column: the teacher's only class is meant. */
async function grid(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("7Б");
  sheet.addRow(["ФИО", "09.11", "10.11", "11.11"]);
  sheet.addRow(["Иванов Пётр Сергеевич", "Н", "Н", "Н"]);
  sheet.addRow(["Смирнова Анна Олеговна", "", "Б", ""]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("a class teacher sends the attendance export", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let teacher: ChatUser;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9880, now: clock.now });
    teacher = createHarness({ db: db.prisma, now: clock.now }).user({ id: 9880, first_name: "Ольга", language_code: "ru" });
  });

  it("an XLSX grid is loaded for their class; the same file again changes nothing", async () => {
    expect(textsOf(await teacher.sendDocument("посещаемость.xlsx", await grid(), XLSX))).toEqual([
      "Посещаемость загружена.\nОбучающихся: 2\nДней с отметками: 3\nПропусков: 4",
    ]);
    expect(await db.prisma.attendanceMark.count({ where: { studentId: world.studentIds[0]!, kind: "unexcused" } })).toBe(3);
    expect(textsOf(await teacher.sendDocument("посещаемость.xlsx", await grid(), XLSX))).toEqual([
      "Этот файл уже загружен — ничего не изменилось.",
    ]);
  });

  it("a file with errors loads nothing and says what is wrong, by line", async () => {
    const before = await db.prisma.attendanceMark.count();
    const csv =
      "ФИО;Класс;Дата;Отметка\nИванов Пётр Сергеевич;7Б;12.11.2026;Н\nПетров Никто;7Б;12.11.2026;Н\nИванов Пётр Сергеевич;8А;12.11.2026;Н\nСмирнова Анна Олеговна;7Б;12.11.2026;ХЗ";
    expect(textsOf(await teacher.sendDocument("н.csv", toCp1251(csv)))).toEqual([
      [
        "В файле посещаемости есть ошибки — ничего не загружено. Исправьте их и пришлите файл снова:",
        "",
        "строка 3: нет такого обучающегося: Петров Никто, 7Б",
        "строка 4: класса «8А» нет в школе",
        "строка 5: неизвестная отметка «ХЗ»",
        "",
        "Отметки, которые бот знает:",
        "без уважительной причины — Н, НБ",
        "по уважительной причине — Б, УП",
        "присутствие — ОП, П, пустая клетка",
        "Новые отметки добавляет администратор школы: /admin → Настройки школы → Пропуски.",
      ].join("\n"),
    ]);
    expect(await db.prisma.attendanceMark.count()).toBe(before);
  });

  it("a damaged workbook is named as such", async () => {
    const damaged = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3, 4]);
    expect(textsOf(await teacher.sendDocument("посещаемость.xlsx", damaged, XLSX))).toEqual([
      "Не получилось прочитать файл. Сохраните выгрузку в Excel как XLSX или CSV и пришлите снова.",
    ]);
  });
});

describe("the school's admin and the journal's marks (/admin → Настройки → Пропуски)", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let admin: ChatUser;
  let harness: ReturnType<typeof createHarness>;
  const file = () =>
    toCp1251(
      "ФИО;Класс;Дата;Отметка\nИванов Пётр Сергеевич;7Б;12.11.2026;НП\nСмирнова Анна Олеговна;7Б;12.11.2026;Б\nСмирнова Анна Олеговна;7Б;13.11.2026;б/п",
    );

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9950, now: clock.now });
    await world.addPerson(9952, "Админова Ирина Петровна", ["admin"]);
    harness = createHarness({ db: db.prisma, now: clock.now });
    admin = harness.user({ id: 9952, first_name: "Ирина", language_code: "ru" });
  });

  it("a file with an unknown mark offers the admin to set it up; the same file then loads", async () => {
    const refused = await admin.sendDocument("журнал.csv", file());
    expect(textsOf(refused)[0]).toContain("строка 2: неизвестная отметка «НП»\nстрока 4: неизвестная отметка «б/п»");
    expect(textsOf(refused)[0]).toContain("Новую отметку можно добавить кнопкой ниже, затем пришлите файл снова.");
    // «б/п» cannot be a button (a slash): only «НП» is offered; «б/п» is added by typing, as «БП».
    const sent = refused.find((c) => c.method === "sendMessage")!;
    expect(buttonsOf(sent).map((b) => b.text)).toEqual(["Настроить отметку «НП»"]);
    expect(textsOf(await admin.press("Настроить отметку «НП»"))).toEqual(["Что означает отметка «НП»?"]);
    expect(textsOf(await admin.press("без уважительной причины"))).toEqual([
      "Сохранено: «НП» — без уважительной причины. Следующий файл посещаемости будет прочитан с этой отметкой.",
    ]);
    expect(textsOf(await admin.sendDocument("журнал.csv", file()))[0]).toContain("строка 4: неизвестная отметка «б/п»");

    // The settings screen: the threshold, the marks, «➕ Добавить отметку».
    await admin.send("/admin");
    await admin.press("⚙️ Настройки школы");
    const screen = await admin.press("Пропуски");
    const shown = screen.find((c) => c.method === "editMessageText")!;
    expect(String(shown.payload.text)).toBe(
      [
        "⚠️ Пропуски без уважительной причины",
        "Классный руководитель получает предупреждение после 5 учебных дней пропусков подряд.",
        "",
        "Отметки журнала:",
        "без уважительной причины — Н, НБ, НП",
        "по уважительной причине — Б, УП",
        "присутствие — ОП, П, пустая клетка",
        "",
        "Свои отметки школы:",
        "НП — без уважительной причины",
      ].join("\n"),
    );
    await admin.press("➕ Добавить отметку");
    expect(textsOf(await admin.send("б/п"))).toEqual(["Отметка — это буквы или цифры, не больше 8. Пришлите отметку, например: НП."]);
    await admin.send("Б.П.");
    await admin.press("по уважительной причине");
    const loaded = await admin.sendDocument(
      "журнал.csv",
      toCp1251("ФИО;Класс;Дата;Отметка\nИванов Пётр Сергеевич;7Б;12.11.2026;НП\nСмирнова Анна Олеговна;7Б;13.11.2026;бп"),
    );
    expect(textsOf(loaded)[0]).toMatch(/^Посещаемость загружена\./);
    expect(
      await db.prisma.attendanceMark.findMany({
        where: { schoolId: world.schoolId },
        select: { mark: true, kind: true },
        orderBy: { on: "asc" },
      }),
    ).toEqual([
      { mark: "НП", kind: "unexcused" },
      { mark: "бп", kind: "excused" },
    ]);
  });

  it("the threshold is one tap; a forged one is refused and nothing changes", async () => {
    await admin.send("/admin");
    await admin.press("⚙️ Настройки школы");
    await admin.press("Пропуски");
    const pressed = await admin.press("3");
    expect(String(pressed.find((c) => c.method === "editMessageText")?.payload.text)).toContain("после 3 учебных дней пропусков подряд");
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: world.schoolId } })).attendanceWarnDays).toBe(3);
    const forged = await admin.pressData("adm:at:n:11");
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBeTruthy();
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: world.schoolId } })).attendanceWarnDays).toBe(3);
    // «✖ НП» removes the school's own mark.
    await admin.press("✖ НП");
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: world.schoolId } })).attendanceMarkMap).toBe('{"бп":"excused"}');
    expect(await db.prisma.auditEvent.count({ where: { schoolId: world.schoolId, action: "school.attendanceSettingsChanged" } })).toBe(4);
  });

  it("a teacher cannot set marks: a forged button is refused", async () => {
    const teacher = harness.user({ id: 9950, first_name: "Ольга", language_code: "ru" });
    const forged = await teacher.pressData("adm:at:map:хз");
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBeTruthy();
    expect((await db.prisma.school.findUniqueOrThrow({ where: { id: world.schoolId } })).attendanceMarkMap).toBe('{"бп":"excused"}');
  });
});
