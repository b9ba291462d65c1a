import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../../src/app/cases/open-case.js";
import { planReminders } from "../../../src/app/reminders/plan-reminders.js";
import type { PlannedNotification } from "../../../src/domain/reminders/notification.js";
import { createOutboxRepository } from "../../../src/repositories/outbox-repository.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createUserRepository } from "../../../src/repositories/user-repository.js";
import { FakeTelegram, type Responder } from "../../support/fake-telegram.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import {
  addPerson,
  caseDeps,
  movableClock,
  productionYears,
  regulations,
  seedReminderSchool,
  testSender,
  type ReminderSchool,
} from "../../support/reminder-fixtures.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** A school whose teacher has `count` absence cases opened at the clock's time, step 1 done on opening. */
async function schoolWithCases(name: string, count: number, clock: ReturnType<typeof movableClock>): Promise<ReminderSchool> {
  const school = await seedReminderSchool(db.prisma, name);
  const deps = caseDeps(db.prisma, clock.now);
  const schools = createSchoolRepository(db.prisma);
  for (let i = 0; i < count; i++) {
    const studentId = i === 0 ? school.studentId : await schools.addStudent(school.schoolId, school.classId, `Ученик${i} Тест`);
    await openCase(deps, { actor: school.teacher, regulationId: "absence-criterion-22", studentId });
  }
  return school;
}

const plan = (clock: ReturnType<typeof movableClock>) => planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });

/** Answers like Telegram, except for `refuse(chatId)` answers. */
function answering(refuse: (payload: Record<string, any>) => ReturnType<Responder> | undefined): Responder {
  let id = 50_000;
  return (payload) =>
    refuse(payload) ?? {
      ok: true,
      result: { message_id: id++, date: 0, chat: { id: Number(payload.chat_id), type: "private" }, text: payload.text },
    };
}

const sentTo = (telegram: FakeTelegram, chatId: number) =>
  telegram.calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chatId);

describe("the sender", () => {
  it("marks a blocked teacher unreachable, stops trying, and tells the deputy once", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await schoolWithCases("Школа 403", 2, clock);
    clock.set("2025-11-10T10:00:00+03:00");
    await plan(clock);
    // A second, urgent message for the same teacher: claimed first, on its own.
    await createOutboxRepository(db.prisma).ensure(
      [
        {
          key: "extra-403",
          schoolId: school.schoolId,
          userId: school.teacher.userId,
          kind: "emergency",
          urgent: true,
          notBefore: clock.now(),
          payload: {
            caseId: 1,
            regulationId: "interaction-1-emergency",
            regulationVersion: 1,
            stepId: "contactDirector",
            stepNumber: "1",
            subject: {},
            date: "2025-11-10",
          },
        },
      ],
      { at: clock.now() },
    );
    const telegram = new FakeTelegram();
    telegram.respond(
      "sendMessage",
      answering((p) =>
        Number(p.chat_id) === school.teacher.chatId
          ? { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }
          : undefined,
      ),
    );
    const { sender } = testSender(db.prisma, clock.now, { telegram });
    await sender.drain();

    // The urgent one bounces; the digest after it is not even tried.
    expect(sentTo(telegram, school.teacher.chatId)).toHaveLength(1);
    const toDeputy = sentTo(telegram, school.deputy.chatId);
    expect(toDeputy.map((c) => c.payload.text)).toEqual([
      "Учитель Петрова Анна Сергеевна не получает уведомления: Telegram не доставляет сообщения бота (бот заблокирован или не запущен). Попросите открыть бота и нажать /start.",
    ]);
    expect(await db.prisma.user.findUnique({ where: { id: school.teacher.userId }, select: { reachable: true } })).toEqual({
      reachable: false,
    });
    const teacherRows = await db.prisma.notification.findMany({ where: { userId: school.teacher.userId } });
    expect(teacherRows.map((r) => r.status)).toEqual(["unreachable", "unreachable", "unreachable"]);

    // The next day: nothing planned for the teacher, nothing tried, the deputy not told again.
    telegram.clear();
    clock.set("2025-11-11T08:00:00+03:00");
    await plan(clock);
    await sender.drain();
    expect(sentTo(telegram, school.teacher.chatId)).toEqual([]);
    expect(sentTo(telegram, school.deputy.chatId)).toEqual([]);

    // Pressing /start makes the teacher reachable again: the next run reminds them.
    await createUserRepository(db.prisma).ensure(school.teacher.telegramId, school.teacher.chatId, school.teacher.fullName);
    telegram.respond(
      "sendMessage",
      answering(() => undefined),
    );
    clock.set("2025-11-11T09:00:00+03:00");
    await plan(clock);
    await sender.drain();
    expect(sentTo(telegram, school.teacher.chatId).map((c) => c.payload.text.split("\n")[0])).toEqual(["На сегодня, 11.11 (вт): 2 задачи"]);
  });

  it("waits out Telegram's 429 for retry_after and then delivers", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await schoolWithCases("Школа 429", 1, clock);
    clock.set("2025-11-10T10:00:00+03:00");
    await plan(clock);
    const telegram = new FakeTelegram();
    const times: number[] = [];
    let first = true;
    telegram.respond(
      "sendMessage",
      answering(() => {
        times.push(performance.now());
        if (!first) return undefined;
        first = false;
        return { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
      }),
    );
    const { sender } = testSender(db.prisma, clock.now, { telegram });
    await sender.drain();
    expect(sentTo(telegram, school.teacher.chatId)).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(990);
    const rows = await db.prisma.notification.findMany({ where: { userId: school.teacher.userId } });
    expect(rows.map((r) => r.status)).toEqual(["sent"]);
  });

  it("gives a message back after repeated network failures and delivers it later: nothing is dropped", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await schoolWithCases("Школа 502", 1, clock);
    clock.set("2025-11-10T10:00:00+03:00");
    await plan(clock);
    const telegram = new FakeTelegram();
    telegram.respond(
      "sendMessage",
      answering(() => ({ ok: false, error_code: 502, description: "Bad Gateway" })),
    );
    const { sender } = testSender(db.prisma, clock.now, {
      telegram,
      retry: { maxAttempts: 3, backoffBaseMs: 1, backoffCapMs: 5, maxRetryAfterMs: 1000 },
    });
    await sender.drain();
    const [row] = await db.prisma.notification.findMany({ where: { userId: school.teacher.userId } });
    expect(row).toMatchObject({ status: "pending", lastError: "502: Bad Gateway", attempts: 1 });
    expect(row!.notBefore.getTime()).toBeGreaterThan(clock.now().getTime());

    telegram.respond(
      "sendMessage",
      answering(() => undefined),
    );
    clock.advance(60_000);
    await sender.drain();
    expect(await db.prisma.notification.findUnique({ where: { id: row!.id }, select: { status: true, attempts: true } })).toEqual({
      status: "sent",
      attempts: 2,
    });
  });

  it("splits a digest over 4096 characters, buttons under the last part", async () => {
    const clock = movableClock("2025-11-10T10:00:00+03:00");
    const school = await seedReminderSchool(db.prisma, "Школа длинная");
    // Items name the step by its title (about 65 characters each): 100 of them pass 4096.
    const items: PlannedNotification[] = Array.from({ length: 100 }, (_, i) => ({
      key: `long-${i}`,
      schoolId: school.schoolId,
      userId: school.teacher.userId,
      kind: "dueToday",
      urgent: false,
      notBefore: clock.now(),
      payload: {
        caseId: i + 1,
        regulationId: "absence-criterion-22",
        regulationVersion: 1,
        stepId: "informDeputy",
        stepNumber: "2",
        subject: { name: `Ученик${i} Т.`, classLabel: "7Б" },
        date: "2025-11-10",
        dueOn: "2025-11-10",
      },
    }));
    await createOutboxRepository(db.prisma).ensure(items, { at: clock.now() });
    const { sender, telegram } = testSender(db.prisma, clock.now);
    await sender.drain();
    const parts = sentTo(telegram, school.teacher.chatId);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.payload.text.length <= 4096)).toBe(true);
    expect(parts[0]!.payload.text).toMatch(/^На сегодня, 10\.11 \(пн\): 100 задач\n/);
    expect(parts.map((p) => p.payload.reply_markup !== undefined)).toEqual([...parts.slice(1).map(() => false), true]);
    expect(parts.at(-1)!.payload.reply_markup.inline_keyboard).toHaveLength(30);
    const rows = await db.prisma.notification.findMany({ where: { userId: school.teacher.userId } });
    expect(new Set(rows.map((r) => `${r.status}:${r.messageId}`)).size).toBe(1);
    expect(rows[0]!.status).toBe("sent");
  });

  it("drops a digest whose day is over instead of sending yesterday's news", async () => {
    const clock = movableClock("2025-11-10T09:00:00+03:00");
    const school = await schoolWithCases("Школа вечер", 1, clock);
    clock.set("2025-11-10T10:00:00+03:00");
    await plan(clock);
    clock.set("2025-11-10T19:30:00+03:00");
    const { sender, telegram } = testSender(db.prisma, clock.now);
    await sender.drain();
    expect(telegram.calls).toEqual([]);
    const rows = await db.prisma.notification.findMany({ where: { userId: school.teacher.userId } });
    expect(rows.map((r) => r.status)).toEqual(["expired"]);
  });

  it("follows a chat that migrated to a new id", async () => {
    const clock = movableClock("2025-11-10T10:00:00+03:00");
    const school = await seedReminderSchool(db.prisma, "Школа миграция");
    await createOutboxRepository(db.prisma).ensure([unreachableNotice(school, "migrate", clock.now())], { at: clock.now() });
    const telegram = new FakeTelegram();
    telegram.respond(
      "sendMessage",
      answering((p) =>
        Number(p.chat_id) === school.deputy.chatId
          ? {
              ok: false,
              error_code: 400,
              description: "Bad Request: group chat was upgraded to a supergroup chat",
              parameters: { migrate_to_chat_id: -1001234 },
            }
          : undefined,
      ),
    );
    const { sender } = testSender(db.prisma, clock.now, { telegram });
    await sender.drain();
    expect(telegram.calls.map((c) => Number(c.payload.chat_id))).toEqual([school.deputy.chatId, -1001234]);
    expect(await db.prisma.user.findUnique({ where: { id: school.deputy.userId }, select: { chatId: true } })).toEqual({
      chatId: -1001234n,
    });
  });

  it("sends each row once when two senders drain one outbox", async () => {
    const clock = movableClock("2025-11-10T10:00:00+03:00");
    const school = await seedReminderSchool(db.prisma, "Школа два отправителя");
    const people = [];
    for (let i = 0; i < 60; i++) people.push(await addPerson(db.prisma, school.schoolId, `Сотрудник ${i}`, ["specialist"]));
    await createOutboxRepository(db.prisma).ensure(
      people.map((person, i) => ({ ...unreachableNotice(school, `two-${i}`, clock.now()), userId: person.userId })),
      { at: clock.now() },
    );
    const other = await db.reopen();
    try {
      const telegram = new FakeTelegram();
      const one = testSender(db.prisma, clock.now, { telegram, batchSize: 7 });
      const two = testSender(other.prisma, clock.now, { telegram, batchSize: 7 });
      const handled = await Promise.all([one.sender.drain(), two.sender.drain()]);
      expect(handled[0] + handled[1]).toBe(60);
      const perChat = new Map<number, number>();
      for (const call of telegram.calls) perChat.set(Number(call.payload.chat_id), (perChat.get(Number(call.payload.chat_id)) ?? 0) + 1);
      expect([...perChat.values()].every((n) => n === 1)).toBe(true);
      expect(perChat.size).toBe(60);
      expect(await db.prisma.notification.count({ where: { key: { startsWith: "two-" }, status: "sent" } })).toBe(60);
    } finally {
      await other.close();
    }
  });

  it("keeps one chat's messages a pacing interval apart across two senders", async () => {
    const now = () => new Date();
    const school = await seedReminderSchool(db.prisma, "Школа один чат");
    await createOutboxRepository(db.prisma).ensure(
      [0, 1, 2, 3].map((i) => unreachableNotice(school, `paced-${i}`, now())),
      { at: now() },
    );
    const other = await db.reopen();
    try {
      const telegram = new FakeTelegram();
      const times: number[] = [];
      telegram.respond(
        "sendMessage",
        answering((payload) => (Number(payload.chat_id) === school.deputy.chatId ? void times.push(Date.now()) : undefined)),
      );
      // One row a claim: without pacing across senders the two would write to the deputy at once.
      const options = { telegram, batchSize: 1, perChatIntervalMs: 400 };
      const one = testSender(db.prisma, now, options);
      const two = testSender(other.prisma, now, options);
      await Promise.all([one.sender.drain(), two.sender.drain()]);
      await one.sender.drain();
      expect(times).toHaveLength(4);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(380);
      expect(await db.prisma.notification.count({ where: { key: { startsWith: "paced-" }, status: "sent" } })).toBe(4);
    } finally {
      await other.close();
    }
  });
});

function unreachableNotice(school: ReminderSchool, key: string, now: Date): PlannedNotification {
  return {
    key,
    schoolId: school.schoolId,
    userId: school.deputy.userId,
    kind: "userUnreachable",
    urgent: false,
    notBefore: now,
    payload: { userId: school.teacher.userId, fullName: school.teacher.fullName, teacher: true, date: "2025-11-10" },
  };
}
