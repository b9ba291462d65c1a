import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { openCase } from "../../src/app/cases/open-case.js";
import { attachPlanFile } from "../../src/app/plans/attach-plan-file.js";
import { planDeputyDigests } from "../../src/app/deputy/plan-deputy-digests.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
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
  type Person,
  type ReminderSchool,
} from "../support/reminder-fixtures.js";

/*
 * The deputy's and director's views: /overdue, /school, the morning digest — with a teacher of
 * 7Б, a teacher of 8А, the deputy for upbringing and the director.
 */

let db: TestDatabase;
let school: ReminderSchool;
let h: Harness;
let teacher8: Person;
let late: string;
let registered: string;
const clock = movableClock("2025-10-01T10:00:00+03:00");

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  teacher8 = await addPerson(db.prisma, school.schoolId, "Лебедева Нина Павловна", ["teacher"]);
  const schools = createSchoolRepository(db.prisma);
  const class8 = await schools.createClass(school.schoolId, "8А", teacher8.memberId);
  const sidorov = await schools.addStudent(school.schoolId, class8, "Сидоров Глеб Андреевич");
  const orlova = await schools.addStudent(school.schoolId, school.classId, "Орлова Вера Игоревна");
  h = createHarness({ db: db.prisma, now: clock.now });
  const deps = caseDeps(db.prisma, clock.now);

  // Opened 01.10 and carried to the ИПР step (done 08.10, the plan a file) without recording any measure; the
  // weekly family contact has not been recorded since.
  const opened = await openCase(deps, {
    actor: school.teacher,
    regulationId: "absence-criterion-22",
    studentId: orlova,
    openedOn: "2025-10-01",
  });
  registered = opened.state.id;
  const step = (stepId: string, on: string, extra: { answer?: string } = {}) =>
    completeStep(deps, { actor: school.teacher, caseId: registered, stepId, on, ...extra });
  await step("informDeputy", "2025-10-01");
  clock.set("2025-10-08T10:00:00+03:00");
  await step("trackStatus", "2025-10-03", { answer: "notConfirmed" });
  await step("meetParents", "2025-10-06");
  // The plan arrived as a scan: the step can be marked with no measure typed into the bot.
  await attachPlanFile(deps, { actor: school.teacher, caseId: registered, telegramFile: "scan-1", fileName: "ИПР.pdf" });
  await step("developPlan", "2025-10-08");

  // Opened 05.11: step 2 (inform the deputy) was due that day and is late by 10.11.
  clock.set("2025-11-05T10:00:00+03:00");
  const second = await openCase(deps, {
    actor: school.teacher,
    regulationId: "absence-criterion-22",
    studentId: school.studentId,
    openedOn: "2025-11-05",
  });
  late = second.state.id;

  // Opened on Friday evening 07.11 by the 8А teacher: new in Monday's digest.
  clock.set("2025-11-07T17:00:00+03:00");
  await openCase(deps, { actor: teacher8, regulationId: "absence-criterion-22", studentId: sidorov });
  clock.set("2025-11-10T07:30:00+03:00");
});
afterAll(async () => {
  await db.destroy();
});

const chat = (p: Person) => h.user({ id: p.telegramId, first_name: p.fullName.split(" ")[1]! });
const sent = (calls: { method: string; payload: Record<string, any> }[]) =>
  calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));

async function deliver() {
  const sender = createOutboxSender(
    { db: db.prisma, api: h.bot.api, i18n: h.deps.i18n, regulations, productionYears, logger: silentLogger, now: clock.now },
    { ratePerSecond: 1000, perChatIntervalMs: 0 },
  );
  await sender.drain();
}

describe("/overdue", () => {
  it("lists every late step of the school by class and teacher, with buttons that open the card", async () => {
    const deputy = chat(school.deputy);
    const [text] = sent(await deputy.send("/overdue"));
    const lines = text!.split("\n");
    expect(lines[0]).toMatch(/^Просрочено \d+ шаг/);
    expect(lines).toContain("7Б — Петрова А.");
    expect(lines).toContain("8А — Лебедева Н.");
    expect(text).toMatch(/Иванов П\. · Пропуски.* · шаг 2, до 05\.11 \(ср\), просрочен на 3 учебных дня/);
    const first = lines.findIndex((l) => /^\d+\. Иванов П\./.test(l));
    const n = /^(\d+)\./.exec(lines[first]!)![1];
    const card = sent(await deputy.press(`№ ${n}`));
    expect(card[0]).toContain("Иванов Пётр");
  });

  it("is refused to a teacher", async () => {
    expect(sent(await chat(school.teacher).send("/overdue"))).toEqual(["Эта сводка — для заместителей директора и директора."]);
    expect(sent(await chat(school.teacher).send("/school"))).toEqual(["Эта сводка — для заместителей директора и директора."]);
  });

  // Opens 40 cases first: a few seconds of database work on a loaded machine.
  it("splits a long list over several messages, the buttons under the last", { timeout: 30_000 }, async () => {
    const deps = caseDeps(db.prisma, clock.now);
    const schools = createSchoolRepository(db.prisma);
    const big = await schools.createClass(school.schoolId, "9В", teacher8.memberId);
    const saved = clock.now().toISOString();
    clock.set("2025-11-05T10:00:00+03:00");
    const extra: number[] = [];
    for (let i = 0; i < 80; i++) {
      const id = await schools.addStudent(school.schoolId, big, `Учеников${i} Длинноимённый${i} Тестович`);
      extra.push(
        Number(
          (await openCase(deps, { actor: teacher8, regulationId: "absence-criterion-22", studentId: id, openedOn: "2025-11-05" })).state.id,
        ),
      );
    }
    clock.set(saved);
    const calls = (await chat(school.director).send("/overdue")).filter((c) => c.method === "sendMessage");
    expect(calls.length).toBeGreaterThan(1);
    for (const c of calls) expect(String(c.payload.text).length).toBeLessThanOrEqual(4096);
    expect(calls.at(-1)!.payload.reply_markup).toBeDefined();
    expect(calls[0]!.payload.reply_markup).toBeUndefined();
    await db.prisma.case.updateMany({
      where: { id: { in: extra } },
      data: { status: "closed", closedOn: "2025-11-10", closeReason: "other" },
    });
  });
});

describe("/school", () => {
  it("shows open cases by regulation and class, ВШУ without an ИПР and families not contacted for 7 days", async () => {
    const director = chat(school.director);
    const [text] = sent(await director.send("/school"));
    expect(text).toMatch(/^Открыто 3 случая в школе\./);
    expect(text).toContain("По классам:\n• 7Б: 2\n• 8А: 1");
    // Orlova's plan came as a scan: a plan file is an ИПР, though no measure is typed into the bot.
    expect(text).toContain("На ВШУ без ИПР (0):\n— нет");
    expect(text).toContain("Нет связи с семьёй больше 7 дней (1):\n1. Орлова Вера Игоревна, 7Б (Петрова А.)");
    expect(sent(await director.press("№ 1"))[0]).toContain("Орлова Вера");
  });
});

describe("the morning digest", () => {
  it("goes to each deputy once on a school day at the digest hour: new cases, escalations, due today", async () => {
    await planDeputyDigests(caseDeps(db.prisma, clock.now));
    expect(await db.prisma.notification.count({ where: { kind: "deputyDigest" } })).toBe(0);

    clock.set("2025-11-10T08:05:00+03:00");
    await planReminders({ db: db.prisma, regulations, productionYears, now: clock.now });
    const deps = caseDeps(db.prisma, clock.now);
    expect(await planDeputyDigests(deps)).toEqual({ planned: 1 });
    expect(await planDeputyDigests(deps)).toEqual({ planned: 0 });
    clock.set("2025-11-10T09:05:00+03:00");
    expect(await planDeputyDigests(deps)).toEqual({ planned: 0 });
    await deliver();

    const text =
      chat(school.deputy)
        .texts()
        .find((t) => t.startsWith("Утренняя сводка")) ?? "";
    expect(text.split("\n")[0]).toBe("Утренняя сводка по школе, 10.11 (пн)");
    expect(text).toMatch(/Новые случаи \(1\):\n\d+\. Сидоров Г\., 8А/);
    expect(text).toMatch(/Просрочки, переданные вам \(\d+\):\n(.*\n)*\d+\. Иванов П\., 7Б/);
    expect(
      chat(school.director)
        .texts()
        .some((t) => t.startsWith("Утренняя сводка")),
    ).toBe(false);
  });

  it("is not sent on a holiday (04.11.2025)", async () => {
    const before = await db.prisma.notification.count({ where: { kind: "deputyDigest" } });
    clock.set("2025-11-04T09:00:00+03:00");
    expect(await planDeputyDigests(caseDeps(db.prisma, clock.now))).toEqual({ planned: 0 });
    expect(await db.prisma.notification.count({ where: { kind: "deputyDigest" } })).toBe(before);
    clock.set("2025-11-10T09:05:00+03:00");
  });
});

describe("the deputy's comment and reassignment on the card", () => {
  it("a comment is stored as a case event with an audit row and shown in the chronology", async () => {
    const deputy = chat(school.deputy);
    await deputy.pressData(`dv:o:${late}`);
    expect(sent(await deputy.press("💬 Комментарий"))[0]).toMatch(/^Напишите комментарий/);
    const calls = sent(await deputy.send("Прошу завтра же сообщить мне, что решили с родителями."));
    expect(calls[0]).toBe("💬 Комментарий сохранён.");
    expect(calls[1]).toContain("Иванов Пётр");
    const events = await db.prisma.caseEvent.findMany({
      where: { caseId: Number(late), type: "comment" },
      select: { actorId: true, data: true, on: true },
    });
    expect(events).toEqual([
      {
        actorId: school.deputy.memberId,
        on: "2025-11-10",
        data: JSON.stringify({ note: "Прошу завтра же сообщить мне, что решили с родителями." }),
      },
    ]);
    expect(await db.prisma.auditEvent.count({ where: { action: "case.commented", subject: `case:${late}` } })).toBe(1);

    const teacher = chat(school.teacher);
    await teacher.pressData(`dv:o:${late}`);
    const chronology = String(
      (await teacher.press("🕓 Хронология")).find((c) => c.method === "sendMessage" || c.method === "editMessageText")?.payload.text,
    );
    expect(chronology).toContain(
      "10.11.2025 · Сидоров Олег Ильич — 💬 комментарий — «Прошу завтра же сообщить мне, что решили с родителями.»",
    );
  });

  it("the teacher's card has no comment button; a forged press on another teacher's case is refused", async () => {
    const own = (await chat(school.teacher).pressData(`dv:o:${late}`)).find((c) => c.method === "sendMessage")!;
    const labels = (own.payload.reply_markup.inline_keyboard as { text: string }[][]).flat().map((b) => b.text);
    expect(labels).not.toContain("💬 Комментарий");
    expect(labels).not.toContain("👤 Передать другому учителю");
    const forged = await chat(teacher8).pressData(`cc:c:${late}`);
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Случай не найден или недоступен вам.");
    expect(await db.prisma.caseEvent.count({ where: { type: "comment" } })).toBe(1);
  });

  it("the director may comment but not reassign", async () => {
    const calls = await chat(school.director).pressData(`cc:r:${late}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Случай не найден или недоступен вам.");
  });

  it("the deputy passes the case to another teacher of the school, who then runs it", async () => {
    const deputy = chat(school.deputy);
    await deputy.pressData(`dv:o:${late}`);
    expect(sent(await deputy.press("👤 Передать другому учителю"))).toEqual(["Кому передать случай?"]);
    const calls = await deputy.press("Лебедева Нина Павловна");
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Случай передан.");
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: Number(late) } })).teacherId).toBe(teacher8.memberId);
    const card = sent(await chat(teacher8).pressData(`dv:o:${late}`))[0]!;
    expect(card).toContain("Иванов Пётр");
  });
});
