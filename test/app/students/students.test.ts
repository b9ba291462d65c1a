import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/app/actor.js";
import { createSchool } from "../../../src/app/people/create-school.js";
import { addStudent } from "../../../src/app/students/add-student.js";
import { importRoster } from "../../../src/app/students/import-roster.js";
import { listClasses } from "../../../src/app/students/list-classes.js";
import { parseRoster } from "../../../src/roster/parse-roster.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, refusal, testClock } from "../cases/fixtures.js";

let db: TestDatabase;
const clock = testClock("2026-11-23T09:00:00Z");
const deps = () => ({ db: db.prisma, now: clock.now });

let schoolId: number;
let teacher: Actor;
let otherTeacher: Actor;
let deputy: Actor;
let admin: Actor;
let class7b: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ schoolId } = await createSchool(deps(), { by: "cli", name: "Школа учеников", timezone: "Europe/Moscow" }));
  teacher = await addPerson(db.prisma, schoolId, "Учитель 7Б", ["teacher"]);
  otherTeacher = await addPerson(db.prisma, schoolId, "Учитель 7А", ["teacher"]);
  deputy = await addPerson(db.prisma, schoolId, "Завуч", ["deputy"]);
  admin = await addPerson(db.prisma, schoolId, "Админ", ["admin"]);
  class7b = (await db.prisma.schoolClass.create({ data: { schoolId, label: "7Б", teacherId: teacher.memberId! } })).id;
  await db.prisma.schoolClass.create({ data: { schoolId, label: "7А", teacherId: otherTeacher.memberId! } });
});
afterAll(async () => {
  await db.destroy();
});

function roster(csv: string) {
  const parsed = parseRoster(csv, { today: "2026-11-23" });
  if (parsed.kind !== "parsed") throw new Error(`not parsed: ${parsed.kind}`);
  return parsed;
}

async function studentsOf(label: string) {
  const rows = await db.prisma.student.findMany({ where: { schoolId, class: { label } }, orderBy: { id: "asc" } });
  return rows.map((s) => s.fullName);
}

describe("one student at a time", () => {
  it("adds to the teacher's own class by id, normalising the name for search, once", async () => {
    const added = await addStudent(deps(), { actor: teacher, fullName: "  Ёлкин   Пётр ", classId: class7b });
    expect(added).toMatchObject({ added: true, fullName: "Ёлкин Пётр", classLabel: "7Б" });
    const stored = await db.prisma.student.findFirstOrThrow({ where: { fullName: "Ёлкин Пётр" } });
    expect(stored).toMatchObject({ schoolId, classId: class7b, searchName: "елкин петр" });
    expect(await addStudent(deps(), { actor: teacher, fullName: "елкин петр", classLabel: "7 б" })).toMatchObject({
      added: false,
      reason: "duplicate",
    });
    expect(await db.prisma.student.count({ where: { searchName: "елкин петр" } })).toBe(1);
  });

  it("refuses another teacher's class and an unknown one, and a name that is not a name", async () => {
    expect(await refusal(() => addStudent(deps(), { actor: teacher, fullName: "Иванов Иван", classLabel: "7А" }))).toBe("forbidden");
    expect(await refusal(() => addStudent(deps(), { actor: teacher, fullName: "Иванов Иван", classLabel: "6В" }))).toBe("notFound");
    expect(await refusal(() => addStudent(deps(), { actor: teacher, fullName: "12345", classId: class7b }))).toBe("invalidInput");
    expect(await db.prisma.schoolClass.count({ where: { schoolId, label: "6В" } })).toBe(0);
  });

  it("lets a deputy add to any class, and an admin create a class by typing it", async () => {
    expect(await addStudent(deps(), { actor: deputy, fullName: "Петров Иван", classLabel: "7А" })).toMatchObject({ added: true });
    expect(await addStudent(deps(), { actor: admin, fullName: "Новиков Олег", classLabel: "6в" })).toMatchObject({
      added: true,
      classLabel: "6В",
    });
    expect(await db.prisma.schoolClass.findUniqueOrThrow({ where: { schoolId_label: { schoolId, label: "6В" } } })).toMatchObject({
      teacherId: null,
    });
    expect((await db.prisma.auditEvent.findMany({ where: { action: "student.added" } })).length).toBe(3);
  });
});

describe("the list of classes", () => {
  it("shows a teacher their classes, deputies every class, with counts", async () => {
    expect(await listClasses(deps(), teacher)).toEqual({
      scope: "own",
      classes: [{ id: class7b, label: "7Б", teacherMemberId: teacher.memberId, students: 1 }],
    });
    const all = await listClasses(deps(), deputy);
    expect(all.scope).toBe("school");
    expect(all.classes.map((c) => [c.label, c.students])).toEqual([
      ["6В", 1],
      ["7А", 1],
      ["7Б", 1],
    ]);
    const director = await addPerson(db.prisma, schoolId, "Директор", ["director"]);
    expect(await refusal(() => listClasses(deps(), director))).toBe("forbidden");
  });
});

describe("importing a class list", () => {
  it("imports into the teacher's class, skipping students already there", async () => {
    const result = await importRoster(deps(), {
      by: teacher,
      roster: roster("ФИО;Класс;Дата рождения\nЁлкин Пётр;7Б;\nСмирнова Анна;7Б;02.03.2013\nКузнецов Илья;7Б;\n"),
    });
    expect(result).toMatchObject({ kind: "imported", added: 2, classes: [{ label: "7Б", added: 2, created: false }] });
    expect(result.kind === "imported" && result.skipped.map((r) => [r.line, r.fullName])).toEqual([[2, "Ёлкин Пётр"]]);
    expect(await studentsOf("7Б")).toEqual(["Ёлкин Пётр", "Смирнова Анна", "Кузнецов Илья"]);
    expect(await db.prisma.student.findFirstOrThrow({ where: { fullName: "Смирнова Анна" } })).toMatchObject({ birthDate: "2013-03-02" });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "roster.imported" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ schoolId, actorId: teacher.userId });
    expect(JSON.parse(audit.detail)).toMatchObject({ added: 2, skipped: 1 });
  });

  it("imports nothing while any line has a problem, listing file problems and classes that are not the teacher's", async () => {
    const before = await db.prisma.student.count();
    const result = await importRoster(deps(), {
      by: teacher,
      roster: roster("ФИО;Класс\nОрлов Олег;7Б\n;7Б\nСоколова Вера;7А\nВолков Пётр;5Г\n"),
    });
    expect(result).toEqual({
      kind: "rejected",
      issues: [
        { line: 3, column: "fullName", heading: "ФИО", problem: "emptyName", value: "" },
        { line: 4, column: "classLabel", heading: "Класс", problem: "notYourClass", value: "7А" },
        { line: 5, column: "classLabel", heading: "Класс", problem: "noSuchClass", value: "5Г" },
      ],
    });
    expect(await db.prisma.student.count()).toBe(before);
    expect(await db.prisma.schoolClass.count({ where: { schoolId, label: "5Г" } })).toBe(0);
  });

  it("lets an admin import into any class and creates the missing ones", async () => {
    const result = await importRoster(deps(), {
      by: admin,
      roster: roster("Класс,ФИО\n5Г,Волков Пётр\n7А,Соколова Вера\n5Г,Зайцева Ия\n"),
    });
    expect(result).toMatchObject({
      kind: "imported",
      added: 3,
      classes: [
        { label: "5Г", added: 2, created: true },
        { label: "7А", added: 1, created: false },
      ],
    });
    expect(await studentsOf("5Г")).toEqual(["Волков Пётр", "Зайцева Ия"]);
  });

  it("records the parents the file names, for new and already listed students; importing it again adds nothing", async () => {
    const file = "ФИО;Класс;ФИО матери;Телефон матери;ФИО отца\nЁлкин Пётр;7Б;Ёлкина Мария;8 916 123-45-67;\nКротов Лев;7Б;;;Кротов Илья\n";
    const first = await importRoster(deps(), { by: teacher, roster: roster(file) });
    expect(first).toMatchObject({ kind: "imported", added: 1, parentsAdded: 2 });
    const parents = await db.prisma.studentParent.findMany({ where: { schoolId }, orderBy: { id: "asc" }, include: { student: true } });
    expect(parents.map((p) => [p.student.fullName, p.relation, p.fullName, p.phone])).toEqual([
      ["Ёлкин Пётр", "mother", "Ёлкина Мария", "+79161234567"],
      ["Кротов Лев", "father", "Кротов Илья", null],
    ]);
    const again = await importRoster(deps(), { by: teacher, roster: roster(file.replace("Ёлкина Мария", "ЕЛКИНА МАРИЯ")) });
    expect(again).toMatchObject({ kind: "imported", added: 0, parentsAdded: 0 });
    expect(await db.prisma.studentParent.count({ where: { schoolId } })).toBe(2);
  });

  it("imports nothing, parents included, when a parent's phone is wrong", async () => {
    const before = await db.prisma.studentParent.count();
    const students = await db.prisma.student.count();
    const result = await importRoster(deps(), {
      by: teacher,
      roster: roster("ФИО;Класс;Мать;Телефон матери\nНовиков Ян;7Б;Новикова Ева;123\n"),
    });
    expect(result).toMatchObject({ kind: "rejected", issues: [{ line: 2, column: "motherPhone", problem: "badPhone", value: "123" }] });
    expect(await db.prisma.studentParent.count()).toBe(before);
    expect(await db.prisma.student.count()).toBe(students);
  });

  it("refuses those who may not manage students", async () => {
    const specialist = await addPerson(db.prisma, schoolId, "Психолог", ["specialist"]);
    expect(await refusal(() => importRoster(deps(), { by: specialist, roster: roster("ФИО;Класс\nА Б;7Б\n") }))).toBe("forbidden");
  });
});
