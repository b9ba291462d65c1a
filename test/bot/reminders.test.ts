import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { openCase } from "../../src/app/cases/open-case.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import {
  addPerson,
  caseDeps,
  movableClock,
  productionYears,
  regulations,
  seedReminderSchool,
  silentLogger,
  type ReminderSchool,
} from "../support/reminder-fixtures.js";

let db: TestDatabase;
let school: ReminderSchool;
let h: Harness;
let caseId: string;
const clock = movableClock("2025-11-10T09:00:00+03:00");

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  h = createHarness({ db: db.prisma, now: clock.now });
  const deps = caseDeps(db.prisma, clock.now);
  const opened = await openCase(deps, {
    actor: school.teacher,
    regulationId: "absence-criterion-22",
    studentId: school.studentId,
    openedOn: "2025-11-05",
  });
  caseId = opened.state.id;
});
afterAll(async () => {
  await db.destroy();
});

/** One planner run and a drained outbox, written through the bot's own API (the harness's fake Telegram). */
async function remindAt(iso: string) {
  clock.set(iso);
  await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });
  const sender = createOutboxSender(
    { db: db.prisma, api: h.bot.api, i18n: h.deps.i18n, regulations, productionYears, logger: silentLogger, now: clock.now },
    { ratePerSecond: 1000, perChatIntervalMs: 0 },
  );
  await sender.drain();
}

const chatOf = (person: { telegramId: number; fullName: string }) =>
  h.user({ id: person.telegramId, first_name: person.fullName.split(" ")[1]! });

describe("the buttons of a digest", () => {
  it("open the case card from the digest", async () => {
    // Opened 05.11: step 2 was due that day; by Monday 10.11 it is overdue (and escalated).
    await remindAt("2025-11-10T08:00:00+03:00");
    const teacher = chatOf(school.teacher);
    expect(teacher.lastText()).toMatch(/^На сегодня, 10\.11 \(пн\): \d+ задач/);
    const calls = await teacher.press("1. Открыть");
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    const card = calls.find((c) => c.method === "sendMessage");
    expect(card?.payload.text).toContain("Иванов");
    expect(card?.payload.text).not.toBe(h.deps.i18n.t("ru")("common.notAllowed"));
  });

  it("«Напомнить завтра» stores a snooze until the next school day and says so", async () => {
    const teacher = chatOf(school.teacher);
    const calls = await teacher.press("1. Напомнить завтра");
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Хорошо, напомню 11.11 (вт).");
    expect(await db.prisma.snooze.findMany({ select: { userId: true, caseId: true, stepId: true, until: true } })).toEqual([
      { userId: school.teacher.userId, caseId: Number(caseId), stepId: "informDeputy", until: "2025-11-11" },
    ]);
  });

  it("refuse someone who may not see the case, and a forged button, without storing anything", async () => {
    const other = await addPerson(db.prisma, school.schoolId, "Орлова Нина Павловна", ["teacher"]);
    const stranger = chatOf(other);
    const calls = await stranger.pressData(`rm:z:${caseId}:1`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Это действие вам недоступно.");
    const forged = await stranger.pressData("rm:z:999999:1");
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Этот случай уже недоступен.");
    const opened = await stranger.pressData(`rm:o:${caseId}`);
    expect(opened.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).not.toContainEqual(
      expect.stringContaining("Иванов"),
    );
    expect(await db.prisma.snooze.count({ where: { userId: other.userId } })).toBe(0);
  });

  it("lets the deputy open the case from an escalation", async () => {
    const deputy = chatOf(school.deputy);
    expect(deputy.lastText()).toMatch(/^Просрочены шаги по случаям учителей: 1\n/);
    const calls = await deputy.press("1. Открыть случай");
    expect(calls.find((c) => c.method === "sendMessage")?.payload.text).toContain("Иванов");
  });
});

describe("/start", () => {
  it("makes a person Telegram had refused reachable again", async () => {
    await db.prisma.user.update({ where: { id: school.teacher.userId }, data: { reachable: false } });
    await chatOf(school.teacher).send("/start");
    expect(await db.prisma.user.findUnique({ where: { id: school.teacher.userId }, select: { reachable: true } })).toEqual({
      reachable: true,
    });
  });
});
