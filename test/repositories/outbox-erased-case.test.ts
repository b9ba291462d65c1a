import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseStudent } from "../../src/app/admin/erase-student.js";
import { openCase } from "../../src/app/cases/open-case.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { purgeOutbox } from "../../src/app/reminders/purge-outbox.js";
import type { PlannedNotification } from "../../src/domain/reminders/notification.js";
import { createOutboxRepository } from "../../src/repositories/outbox-repository.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import {
  addPerson,
  caseDeps,
  movableClock,
  productionYears,
  regulations,
  seedReminderSchool,
  testSender,
} from "../support/reminder-fixtures.js";

/*
 * A notification names its case without a foreign key (decision 025): erasing the case erases its
 * rows by a trigger, and a row a planner wrote for a case erased meanwhile is never sent.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** A school with two students, each with an absence case opened on Monday, and an admin. */
async function twoCases(name: string) {
  const clock = movableClock("2025-11-10T09:00:00+03:00");
  const school = await seedReminderSchool(db.prisma, name);
  const other = await createSchoolRepository(db.prisma).addStudent(school.schoolId, school.classId, "Орлова Вера");
  const admin = await addPerson(db.prisma, school.schoolId, "Админова Анна", ["admin"]);
  const ids: number[] = [];
  for (const studentId of [school.studentId, other]) {
    const opened = await openCase(caseDeps(db.prisma, clock.now), {
      actor: school.teacher,
      regulationId: "absence-criterion-22",
      studentId,
    });
    ids.push(Number(opened.state.id));
  }
  // Three school days later the teacher's steps are due: the planner has something to say about both.
  clock.set("2025-11-13T10:00:00+03:00");
  return { clock, school, admin, erased: ids[0]!, kept: ids[1]! };
}

const rowsOf = (caseId: number) => db.prisma.notification.count({ where: { caseId } });

describe("an erased case's outbox rows", () => {
  it("go with the case when its student is erased; the other case's rows stay", async () => {
    const { clock, school, admin, erased, kept } = await twoCases("Школа «Стёртый случай»");
    await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });
    expect(await rowsOf(erased)).toBeGreaterThan(0);
    const keptRows = await rowsOf(kept);
    expect(keptRows).toBeGreaterThan(0);

    expect(await eraseStudent({ db: db.prisma, now: clock.now }, { actor: admin, studentId: school.studentId })).toEqual({
      erasedCases: 1,
    });
    expect(await rowsOf(erased)).toBe(0);
    expect(await rowsOf(kept)).toBe(keptRows);
  });

  it("written by a planner after the erasure, are never sent, and the purge takes them", async () => {
    const { clock, school, admin, erased, kept } = await twoCases("Школа «Гонка»");
    // The planner read both cases, then the student was erased before it wrote its rows.
    const planned: PlannedNotification[] = [];
    await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now }, { into: planned });
    await eraseStudent({ db: db.prisma, now: clock.now }, { actor: admin, studentId: school.studentId });
    await createOutboxRepository(db.prisma).ensure(planned, { at: clock.now() });
    const orphans = await rowsOf(erased);
    expect(orphans).toBeGreaterThan(0);

    const { sender, telegram } = testSender(db.prisma, clock.now);
    await sender.drain();
    const texts = telegram.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    // The other student's reminders went out; nothing names the erased one.
    expect(texts.some((t) => t.includes("Орлова"))).toBe(true);
    expect(texts.filter((t) => t.includes("Иванов"))).toEqual([]);
    expect(await db.prisma.notification.count({ where: { caseId: erased, status: "pending" } })).toBe(orphans);

    const before = await db.prisma.notification.count({ where: { caseId: kept } });
    const { deleted } = await purgeOutbox({ db: db.prisma, now: clock.now }, { before: new Date("2025-01-01T00:00:00Z") });
    expect(deleted).toBe(orphans);
    expect(await rowsOf(erased)).toBe(0);
    expect(await db.prisma.notification.count({ where: { caseId: kept } })).toBe(before);
  });
});
