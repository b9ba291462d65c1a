import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { recordOccurrence } from "../../src/app/cases/record-occurrence.js";
import { logMeasure } from "../../src/app/difficulty/log-measure.js";
import { planCouncilReviews } from "../../src/app/council/review-prompt.js";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";
import { tellStaffAboutCouncil } from "../../src/app/council/tell-staff.js";
import { closeCase } from "../../src/app/cases/close-case.js";
import { inviteParent, recordParentAttendance } from "../../src/app/cases/parent-meetings.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** What `user` was sent while `action` ran. */
async function said(user: ChatUser, action: () => Promise<unknown>): Promise<string[]> {
  const before = user.texts().length;
  await action();
  return user
    .texts()
    .slice(before)
    .filter((t) => t !== "");
}

async function steps(caseId: number) {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return JSON.parse(row.steps) as Record<string, { state: string; completedOn?: string; form?: string; note?: string }>;
}

const STAFF_ROOM = [
  "Абрамова Вера Ильинична",
  "Белова Дарья Олеговна",
  "Волков Игорь Семёнович",
  "Гусева Лидия Павловна",
  "Дмитриева Алла Сергеевна",
  "Егорова Нина Львовна",
  "Жуков Павел Андреевич",
  "Зимина Ольга Петровна",
  "Ильина Яна Юрьевна",
  "Яковлев Роман Ильич",
];

describe("section IV: the class teacher requests a council, the deputy agrees a slot, the info pack", () => {
  const clock = movableClock("2026-11-16");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let colleague: ChatUser;
  let h: ReturnType<typeof createHarness>;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9600, now: clock.now });
    caseId = await world.openCase({ regulationId: "interaction-4-council", openedOn: "2026-11-16" });
    await world.addPerson(9602, "Кузнецова Анна Петровна", ["teacher"]);
    // The staff room: ten more colleagues who opened the bot; the list of them takes two pages.
    for (let i = 0; i < STAFF_ROOM.length; i++) await world.addPerson(9610 + i, STAFF_ROOM[i]!, ["teacher"]);
    await db.prisma.caseMeasure.create({
      data: {
        schoolId: world.schoolId,
        caseId,
        on: "2026-11-16",
        withWhom: "parents",
        what: "беседа с мамой о пропусках",
        form: "personalMeeting",
        memberId: world.teacher.memberId,
      },
    });
    await recordOccurrence(fixtureDeps(db.prisma, clock.now), {
      actor: world.teacher,
      caseId: String(caseId),
      stepId: "identifyStudents",
      note: "консультации математика не дали результата",
    });
    // The same child's section II case, with a measure of its own: the info pack lists it too.
    const difficulty = await world.openCase({ regulationId: "interaction-2-difficulty", openedOn: "2026-11-16" });
    clock.set("2026-11-17");
    await logMeasure(fixtureDeps(db.prisma, clock.now), {
      actor: world.teacher,
      caseId: String(difficulty),
      withWhom: "subjectTeacher",
      what: "дополнительные занятия по математике",
      person: "Орлова Нина Николаевна, учитель математики",
      result: "оценки не улучшились",
    });
    // That case is closed since: its measures still belong to what was done for the child.
    await closeCase(fixtureDeps(db.prisma, clock.now), { actor: world.teacher, caseId: String(difficulty), reason: "resolved" });
    // The mother was invited by phone and did not come: the council reads it.
    const mother = await db.prisma.studentParent.create({
      data: { schoolId: world.schoolId, studentId: world.studentIds[0]!, fullName: "Иванова Мария Петровна", relation: "mother" },
    });
    const invited = await inviteParent(fixtureDeps(db.prisma, clock.now), {
      actor: world.teacher,
      caseId: String(caseId),
      parentId: mother.id,
      via: "phone",
      meetingOn: "2026-11-17",
    });
    await recordParentAttendance(fixtureDeps(db.prisma, clock.now), {
      actor: world.teacher,
      caseId: String(caseId),
      meetingId: invited.meetingId,
      attended: false,
    });
    h = createHarness({ db: db.prisma, now: clock.now, telegram });
    teacher = h.user({ id: 9600, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9601, first_name: "Марина", language_code: "ru" });
    colleague = h.user({ id: 9602, first_name: "Анна", language_code: "ru" });
    await colleague.send("/start");
    for (let i = 0; i < STAFF_ROOM.length; i++) await h.user({ id: 9610 + i, first_name: "Коллега", language_code: "ru" }).send("/start");
    clock.set("2026-11-18");
  });

  it("asks reason, form and slots, and sends the request to the deputy with one button per slot", async () => {
    const calls = await teacher.pressData(`cc:o:${caseId}`);
    const card = calls.filter((c) => c.method === "editMessageText").at(-1)!;
    expect(buttonsOf(card).map((b) => b.text)).toEqual(expect.arrayContaining(["🗣 Вынести на малый педсовет", "📄 Информация о мерах"]));
    await teacher.press("🗣 Вынести на малый педсовет");
    expect(teacher.lastText()).toBe("Почему нужно коллегиальное обсуждение? Опишите коротко.");
    await teacher.send("систематические пропуски, меры не помогают");
    await teacher.press("малый педсовет");
    expect(teacher.lastText()).toBe("Предложите время: например, «25.11 15:30».");
    expect(textsOf(await teacher.send("завтра"))).toEqual(["Не понял время. Напишите так: «25.11 15:30»."]);
    await teacher.send("25.11 15:30");
    expect(teacher.lastText()).toBe("Записано: 25.11 (ср) в 15:30. Ещё вариант времени или «Готово».");
    await teacher.send("26.11 14:00");
    const done = await said(teacher, () => teacher.press("Готово"));
    expect(done[0]).toBe("Запрос отправлен заместителю директора: Соколова Марина Викторовна.");
    await h.deliver();

    const request = await db.prisma.councilRequest.findFirstOrThrow({ where: { caseId } });
    expect(request).toMatchObject({ status: "proposed", teacherConsent: "given", proposedForm: "smallCouncil" });
    const toDeputy = telegram.messagesTo(9601).at(-1)!;
    expect(String(toDeputy.payload.text).split("\n")[0]).toBe("🗣 Запрос на коллегиальное обсуждение: малый педсовет");
    expect(String(toDeputy.payload.text)).toContain("Иванов П., 7Б");
    expect(buttonsOf(toDeputy).map((b) => b.text)).toEqual([
      expect.stringContaining("15:30"),
      expect.stringContaining("14:00"),
      "Другое время",
    ]);
  });

  it("the deputy picks a slot: the council is agreed, step 2 done, the teacher told", async () => {
    const answer = await said(deputy, () => deputy.press(buttonsOf(telegram.messagesTo(9601).at(-1)!)[1]!.text));
    expect(answer[0]).toMatch(/^Согласовано: малый педсовет, 26\.11/);
    const request = await db.prisma.councilRequest.findFirstOrThrow({ where: { caseId } });
    expect(request.status).toBe("agreed");
    expect(request.agreedAt?.toISOString()).toBe("2026-11-26T11:00:00.000Z");
    expect((await steps(caseId)).informDeputy).toMatchObject({ state: "done", completedOn: "2026-11-18" });
    await h.deliver();
    expect(teacher.lastText()).toMatch(/^🗣 Согласовано обсуждение: малый педсовет, 26\.11.*14:00\nИванов П\., 7Б$/);
    // A second press changes nothing.
    const again = await deputy.pressData(`cn:s:${request.id}:0`);
    expect(again.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect((await db.prisma.councilRequest.findFirstOrThrow({ where: { caseId } })).agreedAt?.toISOString()).toBe(
      "2026-11-26T11:00:00.000Z",
    );
  });

  it("«📄 Информация о мерах» sends the DOCX with the measures; the checklist records step 3 and tells staff", async () => {
    await teacher.press("📄 Информация о мерах");
    const doc = telegram.documents.filter((d) => d.chatId === 9600).at(-1)!;
    expect(doc.fileName).toBe("Информация о мерах Иванов 7Б 2026-11-18.docx");
    const paragraphs = docxParagraphs(doc.bytes);
    // To the council's chair (the deputy in charge) from the class teacher, both with initials in their cases.
    expect(paragraphs.slice(0, 5)).toEqual([
      "Председателю малого педсовета",
      "Соколовой М. В.",
      "от классного руководителя 7Б класса",
      "Петровой О. И.",
      "Информация о ранее принятых мерах",
    ]);
    expect(paragraphs).toContain("Обучающийся: Иванов Пётр Сергеевич, 7Б класс.");
    expect(paragraphs).toContain("Основание для обсуждения: систематические пропуски, меры не помогают");
    expect(paragraphs.some((p) => p.startsWith("Форма и время обсуждения: малый педсовет, 26.11.2026 14:00"))).toBe(true);
    // The measures of both cases (the closed one's too), with the named person and the result.
    expect(paragraphs).toContain("1. 16.11.2026 — с родителями, личная встреча: беседа с мамой о пропусках");
    expect(paragraphs).toContain("2. 16.11.2026 — Выявить трудности: консультации математика не дали результата");
    expect(paragraphs).toContain(
      "3. 17.11.2026 — с учителем-предметником (Орлова Нина Николаевна, учитель математики): дополнительные занятия по математике. Результат: оценки не улучшились",
    );
    // Who came and who did not.
    expect(paragraphs).toContain("Встречи с родителями (законными представителями):");
    expect(paragraphs.find((p) => p.startsWith("1. 17.11.2026 — Иванова Мария Петровна"))).toMatch(/не пришла$/);
    // The participants with their posts; the signature names the class.
    const people = paragraphs.slice(paragraphs.indexOf("Участники работы:") + 1, -2);
    expect(people).toEqual([
      "Петрова Ольга Ивановна — классный руководитель 7Б класса",
      "Соколова Марина Викторовна — заместитель директора по воспитанию и социализации",
    ]);
    expect(paragraphs.at(-1)).toBe("Классный руководитель 7Б класса ____________ О. И. Петрова");
    // No bot jargon.
    expect(paragraphs.join("\n")).not.toMatch(/шаг \d/i);

    // Whom to tell: the parents (recorded), the participants (ticked, always told), the staff list a page at a time.
    const list = telegram.messagesTo(9600).at(-1)!;
    expect(String(list.payload.text).split("\n")[0]).toBe("Кто должен узнать об обсуждении?");
    expect(buttonsOf(list).map((b) => b.text)).toEqual([
      "▫️ Родители (законные представители)",
      "✅ Соколова Марина Викторовна",
      "▫️ Абрамова Вера Ильинична",
      "▫️ Белова Дарья Олеговна",
      "▫️ Волков Игорь Семёнович",
      "▫️ Гусева Лидия Павловна",
      "▫️ Дмитриева Алла Сергеевна",
      "▫️ Егорова Нина Львовна",
      "1 / 2",
      "Дальше ▶",
      "Готово",
      "Отмена",
    ]);
    await teacher.press("▫️ Родители (законные представители)");
    await teacher.press("▫️ Белова Дарья Олеговна");
    await teacher.press("Дальше ▶");
    await teacher.press("▫️ Кузнецова Анна Петровна");
    const finished = await said(teacher, () => teacher.press("Готово"));
    expect(finished[0]).toBe("Шаг 3 отмечен выполненным. Сообщение о малом педсовете отправлено: 3 людям.");
    expect((await steps(caseId)).prepareInformation).toMatchObject({
      state: "done",
      note: "Родители (законные представители) проинформированы. Сообщение об обсуждении получили: Соколова М. В., Белова Д. О., Кузнецова А. П.",
    });
    await h.deliver();
    // Exactly the picked colleagues and the participant; nobody else in the staff room.
    expect(colleague.lastText()).toMatch(/^🗣 малый педсовет, 26\.11.*\nИванов П\., 7Б$/);
    expect(deputy.lastText()).toMatch(/^🗣 малый педсовет, 26\.11/);
    const told = (await db.prisma.notification.findMany({ where: { caseId, payload: { contains: "infoPack.staffNotice" } } })).map(
      (n) => n.userId,
    );
    const userOf = async (telegramId: number) => (await db.prisma.user.findUniqueOrThrow({ where: { telegramId } })).id;
    expect(told.sort()).toEqual((await Promise.all([9601, 9602, 9611].map(userOf))).sort());
  });

  it("IV.3 tells nobody whom the list did not offer: a forged pick is refused, another school's member too", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9690, now: clock.now });
    const before = await db.prisma.notification.count();
    await expect(
      tellStaffAboutCouncil(deps, { actor: world.teacher, caseId: String(caseId), memberIds: [other.teacher.memberId] }),
    ).rejects.toMatchObject({ code: "notFound" });
    await expect(
      tellStaffAboutCouncil(deps, { actor: world.teacher, caseId: String(caseId), memberIds: [world.teacher.memberId] }),
    ).rejects.toMatchObject({ code: "notFound" });
    expect(await db.prisma.notification.count()).toBe(before);
  });
});

describe("section IV's consent rule: a deputy's request waits for the class teacher", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let h: ReturnType<typeof createHarness>;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9650, now: clock.now });
    caseId = await world.openCase({ regulationId: "interaction-4-council", openedOn: "2026-11-16" });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9650, first_name: "Ольга", language_code: "ru" });
    deputy = h.user({ id: 9651, first_name: "Марина", language_code: "ru" });
    await teacher.send("/start");
  });

  async function deputyRequests(reason: string) {
    await deputy.pressData(`cn:rq:${caseId}`);
    await deputy.send(reason);
    await deputy.press("Совет по профилактике");
    await deputy.send("25.11 15:30");
    const said_ = await said(deputy, () => deputy.press("Готово"));
    await h.deliver();
    return said_;
  }

  it("goes to the class teacher; nothing reaches scheduling until accepted", async () => {
    const done = await deputyRequests("жалобы учителей на поведение");
    expect(done[0]).toBe(
      "Запрос отправлен на согласование классному руководителю: Петрова Ольга Ивановна. До его согласия обсуждение не назначается.",
    );
    const request = await db.prisma.councilRequest.findFirstOrThrow({ where: { caseId }, orderBy: { id: "desc" } });
    expect(request).toMatchObject({ teacherConsent: "pending", status: "proposed" });
    expect(teacher.lastText().split("\n")[0]).toBe("🗣 Просьба вынести на обсуждение ученика вашего класса: Совет по профилактике");
    // A forged slot press before consent schedules nothing.
    await deputy.pressData(`cn:s:${request.id}:0`);
    expect((await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("proposed");
    // Only the class teacher may consent.
    await deputy.pressData(`cn:y:${request.id}`);
    expect((await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: request.id } })).teacherConsent).toBe("pending");

    expect(await said(teacher, () => teacher.press("✅ Даю согласие"))).toEqual([
      "Согласие записано. Запрос отправлен заместителю директора: Соколова Марина Викторовна.",
    ]);
    expect((await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: request.id } })).teacherConsent).toBe("given");
    await h.deliver();
    expect(deputy.lastText().split("\n")[0]).toBe("🗣 Запрос на коллегиальное обсуждение: Совет по профилактике");
    await deputy.press("Другое время");
    expect(deputy.lastText()).toBe("Напишите дату и время: например, «26.11 14:00».");
    expect((await said(deputy, () => deputy.send("27.11 16:00")))[0]).toMatch(/^Согласовано: Совет по профилактике, 27\.11/);
    expect((await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("agreed");
  });

  it("a refusal is recorded and the deputy told", async () => {
    await deputyRequests("ещё раз обсудить");
    const request = await db.prisma.councilRequest.findFirstOrThrow({ where: { caseId }, orderBy: { id: "desc" } });
    expect(await said(teacher, () => teacher.press("Не даю согласия"))).toEqual(["Отказ записан. Инициатор получит уведомление."]);
    expect(await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      teacherConsent: "refused",
      status: "refused",
    });
    await h.deliver();
    expect(deputy.lastText()).toBe("🗣 Классный руководитель не согласовал обсуждение\nИванов П., 7Б");
    await deputy.pressData(`cn:o:${request.id}`);
    expect(deputy.lastText()).toBe("🗣 Классный руководитель не согласовал обсуждение\nИванов П., 7Б");
  });
});

describe("a council request to a teacher who blocked the bot", () => {
  const clock = movableClock("2026-11-16");

  it("marks the teacher unreachable and tells the deputy once, however many messages bounce", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9680, now: clock.now });
    const caseId = await world.openCase({ regulationId: "interaction-4-council", openedOn: "2026-11-16" });
    const h = createHarness({ db: db.prisma, now: clock.now });
    const teacher = h.user({ id: 9680, first_name: "Ольга", language_code: "ru" });
    const deputy = h.user({ id: 9681, first_name: "Марина", language_code: "ru" });
    await teacher.send("/start");
    h.telegram.respond("sendMessage", (payload) =>
      Number(payload.chat_id) === 9680
        ? { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }
        : { ok: true, result: { message_id: 1, date: 0, chat: { id: Number(payload.chat_id), type: "private" }, text: payload.text } },
    );
    for (const reason of ["жалобы на поведение", "снова жалобы"]) {
      await deputy.pressData(`cn:rq:${caseId}`);
      await deputy.send(reason);
      await deputy.press("Совет по профилактике");
      await deputy.send("25.11 15:30");
      await deputy.press("Готово");
      await h.deliver();
    }
    const invitations = await db.prisma.notification.findMany({ where: { kind: "notice", userId: world.teacher.userId! } });
    expect(invitations.map((r) => r.status)).toEqual(["unreachable", "unreachable"]);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: world.teacher.userId! } })).reachable).toBe(false);
    const told = await db.prisma.notification.findMany({ where: { kind: "userUnreachable" } });
    expect(told.map((r) => r.userId)).toEqual([world.deputy.userId]);
    clock.set("2026-11-16T12:00:00+03:00");
    await h.deliver();
    const notices = h.telegram.messagesTo(9681).filter((c) => String(c.payload.text).includes("не получает уведомления"));
    expect(notices.map((c) => c.payload.text)).toEqual([
      "Учитель Петрова Ольга Ивановна не получает уведомления: Telegram не доставляет сообщения бота (бот заблокирован или не запущен). Попросите открыть бота и нажать /start.",
    ]);
  });
});

describe("the fortnightly question to class teachers with open difficulty cases (IV.1)", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let teacher: ChatUser;

  it("asks once a fortnight, records «Нет», and «Да» offers the council request per case", async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
    const caseId = await world.openCase({ regulationId: "interaction-2-difficulty", openedOn: "2026-11-16" });
    const h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9700, first_name: "Ольга", language_code: "ru" });
    const deps = { db: db.prisma, regulations: h.deps.regulations, productionYears: h.deps.productionYears, now: clock.now };
    const drain = () =>
      createOutboxSender(
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
      ).drain();
    // Other tests' schools may have open difficulty cases too: count this teacher's rows only.
    await planCouncilReviews(deps);
    clock.set("2026-11-17");
    await planCouncilReviews(deps);
    const teacherUser = await db.prisma.user.findFirstOrThrow({ where: { telegramId: 9700 } });
    expect(await db.prisma.notification.count({ where: { userId: teacherUser.id, kind: "councilReview" } })).toBe(1);
    await drain();
    expect(teacher.lastText()).toBe(
      "🗂 Раз в две недели (раздел IV): есть ли ученики, работа с которыми не даёт результата?\nОткрытые случаи «трудности» ваших классов:\n1. Иванов П., 7Б",
    );

    expect(await said(teacher, () => teacher.press("Нет"))).toEqual(["Записано: пока без малого педсовета."]);
    expect(await db.prisma.auditEvent.count({ where: { action: "councilReview.no", actorId: teacherUser.id } })).toBe(1);

    clock.set("2026-11-30");
    await planCouncilReviews(deps);
    await drain();
    expect(await said(teacher, () => teacher.press("Да — вынести на малый педсовет"))).toEqual([
      "Кого из учеников вынести на малый педсовет?",
    ]);
    await teacher.press("Иванов П., 7Б");
    expect(teacher.lastText()).toBe("Почему нужно коллегиальное обсуждение? Опишите коротко.");
    expect(caseId).toBeGreaterThan(0);
  });
});
