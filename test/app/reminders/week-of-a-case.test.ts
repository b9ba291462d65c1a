import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { planReminders } from "../../../src/app/reminders/plan-reminders.js";
import { localClock } from "../../../src/domain/reminders/local-time.js";
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
 * An absence case (criterion No. 22) opened on Friday 31.10.2025 in a Moscow school with a 5-day
 * week. The 2025 decree makes Saturday 01.11 a working day and 03–04.11 days off, so the case
 * crosses a working Saturday, a weekend and a holiday. The planner and the sender run through
 * the simulated days; the test lists every message that went out, at its local time.
 */

const HOUR = 3_600_000;
let db: TestDatabase;
let school: ReminderSchool;

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  // The director step is the school's choice (off by default); this school turned it on.
  await db.prisma.school.update({ where: { id: school.schoolId }, data: { escalateToDirector: true } });
});
afterAll(async () => {
  await db.destroy();
});

describe("a week of an absence case", () => {
  // ~200 simulated hours, each a planner and a sender pass: seconds of database work, more on a
  // loaded machine with PostgreSQL, hence a timeout of its own.
  it("sends exactly the expected reminders and escalations at the expected local times", { timeout: 60_000 }, async () => {
    const clock = movableClock("2025-10-31T09:30:00+03:00");
    const deps = caseDeps(db.prisma, clock.now);
    const { teacher, deputy, director } = school;
    const opened = await openCase(deps, { actor: teacher, regulationId: "absence-criterion-22", studentId: school.studentId });
    const caseId = opened.state.id;
    const { sender, telegram } = testSender(db.prisma, clock.now);
    const names = new Map([teacher, deputy, director].map((p) => [p.userId, p.fullName.split(" ")[0]]));

    const teacherActs: Record<string, () => Promise<unknown>> = {
      // Monday: the deputy is finally informed and the centre's status is recorded.
      "2025-11-10T12:00": async () => {
        await completeStep(deps, { actor: teacher, caseId, stepId: "informDeputy", form: "phone" });
        await completeStep(deps, { actor: teacher, caseId, stepId: "trackStatus", form: "aisHelper", answer: "notConfirmed" });
      },
    };

    const sent: string[] = [];
    const texts = new Map<string, Record<string, any>>();
    for (let at = new Date("2025-10-31T10:00:00+03:00"); at <= new Date("2025-11-11T12:00:00+03:00"); at = new Date(at.getTime() + HOUR)) {
      clock.set(at);
      const local = localClock(at, "Europe/Moscow");
      // Hourly through the working day and into the evening; at night only at midnight and 06:00.
      if (local.hour !== 0 && local.hour !== 6 && (local.hour < 7 || local.hour > 20)) continue;
      const stamp = `${local.date}T${String(local.hour).padStart(2, "0")}:00`;
      await teacherActs[stamp]?.();
      await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });
      telegram.clear();
      await sender.drain();
      const rows = await db.prisma.notification.findMany({ where: { sentAt: at }, orderBy: { id: "asc" } });
      const messages = new Map<bigint, typeof rows>();
      for (const row of rows) messages.set(row.messageId!, [...(messages.get(row.messageId!) ?? []), row]);
      expect(telegram.calls.filter((c) => c.method === "sendMessage")).toHaveLength(messages.size);
      for (const call of telegram.calls) texts.set(`${stamp} ${call.payload.chat_id}`, call.payload);
      for (const group of messages.values())
        sent.push(
          `${stamp} ${names.get(group[0]!.userId)}: ${group
            .map((r) => `${r.key.split(":")[2]} ${r.kind}`)
            .sort()
            .join(", ")}`,
        );
    }

    expect(sent.sort()).toEqual([
      // Friday: opened at 09:30; informing the deputy is due the same day.
      "2025-10-31T10:00 Петрова: informDeputy dueToday",
      // Saturday 01.11 is a working day in 2025; then 02–04.11 are days off: nothing.
      "2025-11-01T08:00 Петрова: informDeputy overdue",
      // More than one school day late: the deputy hears of it (planned at midnight, sent at 08:00).
      "2025-11-05T08:00 Петрова: informDeputy overdue, informDeputy toldDeputy",
      "2025-11-05T08:00 Сидоров: informDeputy escalationDeputy",
      // School day 3 after opening: the window for the centre's status opens.
      "2025-11-06T08:00 Петрова: informDeputy overdue, trackStatus windowOpens",
      // Its deadline, school day 5, is Monday: the next school day.
      "2025-11-07T08:00 Петрова: informDeputy overdue, trackStatus dueSoon",
      // Three more school days late: the director hears of it, once.
      "2025-11-10T08:00 Кузнецова: informDeputy escalationDirector",
      "2025-11-10T08:00 Петрова: informDeputy overdue, informDeputy toldDirector, trackStatus dueToday",
      // Both done on Monday at noon: the deputy is told each outcome at once (keys carry the case's revision:
      // step 1 was done on opening, revision 0, so steps 2 and 3 are revisions 1 and 2).
      "2025-11-10T12:00 Сидоров: 1 notice",
      "2025-11-10T12:00 Сидоров: 2 notice",
      // The meeting with the parents is due in 2 school days (Wednesday).
      "2025-11-11T08:00 Петрова: meetParents dueSoon",
    ]);

    // The digest starts with the task; the student appears further down as surname, initial and class,
    // with the step's title.
    const friday = texts.get(`2025-11-07T08:00 ${teacher.chatId}`)!;
    expect(friday.text.split("\n").slice(0, 5)).toEqual([
      "На сегодня, 07.11 (пт): 2 задачи",
      "",
      "1. Шаг 2 — просрочен, срок был 31.10 (пт)",
      "   Иванов П., 7Б — Сообщить заместителю",
      "2. Шаг 3 — срок 10.11 (пн)",
    ]);
    expect(friday.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual([
      "1. Открыть",
      "1. Напомнить завтра",
      "2. Открыть",
      "2. Напомнить завтра",
    ]);
    // The school day before step 4's deadline names it with its date: the first time it is mentioned.
    const tuesday = texts.get(`2025-11-11T08:00 ${teacher.chatId}`)!;
    expect(tuesday.text.split("\n").slice(0, 3)).toEqual(["На сегодня, 11.11 (вт): 1 задача", "", "1. Шаг 4 — срок 12.11 (ср)"]);
    const escalation = texts.get(`2025-11-05T08:00 ${deputy.chatId}`)!;
    expect(escalation.text).toMatch(
      /^Просрочены шаги по случаям учителей: 1\n\n1\. Шаг 2 «Сообщить заместителю» — просрочен на 2 учебных дня, срок был 31\.10 \(пт\)\n {3}Иванов П\., 7Б · учитель Петрова Анна Сергеевна\n {3}Регламент: Пропуски более 10 учебных дней \(критерий №22\)\n/,
    );
  });
});
