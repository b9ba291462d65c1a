import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/app/actor.js";
import {
  findStudentFor,
  listOwnClasses,
  listOwnClassStudents,
  normalizeStudentQuery,
  searchStudents,
} from "../../../src/app/students/search-students.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addClass, addStaff, serviceDeps } from "../../support/school-setup.js";

let database: TestDatabase;
const now = () => new Date("2025-11-10T09:00:00Z");
const deps = () => serviceDeps(database.prisma, now);
let teacher: Actor;
let otherTeacher: Actor;
let deputy: Actor;
let admin: Actor;
let foreignDeputy: Actor;
let ids: Record<string, number>;
let otherIds: Record<string, number>;

beforeAll(async () => {
  database = await createTestDatabase();
  const schools = createSchoolRepository(database.prisma);
  const schoolA = await schools.createSchool({ name: "Школа 1" });
  const schoolB = await schools.createSchool({ name: "Школа 2" });
  teacher = await addStaff(database.prisma, schoolA, 101, "Петрова Анна Ивановна", ["teacher"]);
  otherTeacher = await addStaff(database.prisma, schoolA, 102, "Смирнов Олег", ["teacher"]);
  deputy = await addStaff(database.prisma, schoolA, 103, "Козлова Вера", ["deputy"]);
  admin = await addStaff(database.prisma, schoolA, 104, "Админ Школы", ["admin"]);
  foreignDeputy = await addStaff(database.prisma, schoolB, 105, "Чужой Завуч", ["deputy"]);
  ({ ids } = await addClass(database.prisma, schoolA, "7Б", teacher, [
    "Ёлкин Семён",
    "Иванов Пётр",
    "Иванова Анна",
    "Петров-Иванов Илья",
    "Сидоров Иван",
  ]));
  await addClass(database.prisma, schoolA, "5А", teacher, []);
  ({ ids: otherIds } = await addClass(database.prisma, schoolA, "7А", otherTeacher, ["Иванов Олег", "Кузнецов Глеб"]));
  await addClass(database.prisma, schoolB, "7Б", foreignDeputy, ["Иванов Борис"]);
  // The teacher runs a case of a student of another class (e.g. handed over by the deputy).
  await openCase(deps(), { actor: teacher, regulationId: "interaction-2-difficulty", studentId: otherIds["Кузнецов Глеб"]! });
});
afterAll(() => database.destroy());

const names = (result: { students: { fullName: string }[] }) => result.students.map((s) => s.fullName);

describe("normalizeStudentQuery", () => {
  it.each([
    ["  ИВАНОВ  ", "иванов"],
    ["Ёлкин", "елкин"],
    ["иванов   пётр", "иванов петр"],
    ["Петров - Иванов", "петров-иванов"],
    ["Иванов!", "иванов"],
    ["И", undefined],
    ["12", undefined],
    ["", undefined],
  ])("%j → %j", (input, expected) => {
    expect(normalizeStudentQuery(input)).toBe(expected);
  });
});

describe("searching for a case to open", () => {
  it("finds the teacher's own students by the start of the surname, ignoring case, ё and extra spaces", async () => {
    expect(names(await searchStudents(deps(), { actor: teacher, query: "ИВАН", purpose: "openCase" }))).toEqual([
      "Иванов Пётр",
      "Иванова Анна",
      // Another word of the name starting with the query comes after the surnames.
      "Петров-Иванов Илья",
      "Сидоров Иван",
    ]);
    expect(names(await searchStudents(deps(), { actor: teacher, query: "елкин", purpose: "openCase" }))).toEqual(["Ёлкин Семён"]);
    expect(names(await searchStudents(deps(), { actor: teacher, query: " иванов   пётр ", purpose: "openCase" }))).toEqual(["Иванов Пётр"]);
  });

  it("does not reach other classes' students, even those of the teacher's cases", async () => {
    expect(names(await searchStudents(deps(), { actor: teacher, query: "Кузнецов", purpose: "openCase" }))).toEqual([]);
    expect(await findStudentFor(deps(), { actor: teacher, studentId: otherIds["Иванов Олег"]!, purpose: "openCase" })).toBeUndefined();
    expect(await findStudentFor(deps(), { actor: teacher, studentId: ids["Иванов Пётр"]!, purpose: "openCase" })).toMatchObject({
      fullName: "Иванов Пётр",
      classLabel: "7Б",
    });
  });

  it("says when there are more matches than it shows", async () => {
    const result = await searchStudents(deps(), { actor: teacher, query: "иван", purpose: "openCase", limit: 2 });
    expect(result).toMatchObject({ more: true });
    expect(names(result)).toEqual(["Иванов Пётр", "Иванова Анна"]);
  });

  it("refuses roles that cannot open cases, and audits the refusal", async () => {
    await expect(searchStudents(deps(), { actor: deputy, query: "иванов", purpose: "openCase" })).rejects.toMatchObject({
      code: "forbidden",
    });
    const denied = await database.prisma.auditEvent.findMany({ where: { actorId: deputy.userId!, action: "access.denied" } });
    expect(denied.map((d) => JSON.parse(d.detail).action)).toEqual(["openCase"]);
  });
});

describe("searching for a lookup", () => {
  it("gives a teacher their classes' students and the students of cases they run", async () => {
    expect(names(await searchStudents(deps(), { actor: teacher, query: "Кузнецов", purpose: "lookup" }))).toEqual(["Кузнецов Глеб"]);
    expect(names(await searchStudents(deps(), { actor: teacher, query: "иванов", purpose: "lookup" }))).toEqual([
      "Иванов Пётр",
      "Иванова Анна",
      "Петров-Иванов Илья",
    ]);
  });

  it("gives school-wide roles the whole school and nothing of another school", async () => {
    for (const actor of [deputy, admin]) {
      expect(names(await searchStudents(deps(), { actor, query: "иванов", purpose: "lookup" }))).toEqual([
        "Иванов Олег",
        "Иванов Пётр",
        "Иванова Анна",
        "Петров-Иванов Илья",
      ]);
    }
    expect(names(await searchStudents(deps(), { actor: foreignDeputy, query: "иванов", purpose: "lookup" }))).toEqual(["Иванов Борис"]);
    expect(await findStudentFor(deps(), { actor: foreignDeputy, studentId: ids["Иванов Пётр"]!, purpose: "lookup" })).toBeUndefined();
  });
});

describe("class lists", () => {
  it("lists the teacher's classes and pages through a class", async () => {
    const classes = await listOwnClasses(deps(), { actor: teacher });
    expect(classes.map((c) => [c.label, c.students])).toEqual([
      ["5А", 0],
      ["7Б", 5],
    ]);
    const classId = classes[1]!.id;
    const first = await listOwnClassStudents(deps(), { actor: teacher, classId, page: 0, pageSize: 3 });
    expect(first).toMatchObject({ label: "7Б", page: 0, pages: 2 });
    expect(first.students.map((s) => s.fullName)).toEqual(["Ёлкин Семён", "Иванов Пётр", "Иванова Анна"]);
    const last = await listOwnClassStudents(deps(), { actor: teacher, classId, page: 7, pageSize: 3 });
    expect(last.page).toBe(1);
    expect(last.students.map((s) => s.fullName)).toEqual(["Петров-Иванов Илья", "Сидоров Иван"]);
  });

  it("treats another teacher's class as missing", async () => {
    const classId = (await listOwnClasses(deps(), { actor: otherTeacher }))[0]!.id;
    await expect(listOwnClassStudents(deps(), { actor: teacher, classId, page: 0, pageSize: 8 })).rejects.toMatchObject({
      code: "notFound",
    });
  });
});
