import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../src/app/cases/open-case.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import type { PlannedNotification } from "../../src/domain/reminders/notification.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { caseDeps, movableClock, productionYears, regulations, seedReminderSchool } from "../support/reminder-fixtures.js";

/*
 * A case carries its student's full name and its class's label for the planner (decision 026). The
 * database keeps those copies with triggers, on both databases: these fail when a migration that
 * rebuilds "Case", "Student" or "SchoolClass" (SQLite's way of altering a table) drops them.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const nameOf = async (caseId: number) => (await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).studentName;
const labelOf = async (caseId: number) => (await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).classLabel;

describe("a case's copies of its student's name and class label", () => {
  it("are set when the case is opened, follow the student and the class, and cannot be written apart from them", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await seedReminderSchool(db.prisma, "Школа «Имя»");
    const opened = await openCase(caseDeps(db.prisma, clock.now), {
      actor: school.teacher,
      regulationId: "absence-criterion-22",
      studentId: school.studentId,
    });
    const caseId = Number(opened.state.id);
    expect([await nameOf(caseId), await labelOf(caseId)]).toEqual(["Иванов Пётр", "7Б"]);

    await db.prisma.student.update({ where: { id: school.studentId }, data: { fullName: "Иванов-Петров Пётр" } });
    // The year's promotion renames the class.
    await db.prisma.schoolClass.update({ where: { id: school.classId }, data: { label: "8Б" } });
    expect([await nameOf(caseId), await labelOf(caseId)]).toEqual(["Иванов-Петров Пётр", "8Б"]);

    await db.prisma.case.update({ where: { id: caseId }, data: { studentName: "Кто-то Другой", classLabel: "1А" } });
    expect([await nameOf(caseId), await labelOf(caseId)]).toEqual(["Иванов-Петров Пётр", "8Б"]);

    // Other changes of the case leave them as they are.
    await db.prisma.case.update({ where: { id: caseId }, data: { revision: { increment: 1 } } });
    expect([await nameOf(caseId), await labelOf(caseId)]).toEqual(["Иванов-Петров Пётр", "8Б"]);

    // The planner names the student from it.
    clock.set("2025-11-13T10:00:00+03:00");
    const planned: PlannedNotification[] = [];
    await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now }, { into: planned });
    const subjects = planned.filter((row) => row.caseId === caseId).map((row) => JSON.stringify(row.payload));
    expect(subjects.length).toBeGreaterThan(0);
    expect(subjects.every((text) => text.includes('"name":"Иванов-Петров П.","classLabel":"8Б"'))).toBe(true);
  });

  it("are empty for a case about no student and no class", async () => {
    const school = await seedReminderSchool(db.prisma, "Школа «Без ученика»");
    const row = await db.prisma.case.create({
      data: {
        schoolId: school.schoolId,
        regulationId: "absence-criterion-22",
        regulationVersion: 1,
        teacherId: school.teacher.memberId,
        openedOn: "2025-11-10",
      },
    });
    expect([await nameOf(row.id), await labelOf(row.id)]).toEqual([null, null]);
  });
});
