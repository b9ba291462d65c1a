import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { planReminders } from "../../../src/app/reminders/plan-reminders.js";
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

/*
 * Step 3 when the family centre is slow, with the real planner and sender: the window of step 3
 * runs from 13.11 to 17.11.2025 (school days 3–5 after the notice of Monday 10.11). «статуса ещё
 * нет» answered on a school day after that is not the teacher's lateness: no escalation, the
 * digest asks the question again the next school day, and the deputy is told once. When the
 * teacher stops answering, the usual ladder resumes.
 */

let db: TestDatabase;
let school: ReminderSchool;
let caseId: string;
const clock = movableClock("2025-11-10T09:00:00+03:00");
const deps = () => caseDeps(db.prisma, clock.now);

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  caseId = (await openCase(deps(), { actor: school.teacher, regulationId: "absence-criterion-22", studentId: school.studentId })).state.id;
  await completeStep(deps(), { actor: school.teacher, caseId, stepId: "informDeputy", form: "phone" });
});
afterAll(async () => {
  await db.destroy();
});

async function planAt(iso: string) {
  clock.set(iso);
  return planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });
}

async function noStatusYet(iso: string) {
  clock.set(iso);
  await completeStep(deps(), { actor: school.teacher, caseId, stepId: "trackStatus", answer: "noStatusYet" });
}

/** Rows about step 3, as "<who>:<kind>:<date>", oldest first. */
async function stepThreeRows(): Promise<string[]> {
  const rows = await db.prisma.notification.findMany({ where: { key: { contains: ":trackStatus:" } }, orderBy: { id: "asc" } });
  const who = (userId: number) => (userId === school.teacher.userId ? "teacher" : userId === school.deputy.userId ? "deputy" : "director");
  return rows.map((r) => `${who(r.userId)}:${r.kind}:${r.key.slice(-10)}`);
}

async function delivered(chatId: number): Promise<string[]> {
  const { sender, telegram } = testSender(db.prisma, clock.now);
  await sender.drain();
  return telegram.messagesTo(chatId).map((c) => String(c.payload.text));
}

describe("step 3 waiting on the family centre", () => {
  it("on the deadline the teacher answers «статуса ещё нет»: nothing more for them today, and the deputy is told once", async () => {
    await planAt("2025-11-17T09:00:00+03:00");
    expect(await stepThreeRows()).toEqual(["teacher:dueToday:2025-11-17"]);
    await delivered(school.teacher.chatId);

    await noStatusYet("2025-11-17T10:00:00+03:00");
    await planAt("2025-11-17T10:05:00+03:00");
    await planAt("2025-11-17T15:00:00+03:00");
    expect(await stepThreeRows()).toEqual(["teacher:dueToday:2025-11-17", "deputy:notice:2025-11-17"]);

    const told = await delivered(school.deputy.chatId);
    expect(told).toEqual([
      [
        "⏳ Иванов П., 7Б: шаг 3 «Статус семейного неблагополучия» — ответа всё ещё нет",
        "Ответ классного руководителя: «статуса ещё нет», 17.11 (пн)",
        "Срок по регламенту: 17.11 (пн)",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Уведомление: 10.11 (пн), с тех пор — 5 учебных дней",
        "Классный руководитель: Петрова Анна Сергеевна",
        "Это не просрочка учителя: бот спрашивает каждый учебный день, пока ответа нет.",
      ].join("\n"),
    ]);
    const notice = await db.prisma.notification.findFirstOrThrow({ where: { kind: "notice", userId: school.deputy.userId } });
    expect(JSON.parse(notice.payload).buttons).toEqual([[{ label: { key: "outcome.open" }, data: `rm:o:${caseId}` }]]);
  });

  it("the next school days the digest asks again; while the teacher answers, no escalation and no second notice", async () => {
    const digests: string[] = [];
    for (const day of ["2025-11-18", "2025-11-19", "2025-11-20"]) {
      await planAt(`${day}T09:00:00+03:00`);
      digests.push(...(await delivered(school.teacher.chatId)));
      await noStatusYet(`${day}T11:00:00+03:00`);
      await planAt(`${day}T11:05:00+03:00`);
    }
    expect(await stepThreeRows()).toEqual([
      "teacher:dueToday:2025-11-17",
      "deputy:notice:2025-11-17",
      "teacher:dueToday:2025-11-18",
      "teacher:dueToday:2025-11-19",
      "teacher:dueToday:2025-11-20",
    ]);
    expect(digests).toHaveLength(3);
    for (const digest of digests) {
      expect(digest).toContain("Шаг 3 — ответа ещё не было, спрашиваю снова: «Какой статус в «Классном помощнике»?»");
    }
    expect(await delivered(school.deputy.chatId)).toEqual([]);
  });

  it("when the teacher stops answering, the step is late again and the deputy hears of it by the usual ladder", async () => {
    // Last answer on Thursday 20.11: due Friday 21.11; overdue on Monday 24.11, escalated on Tuesday 25.11.
    await planAt("2025-11-21T09:00:00+03:00");
    await planAt("2025-11-24T09:00:00+03:00");
    await planAt("2025-11-25T09:00:00+03:00");
    expect((await stepThreeRows()).slice(5)).toEqual([
      "teacher:dueToday:2025-11-21",
      "teacher:overdue:2025-11-24",
      "teacher:overdue:2025-11-25",
      "deputy:escalationDeputy:2025-11-25",
      "teacher:toldDeputy:2025-11-25",
    ]);
  });
});
