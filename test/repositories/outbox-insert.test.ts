import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../src/app/cases/open-case.js";
import type { PlannedNotification } from "../../src/domain/reminders/notification.js";
import { createOutboxRepository } from "../../src/repositories/outbox-repository.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { caseDeps, movableClock, seedReminderSchool } from "../support/reminder-fixtures.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** Names and notes as people type them: everything an array literal or a JSON text must carry through. */
const AWKWARD = [
  'Д\'Артаньян "Мушкетёр", {Гасконь}',
  "C:\\Users\\школа\\n — не перевод строки",
  "строка\nвторая\tс табуляцией",
  "NULL",
  "",
  "эмодзи 🙂 и ё",
  "одинокий \ud800 суррогат",
  "нуль \u0000 внутри",
  "разделитель \u001f внутри",
];

describe("the outbox's insert", () => {
  it("stores every row as planned, whatever its texts hold, and a second call adds nothing", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await seedReminderSchool(db.prisma, "Школа «Кавычки»");
    const opened = await openCase(caseDeps(db.prisma, clock.now), {
      actor: school.teacher,
      regulationId: "absence-criterion-22",
      studentId: school.studentId,
    });
    const caseId = Number(opened.state.id);
    const rows = AWKWARD.map(
      (text, i): PlannedNotification => ({
        key: `${school.teacher.userId}:${caseId}:шаг "${i}", {\\}:overdue:2025-11-10`,
        schoolId: school.schoolId,
        userId: school.teacher.userId,
        ...(i % 2 === 0 ? { caseId } : {}),
        kind: i % 3 === 0 ? "dueToday" : "overdue",
        urgent: i === 1,
        notBefore: new Date(Date.UTC(2025, 10, 10, 5, i, 0, 123)),
        payload: {
          caseId,
          regulationId: "absence-criterion-22",
          regulationVersion: 1,
          stepId: "informDeputy",
          stepNumber: "2",
          subject: { name: text, classLabel: "7Б" },
          date: "2025-11-10",
          teacherName: text,
        },
      }),
    );

    const outbox = createOutboxRepository(db.prisma);
    expect(await outbox.ensure(rows, { at: clock.now() })).toBe(rows.length);
    expect(await createOutboxRepository(db.prisma).ensure(rows, { at: clock.now() })).toBe(0);

    const stored = await db.prisma.notification.findMany({ where: { schoolId: school.schoolId }, orderBy: { id: "asc" } });
    expect(
      stored.map((n) => ({
        key: n.key,
        caseId: n.caseId,
        kind: n.kind,
        urgent: n.urgent,
        notBefore: n.notBefore.toISOString(),
        payload: JSON.parse(n.payload),
      })),
    ).toEqual(
      rows.map((row) => ({
        key: row.key,
        caseId: row.caseId ?? null,
        kind: row.kind,
        urgent: row.urgent,
        notBefore: row.notBefore.toISOString(),
        // A lone surrogate cannot be stored: JSON.stringify writes it as an escape, read back as itself.
        payload: JSON.parse(JSON.stringify(row.payload)),
      })),
    );
    expect(stored.map((n) => n.payload)).toEqual(rows.map((row) => JSON.stringify(row.payload)));
  });
});
