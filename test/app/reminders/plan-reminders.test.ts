import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../../src/app/cases/open-case.js";
import { planReminders, schoolPages } from "../../../src/app/reminders/plan-reminders.js";
import { createOutboxRepository } from "../../../src/repositories/outbox-repository.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import {
  caseDeps,
  movableClock,
  productionYears,
  regulations,
  seedReminderSchool,
  testSender,
  type ReminderSchool,
} from "../../support/reminder-fixtures.js";

let db: TestDatabase;
let school: ReminderSchool;
const clock = movableClock("2025-11-10T09:00:00+03:00");

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  const deps = caseDeps(db.prisma, clock.now);
  const schools = createSchoolRepository(db.prisma);
  // Three students of the same teacher, each with an absence case opened today (step 1 done on opening).
  for (const name of ["Иванов Пётр", "Смирнова Ольга", "Ким Артём"]) {
    const studentId = name === "Иванов Пётр" ? school.studentId : await schools.addStudent(school.schoolId, school.classId, name);
    await openCase(deps, { actor: school.teacher, regulationId: "absence-criterion-22", studentId });
  }
});
afterAll(async () => {
  await db.destroy();
});

const planAt = (iso: string, client = db.prisma, batchSize = 1000) => {
  clock.set(iso);
  return planReminders({ db: client, regulations, productionYears, now: clock.now }, { batchSize });
};

describe("the planner", () => {
  it("adds nothing when it runs twice", async () => {
    const first = await planAt("2025-11-10T10:00:00+03:00");
    expect(first).toMatchObject({ cases: 3, inserted: 3 });
    const count = await db.prisma.notification.count();
    expect(await planAt("2025-11-10T10:05:00+03:00")).toMatchObject({ cases: 3, planned: 3, inserted: 0 });
    expect(await db.prisma.notification.count()).toBe(count);
  });

  it("adds each row once when two processes plan at the same moment", async () => {
    const other = await db.reopen();
    try {
      clock.set("2025-11-11T08:00:00+03:00");
      const deps = (client: typeof db.prisma) => ({ db: client, regulations, productionYears, now: clock.now });
      const runs = await Promise.all([
        planReminders(deps(db.prisma), { batchSize: 1 }),
        planReminders(deps(other.prisma), { batchSize: 1 }),
      ]);
      // Tuesday: step 2 overdue for each of the three cases.
      expect(runs.map((r) => r.planned)).toEqual([3, 3]);
      expect(runs[0]!.inserted + runs[1]!.inserted).toBe(3);
      const rows = await db.prisma.notification.findMany({ where: { key: { endsWith: ":2025-11-11" } } });
      expect(rows.map((r) => r.key).sort()).toEqual(
        rows
          .map((r) => r.key)
          .sort()
          .filter((k, i, all) => all.indexOf(k) === i),
      );
      expect(rows).toHaveLength(3);
    } finally {
      await other.close();
    }
  });

  it("hands the whole run to the sender at the end: one digest per teacher although the cases lay on different pages", async () => {
    await planAt("2025-11-12T08:00:00+03:00", db.prisma, 1);
    const held = await db.prisma.notification.count({ where: { status: "pending", leaseUntil: { not: null } } });
    expect(held).toBe(0);
    const { sender, telegram } = testSender(db.prisma, clock.now);
    await sender.drain();
    const toTeacher = telegram.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === school.teacher.chatId);
    // The three cases' overdue step 2 (each also told to the deputy today) in one message.
    expect(toTeacher).toHaveLength(1);
    expect(toTeacher[0]!.payload.text).toMatch(/^На сегодня, 12\.11 \(ср\): 6 задач\n/);
    expect(telegram.calls.filter((c) => c.payload.chat_id === school.deputy.chatId)).toHaveLength(1);
  });

  it("cuts its pages at schools, never inside one, each school's cases in id order", () => {
    const due = [
      { id: 9, schoolId: 2 },
      { id: 1, schoolId: 1 },
      { id: 4, schoolId: 2 },
      { id: 2, schoolId: 1 },
      { id: 7, schoolId: 3 },
      { id: 3, schoolId: 1 },
    ];
    expect(schoolPages(due, 1)).toEqual([[1, 2, 3], [4, 9], [7]]);
    expect(schoolPages(due, 4)).toEqual([[1, 2, 3, 4, 9], [7]]);
    expect(schoolPages(due, 100)).toEqual([[1, 2, 3, 4, 9, 7]]);
    expect(schoolPages([], 10)).toEqual([]);
  });
});
