import { DEFAULT_MARK_MAPPING } from "../../../src/domain/attendance/marks.js";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAttendance } from "../../../src/app/attendance/import-attendance.js";
import { currentAbsenceRun } from "../../../src/domain/attendance/absence-run.js";
import { createAttendanceRepository } from "../../../src/repositories/attendance-repository.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { fixtureYears, movableClock, seedCaseWorld, type CaseWorld } from "../../support/case-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { toCp1251 } from "../../support/cp1251.js";

/*
 * Issue 15: the journal's attendance export, as an XLSX grid or a Windows-1251 CSV of rows, gives
 * the same marks; the same file twice changes nothing; a bad file writes nothing and says why, by line.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** 7Б's week of 09–13.11.2026 and Monday 16.11 as a grid: Пётр absent without a reason all along, Анна ill on Tuesday. */
async function gridXlsx(rows?: (string | Date)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Посещаемость");
  const days = ["2026-11-09", "2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-16"].map((d) => new Date(`${d}T00:00:00Z`));
  sheet.addRow(["Отчёт о посещаемости, 7Б"]);
  sheet.addRow(["ФИО", "Класс", ...days]);
  for (const row of rows ?? [
    ["Иванов Пётр Сергеевич", "7Б", "Н", "Н", "Н", "Н", "Н", "Н"],
    ["Смирнова Анна Олеговна", "7 б", "", "Б", "", "", "ОП", ""],
  ])
    sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const rowsCsv = [
  "ФИО;Класс;Дата;Отметка",
  ...["09.11.2026", "10.11.2026", "11.11.2026", "12.11.2026", "13.11.2026", "16.11.2026"].map((d) => `ИВАНОВ Петр Сергеевич;7Б;${d};Н`),
  "Смирнова Анна Олеговна;7Б;09.11.2026;",
  "Смирнова Анна Олеговна;7Б;10.11.2026;Б",
  "Смирнова Анна Олеговна;7Б;11.11.2026;",
  "Смирнова Анна Олеговна;7Б;12.11.2026;",
  "Смирнова Анна Олеговна;7Б;13.11.2026;ОП",
  "Смирнова Анна Олеговна;7Б;16.11.2026;",
].join("\r\n");

describe("importing the journal's attendance", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  const today = "2026-11-16";
  const stored = async () =>
    (await db.prisma.attendanceMark.findMany({ orderBy: [{ studentId: "asc" }, { on: "asc" }] })).map(
      (m) => `${m.studentId} ${m.on} ${m.kind} ${m.mark}`,
    );

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9850, now: clock.now });
  });

  it("an XLSX grid and a cp1251 CSV of rows give the same marks, and a file twice changes nothing", async () => {
    const deps = { db: db.prisma, now: clock.now };
    const grid = await importAttendance(deps, { by: world.teacher, bytes: await gridXlsx(), today });
    expect(grid).toMatchObject({ kind: "imported", shape: "grid", students: 2, days: 6, absences: 7 });
    const fromGrid = await stored();
    expect(fromGrid).toHaveLength(7);
    expect(await importAttendance(deps, { by: world.teacher, bytes: await gridXlsx(), today })).toMatchObject({
      kind: "imported",
      changed: 0,
    });
    await db.prisma.attendanceMark.deleteMany();
    await db.prisma.attendanceDay.deleteMany();
    const rows = await importAttendance(deps, { by: "cli", schoolId: world.schoolId, bytes: toCp1251(rowsCsv), today });
    expect(rows).toMatchObject({ kind: "imported", shape: "rows", students: 2, days: 6, absences: 7 });
    expect(await stored()).toEqual(fromGrid);
    expect(await importAttendance(deps, { by: "cli", schoolId: world.schoolId, bytes: toCp1251(rowsCsv), today })).toMatchObject({
      changed: 0,
    });
    expect(await db.prisma.auditEvent.count({ where: { action: "attendance.imported" } })).toBe(4);
  });

  it("the run counts on the school's calendar: six school days for Пётр, none for Анна", async () => {
    const calendar = (await createSchoolRepository(db.prisma).schoolDays(world.schoolId, fixtureYears))!.calendar;
    const attendance = createAttendanceRepository(db.prisma);
    const [petr, anna] = world.studentIds;
    const run = currentAbsenceRun(calendar, await attendance.marksOf(world.schoolId, petr!, "2026-09-01"), today);
    expect(run).toEqual({ days: 6, firstDay: "2026-11-09", lastDay: "2026-11-16", daysWithoutData: 0 });
    expect(currentAbsenceRun(calendar, await attendance.marksOf(world.schoolId, anna!, "2026-09-01"), today).days).toBe(0);
  });

  it("a day marked present later clears the absence it had", async () => {
    const deps = { db: db.prisma, now: clock.now };
    const fixed = await gridXlsx([
      ["Иванов Пётр Сергеевич", "7Б", "Н", "Н", "Н", "Н", "УП", ""],
      ["Смирнова Анна Олеговна", "7Б", "", "Б", "", "", "ОП", ""],
    ]);
    expect(await importAttendance(deps, { by: world.teacher, bytes: fixed, today })).toMatchObject({ kind: "imported", absences: 6 });
    const marks = await stored();
    expect(marks.filter((m) => m.startsWith(`${world.studentIds[0]} `))).toEqual([
      `${world.studentIds[0]} 2026-11-09 unexcused Н`,
      `${world.studentIds[0]} 2026-11-10 unexcused Н`,
      `${world.studentIds[0]} 2026-11-11 unexcused Н`,
      `${world.studentIds[0]} 2026-11-12 unexcused Н`,
      `${world.studentIds[0]} 2026-11-13 excused УП`,
    ]);
  });

  it("a bad file writes nothing and names every problem by line", async () => {
    const deps = { db: db.prisma, now: clock.now };
    const before = await stored();
    const csv = [
      "ФИО;Класс;Дата;Отметка",
      "Иванов Пётр Сергеевич;7Б;17.11.2026;Н",
      "Петров Никто;7Б;17.11.2026;Н",
      "Иванов Пётр Сергеевич;7Б;32.11.2026;Н",
      "Иванов Пётр Сергеевич;7Б;17.11.2026;XX",
      "Иванов Пётр Сергеевич;7Б;17.11.2025;Н",
      "Иванов Пётр Сергеевич;9Я;17.11.2026;Н",
    ].join("\n");
    const result = await importAttendance(deps, { by: world.teacher, bytes: new TextEncoder().encode(csv), today });
    expect(result).toEqual({
      kind: "rejected",
      issues: [
        { line: 3, kind: "noSuchStudent", text: "Петров Никто, 7Б" },
        { line: 4, kind: "badDate", text: "32.11.2026" },
        { line: 5, kind: "unknownMark", text: "XX" },
        { line: 6, kind: "outsideSchoolYear", text: "2025-11-17" },
        { line: 7, kind: "noSuchClass", text: "9Я" },
      ],
      unknownMarks: ["XX"],
      mapping: DEFAULT_MARK_MAPPING,
    });
    expect(await stored()).toEqual(before);
    expect(await importAttendance(deps, { by: world.teacher, bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), today })).toEqual({
      kind: "damaged",
    });
    expect(await importAttendance(deps, { by: world.teacher, bytes: new Uint8Array(5 * 1024 * 1024 + 1), today })).toEqual({
      kind: "tooLarge",
    });
    expect(await importAttendance(deps, { by: world.teacher, bytes: new TextEncoder().encode("Имя;Возраст\nА;1"), today })).toEqual({
      kind: "noHeader",
    });
  });

  it("another class is refused for a teacher and allowed for the admin", async () => {
    const deps = { db: db.prisma, now: clock.now };
    const schools = createSchoolRepository(db.prisma);
    const other = await schools.createClass(world.schoolId, "8А");
    await schools.addStudent(world.schoolId, other, "Кузнецов Илья");
    const csv = new TextEncoder().encode("ФИО;Класс;Дата;Отметка\nКузнецов Илья;8А;16.11.2026;Н");
    expect(await importAttendance(deps, { by: world.teacher, bytes: csv, today })).toEqual({
      kind: "rejected",
      issues: [{ line: 2, kind: "notYourClass", text: "8А" }],
      unknownMarks: [],
      mapping: DEFAULT_MARK_MAPPING,
    });
    const admin = await world.addPerson(9859, "Орлова Нина Павловна", ["admin"]);
    expect(await importAttendance(deps, { by: admin, bytes: csv, today })).toMatchObject({ kind: "imported", absences: 1 });
  });
});
