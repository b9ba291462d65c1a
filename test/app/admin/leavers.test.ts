import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld, type Person } from "../../support/case-fixtures.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { sweepRetention } from "../../../src/app/admin/retention-sweep.js";
import { setStudentLeft } from "../../../src/app/admin/student-leaving.js";
import { listOwnClasses, searchStudents } from "../../../src/app/students/search-students.js";

/*
 * "Default: end of the school year after the student leaves": a leaver's data goes on the first
 * day of the next school year, once none of their cases is open; everyone else keeps the 3 years.
 */

let db: TestDatabase;
const clock = movableClock("2026-03-02");
let world: CaseWorld;
let admin: Person;
const ids = { leaverClosed: 0, leaverOpen: 0, stayingClosed: 0 };
const [LEAVER, LEAVER_WITH_OPEN_CASE, STAYING] = [0, 1, 2];

const deps = () => fixtureDeps(db.prisma, clock.now);
const sweep = () => sweepRetention(deps(), { timezone: "Europe/Moscow" });

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedCaseWorld(db.prisma, {
    telegramBase: 9700,
    now: clock.now,
    students: ["Иванов Пётр Сергеевич", "Смирнова Анна Олеговна", "Орлов Глеб Ильич"],
  });
  admin = await world.addPerson(9705, "Админова Анна", ["admin"]);
  ids.leaverClosed = await world.openCase({ studentId: world.studentIds[LEAVER], openedOn: "2026-03-02" });
  await closeCase(deps(), { actor: world.teacher, caseId: String(ids.leaverClosed), reason: "resolved", on: "2026-03-02" } as never);
  ids.leaverOpen = await world.openCase({ studentId: world.studentIds[LEAVER_WITH_OPEN_CASE], openedOn: "2026-03-02" });
  ids.stayingClosed = await world.openCase({ studentId: world.studentIds[STAYING], openedOn: "2026-03-02" });
  await closeCase(deps(), { actor: world.teacher, caseId: String(ids.stayingClosed), reason: "resolved", on: "2026-03-02" } as never);
});
afterAll(async () => {
  await db.destroy();
});

describe("an administrator marks a student as having left", () => {
  it("records the date, says from when the data goes and how many cases are still open", async () => {
    clock.set("2026-03-10");
    expect(await setStudentLeft(deps(), { actor: admin, studentId: world.studentIds[LEAVER]!, left: true })).toEqual({
      studentId: world.studentIds[LEAVER],
      fullName: "Иванов Пётр Сергеевич",
      leftOn: "2026-03-10",
      erasableFrom: "2026-09-01",
      openCases: 0,
    });
    expect(await setStudentLeft(deps(), { actor: admin, studentId: world.studentIds[LEAVER_WITH_OPEN_CASE]!, left: true })).toMatchObject({
      openCases: 1,
    });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "student.left", subject: `student:${world.studentIds[LEAVER]}` },
    });
    expect(audit.detail).toBe(JSON.stringify({ leftOn: "2026-03-10" }));
  });

  it("takes the leaver out of what a teacher opens cases for, but a lookup still finds them", async () => {
    const forNewCase = await searchStudents(deps(), { actor: world.teacher, query: "Иванов", purpose: "openCase" });
    expect(forNewCase.students).toEqual([]);
    const lookup = await searchStudents(deps(), { actor: world.teacher, query: "Иванов", purpose: "lookup" });
    expect(lookup.students.map((s) => s.fullName)).toEqual(["Иванов Пётр Сергеевич"]);
    const classes = await listOwnClasses(deps(), { actor: world.teacher });
    expect(classes.map((c) => [c.label, c.students])).toEqual([["7Б", 1]]);
    await expect(world.openCase({ studentId: world.studentIds[LEAVER]! })).rejects.toMatchObject({ code: "notFound" });
  });

  it("is refused to a teacher, and a forged id from another school changes nothing", async () => {
    await expect(setStudentLeft(deps(), { actor: world.teacher, studentId: world.studentIds[STAYING]!, left: true })).rejects.toMatchObject(
      { code: "forbidden" },
    );
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9710, now: clock.now, name: "Другая школа", students: ["Чужой Ученик"] });
    await expect(setStudentLeft(deps(), { actor: admin, studentId: other.studentIds[0]!, left: true })).rejects.toMatchObject({
      code: "notFound",
    });
    expect(await db.prisma.student.findUniqueOrThrow({ where: { id: other.studentIds[0] } })).toMatchObject({ leftOn: null });
    expect(await db.prisma.student.findUniqueOrThrow({ where: { id: world.studentIds[STAYING] } })).toMatchObject({ leftOn: null });
  });
});

describe("the retention sweep and leavers", () => {
  it("keeps a leaver's data to the end of the school year, then erases the student with their closed cases", async () => {
    clock.set("2026-08-31");
    expect(await sweep()).toEqual({ erased: 0, students: 0 });
    clock.set("2026-09-01");
    expect(await sweep()).toEqual({ erased: 1, students: 1 });
    expect(await db.prisma.student.count({ where: { id: world.studentIds[LEAVER] } })).toBe(0);
    expect(await db.prisma.case.count({ where: { id: ids.leaverClosed } })).toBe(0);
    expect(await db.prisma.caseEvent.count({ where: { caseId: ids.leaverClosed } })).toBe(0);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "student.erasedByRetention" } });
    expect(audit).toMatchObject({ subject: `student:${world.studentIds[LEAVER]}`, actorId: null });
    expect(audit.detail).toBe(JSON.stringify({ leftOn: "2026-03-10", cases: String(ids.leaverClosed) }));
  });

  it("keeps a leaver whose case is still open, and a student at school whose case closed recently", async () => {
    expect(
      await db.prisma.student.count({ where: { id: { in: [world.studentIds[LEAVER_WITH_OPEN_CASE]!, world.studentIds[STAYING]!] } } }),
    ).toBe(2);
    expect(await db.prisma.case.count({ where: { id: { in: [ids.leaverOpen, ids.stayingClosed] } } })).toBe(2);
    expect(await sweep()).toEqual({ erased: 0, students: 0 });
  });

  it("erases the other leaver once their last case is closed", async () => {
    await closeCase(deps(), { actor: world.teacher, caseId: String(ids.leaverOpen), reason: "resolved", on: "2026-09-01" } as never);
    expect(await sweep()).toEqual({ erased: 1, students: 1 });
    expect(await db.prisma.student.count({ where: { id: world.studentIds[LEAVER_WITH_OPEN_CASE] } })).toBe(0);
    expect(await db.prisma.student.count({ where: { id: world.studentIds[STAYING] } })).toBe(1);
  });

  it("forgets the leaving when the administrator returns the student", async () => {
    const returned = await setStudentLeft(deps(), { actor: admin, studentId: world.studentIds[STAYING]!, left: true });
    expect(returned.leftOn).toBe("2026-09-01");
    expect(await setStudentLeft(deps(), { actor: admin, studentId: world.studentIds[STAYING]!, left: false })).toEqual({
      studentId: world.studentIds[STAYING],
      fullName: "Орлов Глеб Ильич",
      openCases: 0,
    });
    clock.set("2027-09-01");
    expect(await sweep()).toEqual({ erased: 0, students: 0 });
    expect(await db.prisma.student.count({ where: { id: world.studentIds[STAYING] } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "student.returned" } })).toBe(1);
  });
});
