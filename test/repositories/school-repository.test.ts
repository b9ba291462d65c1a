import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import {
  createSchoolRepository,
  mergeProductionYears,
  searchNameOf,
  type SchoolRepository,
} from "../../src/repositories/school-repository.js";
import { createUserRepository } from "../../src/repositories/user-repository.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createAdminRepository } from "../../src/repositories/admin-repository.js";

const builtinYears = loadProductionYears();

let database: TestDatabase;
let schools: SchoolRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  schools = createSchoolRepository(database.prisma);
});
afterAll(() => database.destroy());

describe("a school's calendar", () => {
  it("reads the defaults of a new school", async () => {
    const id = await schools.createSchool({ name: "Школа 1" });
    expect(await schools.calendarSettings(id)).toEqual({
      id,
      name: "Школа 1",
      planningRevision: 0,
      timezone: "Europe/Moscow",
      weekLength: 5,
      vacations: [],
      annualDates: {},
    });
    expect(await schools.calendarSettings(id + 1000)).toBeUndefined();
    expect(await schools.schoolDays(id + 1000, builtinYears)).toBeUndefined();
  });

  it("builds school days from the week, the vacations and the production calendar", async () => {
    const id = await schools.createSchool({
      name: "Школа 2",
      timezone: "Asia/Yekaterinburg",
      weekLength: 6,
      vacations: [
        { name: "весенние", from: "2026-03-23", to: "2026-03-29" },
        { name: "осенние", from: "2025-10-27", to: "2025-11-02" },
      ],
      annualDates: { upbringingPlanDue: { month: 9, day: 20 } },
    });
    const school = await schools.schoolDays(id, builtinYears);
    expect(school?.settings).toMatchObject({
      timezone: "Asia/Yekaterinburg",
      weekLength: 6,
      vacations: [
        { from: "2025-10-27", to: "2025-11-02" },
        { from: "2026-03-23", to: "2026-03-29" },
      ],
      annualDates: { upbringingPlanDue: { month: 9, day: 20 } },
    });
    const calendar = school!.calendar;
    expect(calendar.isSchoolDay("2026-03-07")).toBe(true); // a Saturday of a 6-day week
    expect(calendar.isSchoolDay("2026-03-08")).toBe(false); // Sunday
    expect(calendar.isSchoolDay("2026-03-24")).toBe(false); // vacation
    expect(calendar.addSchoolDays("2026-03-21", 1)).toBe("2026-03-30");
  });

  it("reads a vacation added or removed at once, though it reuses the rows while nothing changed", async () => {
    const id = await schools.createSchool({ name: "Школа 4" });
    const admin = createAdminRepository(database.prisma);
    expect((await schools.calendarSettings(id))!.vacations).toEqual([]);
    const vacationId = await database.prisma.$transaction((tx) => admin.addVacation(tx, id, "2026-03-23", "2026-03-29"));
    expect((await schools.calendarSettings(id))!.vacations).toEqual([{ from: "2026-03-23", to: "2026-03-29" }]);
    expect((await schools.schoolDays(id, builtinYears))!.calendar.isSchoolDay("2026-03-24")).toBe(false);
    await database.prisma.$transaction((tx) => admin.removeVacation(tx, id, vacationId));
    expect((await schools.calendarSettings(id))!.vacations).toEqual([]);
    expect((await schools.schoolDays(id, builtinYears))!.calendar.isSchoolDay("2026-03-24")).toBe(true);
  });

  it("lets an uploaded production year replace the built-in one", async () => {
    const id = await schools.createSchool({ name: "Школа 3" });
    const before = await schools.schoolDays(id, builtinYears);
    expect(before!.calendar.isSchoolDay("2026-03-10")).toBe(true);

    const builtin2026 = builtinYears.find((y) => y.year === 2026)!;
    const uploaded = {
      ...builtin2026,
      source: "test decree",
      fiveDayWeek: { ...builtin2026.fiveDayWeek, nonWorkingDays: [...builtin2026.fiveDayWeek.nonWorkingDays, "2026-03-10"] },
    };
    // As the upload stores it: with every school's planningRevision bumped.
    await database.prisma.$transaction((tx) =>
      createAdminRepository(database.prisma).saveProductionYear(tx, 2026, JSON.stringify(uploaded)),
    );
    try {
      expect(await schools.uploadedProductionYears()).toEqual([uploaded]);
      const after = await schools.schoolDays(id, builtinYears);
      expect(after!.calendar.isSchoolDay("2026-03-10")).toBe(false);
      expect(after!.calendar.isSchoolDay("2025-11-01")).toBe(true); // 2025 still built in: a working Saturday
    } finally {
      await database.prisma.productionYear.delete({ where: { year: 2026 } });
    }
  });

  it("merges production years by year number", () => {
    const [y2025, y2026] = builtinYears;
    const replaced = { ...y2026!, source: "uploaded" };
    expect(mergeProductionYears([y2025!, y2026!], [replaced]).map((y) => [y.year, y.source])).toEqual([
      [2025, y2025!.source],
      [2026, "uploaded"],
    ]);
  });
});

describe("people, classes and students", () => {
  it("normalises names for lookups", () => {
    expect(searchNameOf("  Ёжиков   ПЁТР\tАлексеевич ")).toBe("ежиков петр алексеевич");
  });

  it("adds students to a class of the same school only", async () => {
    const id = await schools.createSchool({ name: "Школа 4" });
    const other = await schools.createSchool({ name: "Школа 5" });
    const classId = await schools.createClass(id, " 5А ");
    const studentId = await schools.addStudent(id, classId, "  Ёлкина   Алёна ", "2014-05-01");
    expect(await schools.findStudent(id, studentId)).toEqual({ id: studentId, fullName: "Ёлкина Алёна", classId, classLabel: "5А" });
    expect(await database.prisma.student.findUnique({ where: { id: studentId }, select: { searchName: true, birthDate: true } })).toEqual({
      searchName: "елкина алена",
      birthDate: "2014-05-01",
    });
    expect(await schools.findStudent(other, studentId)).toBeUndefined();
    await expect(schools.addStudent(other, classId, "Чужой")).rejects.toMatchObject({ code: "notFound" });
    expect(await schools.findClass(other, classId)).toBeUndefined();
  });

  it("adds members with their roles", async () => {
    const id = await schools.createSchool({ name: "Школа 6" });
    const userId = await createUserRepository(database.prisma).ensure(42, 42, "Мария Ивановна");
    const memberId = await schools.addMember(id, userId, ["teacher", "deputy", "teacher"], { upbringingDeputy: true });
    expect(await schools.findMember(id, memberId)).toEqual({
      id: memberId,
      userId,
      fullName: "Мария Ивановна",
      roles: ["teacher", "deputy"],
      active: true,
      upbringingDeputy: true,
    });
    expect(await schools.memberNames(id, [memberId, memberId, 99999])).toEqual({ [String(memberId)]: "Мария Ивановна" });
    expect(await schools.findMember(id + 1, memberId)).toBeUndefined();
  });
});
