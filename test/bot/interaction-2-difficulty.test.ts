import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { logMeasure } from "../../src/app/difficulty/log-measure.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { planMeetingReminders } from "../../src/app/meetings/plan-meeting-reminders.js";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

async function steps(caseId: number) {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return JSON.parse(row.steps) as Record<string, { state: string; completedOn?: string; form?: string }>;
}

describe("section II: a teacher logs measures and sends the memo to the deputy", () => {
  const clock = movableClock("2026-11-16");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let deputy: ChatUser;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9500, now: clock.now });
    caseId = await world.openCase({ regulationId: "interaction-2-difficulty", openedOn: "2026-11-16" });
    const h = createHarness({ db: db.prisma, now: clock.now, telegram, deliverOutbox: true });
    teacher = h.user({ id: 9500, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9501, first_name: "Марина", language_code: "ru" });
    clock.set("2026-11-18");
  });

  it("shows «➕ Мера», «📄 Служебная записка» and the meeting on the card of a difficulty case", async () => {
    const calls = await teacher.pressData(`cc:o:${caseId}`);
    const card = calls.filter((c) => c.method === "editMessageText").at(-1)!;
    const labels = buttonsOf(card).map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(["➕ Мера", "📄 Служебная записка", "🤝 Встреча с родителями"]));
  });

  it("records two measures (with whom, what, when, form) and marks step 1 done with the first", async () => {
    await teacher.press("➕ Мера");
    expect(teacher.lastText()).toBe("Мера по шагу 1: с кем работали?");
    await teacher.press("с родителями");
    expect(teacher.lastText()).toContain("С кем именно?");
    await teacher.send("Иванова Елена Петровна (мать)");
    await teacher.send("беседа о пропусках, договорились о ежедневном контроле дневника");
    expect(teacher.lastText()).toContain("Нажмите «Сегодня»");
    // Only the forms of a measure with the parents: a meeting with a mother is a meeting, not «наблюдение».
    const forms = await teacher.press("Сегодня");
    expect(textsOf(forms)).toEqual(["В какой форме?"]);
    expect(buttonsOf(forms.at(-1)!).map((b) => b.text)).toEqual([
      "личная встреча",
      "телефон",
      "сообщение в ЭЖД",
      "письмо",
      "посещение на дому",
      "мессенджер",
      "Отмена",
    ]);
    await teacher.press("личная встреча");
    expect(teacher.lastText()).toContain("Каков результат?");
    await teacher.send("мать обещала каждый день проверять дневник.");
    expect(teacher.texts().at(-2)).toBe(
      "Записано: 18.11.2026 — с родителями (Иванова Елена Петровна, мать), личная встреча: беседа о пропусках, договорились о ежедневном контроле дневника. Результат: мать обещала каждый день проверять дневник",
    );
    await teacher.press("➕ Ещё мера");
    await teacher.press("с учителем-предметником");
    await teacher.press("Пропустить");
    await teacher.send("консультация учителя математики после уроков");
    // Before the case opened: the bounds, and the dialogue waits.
    expect(textsOf(await teacher.send("12.11"))).toEqual(["Подходит дата с 16.11.2026 по 18.11.2026."]);
    const teacherForms = await teacher.send("17.11");
    expect(buttonsOf(teacherForms.at(-1)!).map((b) => b.text)).toEqual([
      "беседа",
      "посещение уроков",
      "электронный журнал (ЭЖД)",
      "корпоративная почта",
      "Отмена",
    ]);
    await teacher.press("электронный журнал (ЭЖД)");
    await teacher.press("Пропустить");
    const done = textsOf(await teacher.press("Готово"));
    expect(done[0]).toBe("Готово: записаны 2 меры.");
    expect(done[1]).toMatch(/^👤 Иванов Пётр Сергеевич, 7Б/);

    const rows = await db.prisma.caseMeasure.findMany({ where: { caseId }, orderBy: { on: "asc" } });
    expect(rows.map((r) => [r.on, r.withWhom, r.form, r.person, r.result])).toEqual([
      ["2026-11-17", "subjectTeacher", "eJournal", null, null],
      ["2026-11-18", "parents", "personalMeeting", "Иванова Елена Петровна (мать)", "мать обещала каждый день проверять дневник."],
    ]);
    const s = await steps(caseId);
    // The step keeps a form only when it is one of its own (the journal, lesson visits, observation).
    expect(s.identifyStudents).toMatchObject({ state: "done", completedOn: "2026-11-18" });
    expect(s.identifyStudents).not.toHaveProperty("form");
  });

  it("the use case refuses a form that does not fit the partner, whatever the buttons said; nothing is stored", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const before = await db.prisma.caseMeasure.count({ where: { caseId } });
    const log = (withWhom: "parents" | "specialist" | "student", form: string) =>
      logMeasure(deps, { actor: world.teacher, caseId: String(caseId), withWhom, what: "беседа", form: form as never }).then(
        () => "ok",
        (error: { code?: string }) => error.code,
      );
    expect(await log("parents", "observation")).toBe("formNotAllowed");
    expect(await log("specialist", "homeVisit")).toBe("formNotAllowed");
    expect(await log("parents", "aisHelper")).toBe("formNotAllowed");
    const tooLong = await logMeasure(deps, {
      actor: world.teacher,
      caseId: String(caseId),
      withWhom: "parents",
      what: "беседа",
      person: "Иванова ".repeat(30),
    }).then(
      () => "ok",
      (error: { code?: string }) => error.code,
    );
    expect(tooLong).toBe("invalidInput");
    expect(await db.prisma.caseMeasure.count({ where: { caseId } })).toBe(before);
    expect(await log("student", "conversation")).toBe("ok");
    expect(await log("specialist", "jointSession")).toBe("ok");
    const rows = await db.prisma.caseMeasure.findMany({ where: { caseId }, orderBy: { id: "desc" }, take: 2 });
    expect(rows.map((r) => [r.withWhom, r.form])).toEqual([
      ["specialist", "jointSession"],
      ["student", "conversation"],
    ]);
    await db.prisma.caseMeasure.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  });

  it("«Служебная записка»: the deputy gets the DOCX with the measures, the teacher a copy, step 2 is done by corporate e-mail", async () => {
    await teacher.pressData(`df:memo:${caseId}`);
    expect(teacher.lastText()).toContain("Опишите ситуацию одним абзацем");
    await teacher.send("Пётр систематически не готовится к урокам математики и срывает уроки; беседы не помогли.");
    await teacher.press("Организовать встречу с родителями");

    const toDeputy = telegram.documents.filter((d) => d.chatId === 9501);
    expect(toDeputy).toHaveLength(1);
    // It travelled through the outbox: one notice row with the document, sent.
    const rows = await db.prisma.notification.findMany({ where: { kind: "notice", userId: world.deputy.userId! } });
    expect(rows.map((r) => [r.status, (JSON.parse(r.payload) as { document?: { fileName: string } }).document?.fileName])).toEqual([
      ["sent", "Служебная записка Иванов 7Б 2026-11-18.docx"],
    ]);
    expect(toDeputy[0]!.fileName).toBe("Служебная записка Иванов 7Б 2026-11-18.docx");
    // The step's outcome notice carries the memo: the student as surname + initial + class only.
    expect(toDeputy[0]!.caption.split("\n")).toEqual([
      "📨 Иванов П., 7Б: шаг 2 «Служебная записка» выполнен",
      "Способ: корпоративная почта",
      "Дата: 18.11.2026",
      "Регламент: II. Трудности в обучении или поведении",
      "Случай открыт: 16.11.2026",
      "Классный руководитель: Петрова Ольга Ивановна",
    ]);
    const paragraphs = docxParagraphs(toDeputy[0]!.bytes);
    // As a school writes it: «кому» and «от кого» with initials, a subject line, no doubled brackets.
    expect(paragraphs.slice(0, 6)).toEqual([
      "Заместителю директора по воспитанию и социализации",
      "Соколовой М. В.",
      "от классного руководителя 7Б класса",
      "Петровой О. И.",
      "Служебная записка",
      "О ситуации с обучающимся 7Б класса Ивановым Петром",
    ]);
    expect(paragraphs).toContain("Довожу до Вашего сведения ситуацию с обучающимся 7Б класса Ивановым Петром Сергеевичем.");
    expect(paragraphs).toContain("Ситуация: Пётр систематически не готовится к урокам математики и срывает уроки; беседы не помогли.");
    expect(paragraphs).toContain(
      "1. 17.11.2026 — с учителем-предметником, электронный журнал (ЭЖД): консультация учителя математики после уроков",
    );
    // Each measure with whom (the named person), the form and the result.
    expect(paragraphs).toContain(
      "2. 18.11.2026 — с родителями (Иванова Елена Петровна, мать), личная встреча: беседа о пропусках, договорились о ежедневном контроле дневника. Результат: мать обещала каждый день проверять дневник",
    );
    expect(paragraphs).toContain(
      "Прошу организовать встречу обучающегося и его родителей (законных представителей) с заместителем директора.",
    );
    expect(paragraphs.slice(-2)).toEqual(["18.11.2026", "Классный руководитель 7Б класса ____________ О. И. Петрова"]);
    expect(paragraphs.join("\n")).not.toMatch(/\([^()]*\(/);

    const toTeacher = telegram.documents.filter((d) => d.chatId === 9500);
    expect(toTeacher).toHaveLength(1);
    expect(toTeacher[0]!.caption).toBe("Служебная записка — для отправки по корпоративной почте.");
    expect(docxParagraphs(toTeacher[0]!.bytes)).toEqual(paragraphs);

    expect(teacher.texts().at(-2)).toBe(
      "Служебная записка отправлена: Соколова Марина Викторовна. Шаг 2 отмечен выполненным (корпоративная почта).",
    );
    expect((await steps(caseId)).sendMemo).toMatchObject({ state: "done", completedOn: "2026-11-18", form: "corporateEmail" });
  });

  it("the deputy opens the case from the memo's button", async () => {
    const memo = telegram.documents.find((d) => d.chatId === 9501)!;
    expect(memo.buttons.map((b) => b.text)).toEqual(["Открыть карточку"]);
    const calls = await deputy.pressData(memo.buttons[0]!.callback_data);
    expect(textsOf(calls)[0]).toMatch(/^👤 Иванов Пётр Сергеевич, 7Б/);
  });

  it("a deputy cannot log measures on the teacher's case (a forged button)", async () => {
    const calls = await deputy.pressData(`df:ms:${caseId}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBeTruthy();
    expect(await db.prisma.caseMeasure.count({ where: { caseId } })).toBe(2);
  });
});

describe("section II.3: the meeting with the parents — invitations, confirmations, reminders, agreements", () => {
  const clock = movableClock("2026-11-18");
  let world: CaseWorld;
  let caseId: number;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let maths: ChatUser;
  const documents = new DocumentCapturingTelegram();

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9600, now: clock.now });
    await world.addPerson(9602, "Кузнецов Андрей Павлович", ["teacher"], "en");
    caseId = await world.openCase({ regulationId: "interaction-2-difficulty", openedOn: "2026-11-16" });
    h = createHarness({ db: db.prisma, now: clock.now, telegram: documents, deliverOutbox: true });
    teacher = h.user({ id: 9600, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9601, first_name: "Марина", language_code: "ru" });
    maths = h.user({ id: 9602, first_name: "Андрей", language_code: "en" });
  });

  async function remindAt(iso: string): Promise<void> {
    clock.set(iso);
    await planMeetingReminders({ db: db.prisma, regulations: h.deps.regulations, productionYears: h.deps.productionYears, now: clock.now });
    const sender = createOutboxSender(
      {
        db: db.prisma,
        api: h.bot.api,
        i18n: h.deps.i18n,
        regulations: h.deps.regulations,
        productionYears: h.deps.productionYears,
        logger: h.deps.logger,
        now: clock.now,
      },
      { ratePerSecond: 1000, perChatIntervalMs: 0 },
    );
    await sender.drain();
  }

  it("the teacher proposes «25.11 15:30» and invites the deputy (always) and a subject teacher", async () => {
    await teacher.pressData(`df:mt:${caseId}`);
    expect(teacher.lastText()).toContain("Напишите дату и время: 25.11 15:30");
    expect(textsOf(await teacher.send("в среду"))).toEqual(["Не понял. Напишите дату и время так: 25.11 15:30."]);
    await teacher.send("25.11 15:30");
    const invitees = buttonsOf(h.telegram.messagesTo(9600).at(-1)!).map((b) => b.text);
    expect(invitees).toEqual(["✅ Соколова М.", "▫️ Кузнецов А.", "Пригласить", "Отмена"]);
    await teacher.press("▫️ Кузнецов А.");
    expect(buttonsOf(h.telegram.calls.filter((c) => c.method === "editMessageReplyMarkup").at(-1)!).map((b) => b.text)[1]).toBe(
      "✅ Кузнецов А.",
    );
    const calls = await teacher.press("Пригласить");
    expect(textsOf(calls).find((t) => t.startsWith("Встреча назначена"))).toBe(
      "Встреча назначена: 25.11 (ср) в 15:30. Приглашены: Соколова Марина Викторовна, Кузнецов Андрей Павлович. Ответы придут сюда.",
    );
    expect(deputy.lastText()).toBe(
      "🤝 Приглашение на встречу с учеником и родителями\n25.11 (ср) в 15:30\nИванов П., 7Б\nПриглашает классный руководитель Петрова Ольга Ивановна",
    );
    // In the invitee's own language.
    expect(maths.lastText()).toMatch(
      /^🤝 An invitation to a meeting with a student and the parents\n25\.11 \(\w+\) at 15:30\nИванов П., 7Б/,
    );
    const meeting = await db.prisma.meeting.findFirstOrThrow({ where: { caseId } });
    expect(meeting.startsAt.toISOString()).toBe("2026-11-25T12:30:00.000Z");
  });

  it("invitees confirm; the teacher sees each answer and the count", async () => {
    await deputy.press("Подтверждаю");
    await h.deliver();
    expect(teacher.lastText()).toBe(
      "✅ Соколова Марина Викторовна подтверждает участие во встрече 25.11 (ср) в 15:30 (подтвердили 1 из 2).",
    );
    await maths.press("I'll come");
    await h.deliver();
    expect(teacher.lastText()).toBe("✅ Кузнецов Андрей Павлович подтверждает участие во встрече 25.11 (ср) в 15:30 (подтвердили 2 из 2).");
    expect(maths.lastText()).toContain("You confirmed the meeting");
    const meeting = await db.prisma.meeting.findFirstOrThrow({ where: { caseId } });
    const statuses = await db.prisma.meetingInvitee.findMany({ where: { meetingId: meeting.id }, orderBy: { id: "asc" } });
    expect(statuses.map((s) => s.status)).toEqual(["confirmed", "confirmed"]);
  });

  it("someone not invited cannot answer (a forged button)", async () => {
    const meeting = await db.prisma.meeting.findFirstOrThrow({ where: { caseId } });
    const calls = await teacher.pressData(`mt:y:${meeting.id}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Это приглашение больше не действует.");
  });

  it("everyone is reminded the day before at 15:30 and at 14:30 on the day, once, in their language", async () => {
    const count = (chat: number) => h.telegram.messagesTo(chat).filter((c) => String(c.payload.text ?? "").startsWith("⏰")).length;
    await remindAt("2026-11-24T15:29:00+03:00");
    expect([count(9600), count(9601), count(9602)]).toEqual([0, 0, 0]);
    await remindAt("2026-11-24T15:30:00+03:00");
    expect(teacher.lastText()).toBe("⏰ Завтра, 25.11 (ср) в 15:30 — встреча с учеником и родителями\nИванов П., 7Б");
    expect(deputy.lastText()).toBe("⏰ Завтра, 25.11 (ср) в 15:30 — встреча с учеником и родителями\nИванов П., 7Б");
    expect(maths.lastText()).toMatch(/^⏰ Tomorrow, 25\.11 \(\w+\) at 15:30 — a meeting with a student and the parents\nИванов П., 7Б$/);
    await remindAt("2026-11-25T14:29:00+03:00");
    expect([count(9600), count(9601), count(9602)]).toEqual([1, 1, 1]);
    await remindAt("2026-11-25T14:30:00+03:00");
    expect(teacher.lastText()).toBe("⏰ Сегодня в 15:30 — встреча с учеником и родителями\nИванов П., 7Б");
    await remindAt("2026-11-25T14:40:00+03:00");
    expect([count(9600), count(9601), count(9602)]).toEqual([2, 2, 2]);
  });

  it("afterwards the teacher records the agreements: step 3 is done and they form «План по итогам встречи»", async () => {
    clock.set("2026-11-25T17:00:00+03:00");
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("📝 Итоги встречи");
    await teacher.send("ежедневный контроль дневника");
    await teacher.send("родители");
    await teacher.send("02.12");
    await teacher.press("➕ Ещё договорённость");
    await teacher.send("консультации по математике по вторникам");
    await teacher.send("учитель математики");
    await teacher.press("Без срока");
    const calls = await teacher.press("Готово");
    const texts = textsOf(calls);
    expect(texts[0]).toBe("Шаг 3 выполнен, записаны 2 договорённости.");
    expect(texts[1]).toContain("План по итогам встречи");
    expect(texts[1]).toContain("ежедневный контроль дневника");
    const measures = await db.prisma.planMeasure.findMany({ where: { caseId }, orderBy: { position: "asc" } });
    expect(measures.map((m) => [m.what, m.who, m.dueOn])).toEqual([
      ["ежедневный контроль дневника", "родители", "2026-12-02"],
      ["консультации по математике по вторникам", "учитель математики", null],
    ]);
    expect((await steps(caseId)).organiseMeeting).toMatchObject({ state: "done", completedOn: "2026-11-25", form: "messenger" });
  });

  it("«📄 ИПР (DOCX)» sends the plan as a table: № · мероприятие · срок · ответственный · отметка о выполнении", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("📄 ИПР (DOCX)");
    const doc = documents.documents.at(-1)!;
    expect(doc.chatId).toBe(9600);
    expect(doc.fileName).toBe("ИПР Иванов 7Б 2026-11-25.docx");
    const paragraphs = docxParagraphs(doc.bytes);
    // A plan after a meeting, not an ИПР: no «УТВЕРЖДАЮ», no date of registration.
    expect(paragraphs.slice(0, 6)).toEqual([
      expect.stringMatching(/^Школа /),
      "План по итогам встречи",
      "на период с 25.11.2026 по 31.05.2027",
      "Обучающийся: Иванов Пётр Сергеевич, 7Б класс",
      "Родители (законные представители): ________________________",
      "Основание: II. Трудности в обучении или поведении",
    ]);
    expect(paragraphs.slice(6, 19)).toEqual([
      "№",
      "Мероприятие",
      "Срок",
      "Ответственный",
      "Отметка о выполнении",
      "Работа с обучающимся",
      "1",
      "ежедневный контроль дневника",
      "02.12.2026",
      "родители",
      "2",
      "консультации по математике по вторникам",
      "учитель математики",
    ]);
    expect(paragraphs.slice(19)).toEqual([
      "Составил: классный руководитель 7Б класса ____________ О. И. Петрова",
      "С планом ознакомлены:",
      "________________________ ____________ «___» ____________ 20___ г.",
    ]);
  });
});
