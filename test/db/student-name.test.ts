import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../src/app/cases/open-case.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import type { PlannedNotification } from "../../src/domain/reminders/notification.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { caseDeps, movableClock, productionYears, regulations, seedReminderSchool } from "../support/reminder-fixtures.js";

/*
 * A case carries its student's full name for the planner (decision 026). The database keeps that
 * copy with triggers, on both databases: these fail when a migration that rebuilds "Case" or
 * "Student" (SQLite's way of altering a table) drops them.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const nameOf = async (caseId: number) => (await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).studentName;

describe("a case's copy of its student's name", () => {
  it("is set when the case is opened, follows the student's name, and cannot be written apart from it", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await seedReminderSchool(db.prisma, "Школа «Имя»");
    const opened = await openCase(caseDeps(db.prisma, clock.now), {
      actor: school.teacher,
      regulationId: "absence-criterion-22",
      studentId: school.studentId,
    });
    const caseId = Number(opened.state.id);
    expect(await nameOf(caseId)).toBe("Иванов Пётр");

    await db.prisma.student.update({ where: { id: school.studentId }, data: { fullName: "Иванов-Петров Пётр" } });
    expect(await nameOf(caseId)).toBe("Иванов-Петров Пётр");

    await db.prisma.case.update({ where: { id: caseId }, data: { studentName: "Кто-то Другой" } });
    expect(await nameOf(caseId)).toBe("Иванов-Петров Пётр");

    // Other changes of the case leave it as it is.
    await db.prisma.case.update({ where: { id: caseId }, data: { revision: { increment: 1 } } });
    expect(await nameOf(caseId)).toBe("Иванов-Петров Пётр");

    // The planner names the student from it.
    clock.set("2025-11-13T10:00:00+03:00");
    const planned: PlannedNotification[] = [];
    await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now }, { into: planned });
    const subjects = planned.filter((row) => row.caseId === caseId).map((row) => JSON.stringify(row.payload));
    expect(subjects.length).toBeGreaterThan(0);
    expect(subjects.every((text) => text.includes("Иванов-Петров П."))).toBe(true);
  });

  it("is empty for a case about no student", async () => {
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
    expect(row.studentName ?? (await nameOf(row.id))).toBeNull();
  });
});
