import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
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
        "строка 5: неизвестная отметка «ХЗ» (бот знает Н, УП, Б, ОП, П и пустую клетку)",
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
