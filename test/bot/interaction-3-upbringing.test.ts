import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { movableClock, seedCaseWorld, type CaseWorld, type Person } from "../support/case-fixtures.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { planMeetingReminders } from "../../src/app/meetings/plan-meeting-reminders.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** Sends what the outbox holds through the harness's fake Bot API, unpaced. */
async function drainOutbox(h: ReturnType<typeof createHarness>, now: () => Date): Promise<void> {
  const { db: prisma, i18n, regulations, productionYears, logger } = h.deps;
  await createOutboxSender(
    { db: prisma, api: h.bot.api, i18n, regulations, productionYears, logger, now },
    { ratePerSecond: 1000, perChatIntervalMs: 0 },
  ).drain();
}

async function classCases(classId: number) {
  const rows = await db.prisma.case.findMany({ where: { classId, regulationId: "interaction-3-upbringing" } });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    openedOn: r.openedOn,
    studentId: r.studentId,
    steps: JSON.parse(r.steps) as Record<string, { state: string; form?: string; completedOn?: string }>,
  }));
}

describe("section III: the class's annual upbringing tasks", () => {
  const clock = movableClock("2026-09-10");
  let world: CaseWorld;
  let teacher: ChatUser;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
    const h = createHarness({ db: db.prisma, now: clock.now, deliverOutbox: true });
    teacher = h.user({ id: 9700, first_name: "Ольга", language_code: "ru" });
  });

  it("/annual opens the class case of the school year once and shows both tasks with their due dates", async () => {
    const shown = textsOf(await teacher.send("/annual"));
    expect(shown).toEqual([
      "📅 Воспитательная работа класса 7Б: задачи на год\n🟡 План воспитательной работы — до 15.09 (вт)\n▫️ Анализ воспитательной работы за год — до 31.05 (пн)",
    ]);
    await teacher.send("/annual");
    const cases = await classCases(world.classId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: "open", openedOn: "2026-09-01", studentId: null });
  });

  it("honours the school's own date for the plan", async () => {
    await db.prisma.school.update({
      where: { id: world.schoolId },
      data: { annualDates: JSON.stringify({ upbringingPlanDue: { month: 9, day: 25 } }) },
    });
    expect(textsOf(await teacher.send("/annual"))[0]).toContain("План воспитательной работы — до 25.09 (пт)");
  });

  it("«✅ Выполнено» with the form completes the plan step; the analysis stays due", async () => {
    await teacher.press("✅ Выполнено: план");
    expect(teacher.lastText()).toBe("«План воспитательной работы»: где представили?");
    await teacher.press("заседание МО");
    expect(teacher.lastText()).toBe("Отмечено: «План воспитательной работы» — заседание МО.");
    const [stored] = await classCases(world.classId);
    expect(stored!.steps.presentPlan).toMatchObject({ state: "done", form: "moMeeting", completedOn: "2026-09-10" });
    expect(stored!.steps.presentAnalysis!.state).toBe("open");
    const again = textsOf(await teacher.send("/annual"))[0]!;
    expect(again).toContain("✅ План воспитательной работы — выполнено 10.09.2026");
  });

  it("opens the class case card from the list", async () => {
    const calls = await teacher.press("Открыть карточку");
    expect(calls.some((c) => String(c.payload.text ?? "").includes("7Б"))).toBe(true);
  });

  it("refuses a forged press on another class's case", async () => {
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9710, now: clock.now });
    const h = createHarness({ db: db.prisma, now: clock.now, deliverOutbox: true });
    const stranger = h.user({ id: 9710, first_name: "Анна", language_code: "ru" });
    await stranger.send("/annual");
    const [strangerCase] = await classCases(other.classId);
    const calls = await teacher.pressData(`an:f:${strangerCase!.id}:0:0`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Случай не найден или недоступен вам.");
    expect((await classCases(other.classId))[0]!.steps.presentPlan!.state).toBe("open");
  });
});

describe("section III.3: an event for two classes, answers and the deputy's overview", () => {
  const clock = movableClock("2026-11-23");
  let world: CaseWorld;
  let second: Person;
  let classB: number;
  let deputy: ChatUser;
  let teacherA: ChatUser;
  let teacherB: ChatUser;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9800, now: clock.now });
    second = await world.addPerson(9802, "Кузнецова Ирина Павловна", ["teacher"]);
    classB = await createSchoolRepository(db.prisma).createClass(world.schoolId, "8А", second.memberId);
    await createSchoolRepository(db.prisma).createClass(world.schoolId, "9В", undefined);
    const h = createHarness({ db: db.prisma, now: clock.now, deliverOutbox: true });
    teacherA = h.user({ id: 9800, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9801, first_name: "Марина", language_code: "ru" });
    teacherB = h.user({ id: 9802, first_name: "Ирина", language_code: "ru" });
  });

  it("a teacher may not announce an event", async () => {
    expect(textsOf(await teacherA.send("/event"))).toEqual(["Мероприятия объявляют заместители директора."]);
  });

  it("the deputy posts an event for 7Б and 8А; both class teachers are asked", async () => {
    await deputy.send("/event");
    expect(deputy.lastText()).toBe("Название мероприятия?");
    await deputy.send("Городской фестиваль «Наследие»");
    await deputy.send("05.12, ВДНХ, павильон 57, сбор в 9:00");
    await deputy.send("позавчера");
    expect(deputy.lastText()).toBe("Нужна дата не раньше сегодняшней, например 27.11.");
    await deputy.send("27.11");
    expect(deputy.lastText()).toBe("Какие классы приглашаем? Отметьте и нажмите «Готово».");
    await deputy.press("▫️ 7Б");
    await deputy.press("▫️ 8А");
    await deputy.press("Готово");
    expect(deputy.lastText()).toBe("Мероприятие объявлено: 2 класса, сообщения доставлены: 2. Ответы — /events.");

    expect(teacherA.lastText()).toBe(
      "📣 Согласуйте участие класса 7Б в мероприятии «Городской фестиваль «Наследие»»\n05.12, ВДНХ, павильон 57, сбор в 9:00\nОтветьте до 27.11.2026. Отправитель: Соколова Марина Викторовна",
    );
    expect(teacherB.lastText()).toContain("класса 8А");
    const rows = await db.prisma.schoolEventClass.findMany({ orderBy: { classId: "asc" } });
    expect(rows.map((r) => r.classId)).toEqual([world.classId, classB]);
  });

  it("one teacher sends the list, the other answers «Не участвуем»; step III.3 is recorded", async () => {
    expect(textsOf(await deputy.send("/events"))[0]).toContain("7Б — ответа пока нет\n8А — ответа пока нет");
    await teacherA.press("Отправить список участников");
    expect(teacherA.lastText()).toBe("Пришлите список участников одним сообщением.");
    await teacherA.send("Иванов П., Смирнова А.");
    expect(teacherA.lastText()).toBe("Список участников 7Б для «Городской фестиваль «Наследие»» отправлен.");
    expect(deputy.lastText()).toBe("✉️ 7Б — «Городской фестиваль «Наследие»»: Иванов П., Смирнова А.");
    await teacherB.press("Не участвуем");
    expect(teacherB.lastText()).toBe("Записано: 8А не участвует в «Городской фестиваль «Наследие»».");
    expect(deputy.lastText()).toBe("✉️ 8А — «Городской фестиваль «Наследие»»: не участвуем");

    const rows = await db.prisma.schoolEventClass.findMany({ orderBy: { classId: "asc" } });
    expect(rows.map((r) => [r.answer, r.declined])).toEqual([
      ["Иванов П., Смирнова А.", false],
      [null, true],
    ]);
    const [caseA] = await classCases(world.classId);
    expect(caseA!.steps.agreeParticipation).toMatchObject({ state: "done", form: "corporateEmail", completedOn: "2026-11-23" });
    expect((await classCases(classB))[0]!.steps.agreeParticipation!.state).toBe("done");
  });

  it("a teacher cannot answer for another class, even with forged data", async () => {
    const rowB = await db.prisma.schoolEventClass.findFirstOrThrow({ where: { classId: classB } });
    const calls = await teacherA.pressData(`ev:l:${rowB.id}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Случай не найден или недоступен вам.");
    await teacherA.pressData(`ev:n:${rowB.id}`);
    expect((await db.prisma.schoolEventClass.findUniqueOrThrow({ where: { id: rowB.id } })).answeredBy).toBe(second.memberId);
  });

  it("/events shows the deputy who answered and how", async () => {
    expect(textsOf(await deputy.send("/events"))).toEqual([
      "📣 «Городской фестиваль «Наследие»» (ответ до 27.11.2026)\n7Б — Иванов П., Смирнова А.\n8А — не участвуем",
    ]);
    expect(buttonsOf((await teacherA.send("/events"))[0]!)).toEqual([]);
    expect(teacherA.lastText()).toBe("Мероприятия объявляют заместители директора.");
  });
});

describe("section III.2: a working group with invitees confirmed and reminded", () => {
  const clock = movableClock("2026-11-23");
  let h: ReturnType<typeof createHarness>;
  let deputy: ChatUser;
  let teacherA: ChatUser;
  let teacherB: ChatUser;

  beforeAll(async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9900, now: clock.now });
    await world.addPerson(9902, "Кузнецова Ирина Павловна", ["teacher"]);
    h = createHarness({ db: db.prisma, now: clock.now, deliverOutbox: true });
    teacherA = h.user({ id: 9900, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9901, first_name: "Марина", language_code: "ru" });
    teacherB = h.user({ id: 9902, first_name: "Ирина", language_code: "ru" });
  });

  async function remindAt(iso: string): Promise<void> {
    clock.set(iso);
    await planMeetingReminders({ db: db.prisma, regulations: h.deps.regulations, productionYears: h.deps.productionYears, now: clock.now });
    await drainOutbox(h, clock.now);
  }

  it("a teacher may not schedule one", async () => {
    expect(textsOf(await teacherA.send("/workgroup"))).toEqual(["Рабочие группы собирают заместители директора."]);
  });

  it("the deputy schedules «25.11 15:30» for all class teachers; they are invited", async () => {
    await deputy.send("/workgroup");
    await deputy.send("Подготовка новогодних мероприятий");
    expect(deputy.lastText()).toBe("Когда? Напишите дату и время: 25.11 15:30.");
    await deputy.send("в среду");
    expect(deputy.lastText()).toBe("Не понял. Напишите дату и время так: 25.11 15:30.");
    await deputy.send("25.11 15:30");
    const labels = buttonsOf(h.telegram.messagesTo(9901).at(-1)!).map((b) => b.text);
    expect(labels).toEqual(["▫️ Петрова О.", "▫️ Кузнецова И.", "Все", "Пригласить", "Отмена"]);
    await deputy.press("Все");
    await deputy.press("Пригласить");
    expect(deputy.lastText()).toBe(
      "Рабочая группа «Подготовка новогодних мероприятий» 25.11 (ср) в 15:30: приглашены 2 человека. Бот напомнит накануне и за час.",
    );
    expect(teacherA.lastText()).toBe(
      "🗓 Заседание рабочей группы «Подготовка новогодних мероприятий» 25.11 (ср) в 15:30. Приглашает: Соколова Марина Викторовна. Подтвердите участие.",
    );
    const meeting = await db.prisma.meeting.findFirstOrThrow({
      where: { kind: "workingGroup", title: "Подготовка новогодних мероприятий" },
    });
    expect(await db.prisma.meetingInvitee.count({ where: { meetingId: meeting.id } })).toBe(2);
  });

  it("one confirms, the other declines; the day before, the deputy and the confirmed teacher are reminded", async () => {
    await teacherA.press("Подтверждаю");
    expect(deputy.lastText()).toContain("Петрова Ольга Ивановна подтверждает участие");
    await teacherB.press("Не смогу");
    await remindAt("2026-11-24T15:30:00+03:00");
    const reminder = "⏰ Завтра, 25.11 (ср) в 15:30 — заседание рабочей группы «Подготовка новогодних мероприятий»";
    expect(teacherA.lastText()).toBe(reminder);
    expect(deputy.lastText()).toBe(reminder);
    expect(teacherB.texts()).not.toContain(reminder);
  });
});

describe("section III: the annual tasks are announced ahead", () => {
  const clock = movableClock("2026-09-01T08:00:00+03:00");
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;

  beforeAll(async () => {
    await seedCaseWorld(db.prisma, { telegramBase: 9950, now: clock.now });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9950, first_name: "Ольга", language_code: "ru" });
    await teacher.send("/annual");
  });

  /** One run of the real planner and a drained outbox at `iso`; what the teacher was sent. */
  async function digestAt(iso: string): Promise<string[]> {
    clock.set(iso);
    const before = teacher.texts().length;
    await planReminders({ db: db.prisma, regulations: h.deps.regulations, productionYears: h.deps.productionYears, now: clock.now });
    await drainOutbox(h, clock.now);
    return teacher.texts().slice(before);
  }

  it("the plan due 15.09 is in the digest 10 school days ahead, not the next days, and again on 14.09", async () => {
    expect(await digestAt("2026-09-01T09:00:00+03:00")).toEqual([
      "На сегодня, 01.09 (вт): 1 задача\n\n1. Шаг 1 — срок 15.09 (вт), осталось 10 учебных дней\n   7Б — План воспитательной работы",
    ]);
    expect(await digestAt("2026-09-01T15:00:00+03:00")).toEqual([]);
    expect(await digestAt("2026-09-02T09:00:00+03:00")).toEqual([]);
    expect(await digestAt("2026-09-11T09:00:00+03:00")).toEqual([]);
    expect(await digestAt("2026-09-14T09:00:00+03:00")).toEqual([
      "На сегодня, 14.09 (пн): 1 задача\n\n1. Шаг 1 — срок 15.09 (вт)\n   7Б — План воспитательной работы",
    ]);
  });

  it("the analysis due Monday 31.05 is announced on 17.05, ten school days before it", async () => {
    // The plan, never marked, is overdue in every digest since 16.09; the analysis is not there yet.
    expect((await digestAt("2027-05-14T09:00:00+03:00")).join("\n")).not.toContain("Шаг 4");
    const [digest] = await digestAt("2027-05-17T09:00:00+03:00");
    expect(digest).toContain("Шаг 4 — срок 31.05 (пн), осталось 10 учебных дней\n   7Б — Анализ воспитательной работы");
  });
});
