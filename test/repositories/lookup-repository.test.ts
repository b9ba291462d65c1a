import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLookupRepository } from "../../src/repositories/lookup-repository.js";
import { createSchoolRepository, searchNameOf } from "../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/* Finding students by what is typed, on either database: the surname first, then a later word of the name. */

let database: TestDatabase;
let schoolId: number;
let otherSchool: number;
const school = { kind: "school" } as const;

beforeAll(async () => {
  database = await createTestDatabase();
  const schools = createSchoolRepository(database.prisma);
  schoolId = await schools.createSchool({ name: "Школа" });
  otherSchool = await schools.createSchool({ name: "Другая" });
  const a = await schools.createClass(schoolId, "7А");
  const b = await schools.createClass(schoolId, "8Б");
  for (const name of ["Иванов Пётр Сергеевич", "Иванченко Олег", "Петрова-Иванова Анна", "Сидоров Иван Ильич", "Ёлкин Семён"]) {
    await schools.addStudent(schoolId, a, name);
  }
  await schools.addStudent(schoolId, b, "Иванова Мария");
  await schools.addStudent(schoolId, b, "Ива%нов_ Тест");
  await schools.addStudent(otherSchool, await schools.createClass(otherSchool, "7А"), "Иванов Другой");
});
afterAll(() => database.destroy());

const names = async (query: string, take = 10, scope: Parameters<ReturnType<typeof createLookupRepository>["findStudents"]>[1] = school) =>
  (await createLookupRepository(database.prisma).findStudents(schoolId, scope, searchNameOf(query), take)).map(
    (s) => `${s.fullName}, ${s.classLabel}`,
  );

describe("findStudents", () => {
  it("lists the surnames that start with it first, then a later word (a name, a double surname's second part)", async () => {
    expect(await names("иван")).toEqual([
      "Иванов Пётр Сергеевич, 7А",
      "Иванова Мария, 8Б",
      "Иванченко Олег, 7А",
      "Петрова-Иванова Анна, 7А",
      "Сидоров Иван Ильич, 7А",
    ]);
  });

  it("keeps the prefix matches when `take` cuts, and stays in the school", async () => {
    expect(await names("иван", 2)).toEqual(["Иванов Пётр Сергеевич, 7А", "Иванова Мария, 8Б"]);
    expect(await names("иванов д")).toEqual([]);
  });

  it("reads «ё» as «е» and ignores case", async () => {
    expect(await names("ЕЛКИН")).toEqual(["Ёлкин Семён, 7А"]);
    expect(await names("семен")).toEqual(["Ёлкин Семён, 7А"]);
  });

  it("takes «%» and «_» literally", async () => {
    expect(await names("ива%")).toEqual(["Ива%нов_ Тест, 8Б"]);
    expect(await names("и_ан")).toEqual([]);
    expect(await names("%")).toEqual([]);
  });

  it("limits a teacher to their own classes", async () => {
    const schools = createSchoolRepository(database.prisma);
    const teacher = await database.prisma.user.create({ data: { telegramId: 501n, fullName: "Учитель" } });
    const member = await database.prisma.member.create({ data: { schoolId, userId: teacher.id } });
    const label = "9В";
    const own = await schools.createClass(schoolId, label, member.id);
    await schools.addStudent(schoolId, own, "Иванюк Лев");
    expect(await names("иван", 10, { kind: "own", memberId: member.id, withCases: true })).toEqual(["Иванюк Лев, 9В"]);
  });
});
