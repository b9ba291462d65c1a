import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld, type Person } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { planReminders } from "../../src/app/reminders/plan-reminders.js";
import { logMeasure } from "../../src/app/difficulty/log-measure.js";

/*
 * Issue 12, "the deputy in charge": every case has one deputy, chosen by the regulation's rule at
 * opening (section II: the teacher says learning or behaviour), named on the card, reassignable by
 * a deputy or the director; what the regulation sends "to the deputy" goes to that person. And the
 * director hears of routine lateness only where the school turned that on.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

async function caseRow(caseId: number) {
  return db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
}

/** Escalation rows the planner wrote for a case: "<kind> → <user id>". */
async function escalations(caseId: number): Promise<string[]> {
  const rows = await db.prisma.notification.findMany({
    where: { caseId, kind: { in: ["escalationDeputy", "escalationDirector"] } },
    orderBy: { id: "asc" },
  });
  return [...new Set(rows.map((r) => `${r.kind} → ${r.userId}`))];
}

describe("the deputy in charge of a case", () => {
  const clock = movableClock("2026-11-16");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let learning: Person;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;
  let upbringingDeputy: ChatUser;
  let learningDeputy: ChatUser;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9800, now: clock.now });
    learning = await world.addPerson(9802, "Кузнецова Елена Викторовна", ["deputy"]);
    // The school named her its deputy for learning (the admin's screen: test/bot/admin.test.ts).
    await db.prisma.member.update({ where: { id: learning.memberId! }, data: { learningDeputy: true } });
    h = createHarness({ db: db.prisma, now: clock.now, telegram, deliverOutbox: true });
    teacher = h.user({ id: 9800, first_name: "Ольга", language_code: "ru" });
    upbringingDeputy = h.user({ id: 9801, first_name: "Марина", language_code: "ru" });
    learningDeputy = h.user({ id: 9802, first_name: "Елена", language_code: "ru" });
  });

  it("a section II case about learning: asked at /new, named on the card, and the memo goes to the deputy for learning", async () => {
    await teacher.send("/new");
    await teacher.send("Иванов");
    await teacher.press("Иванов Пётр Сергеевич, 7Б");
    await teacher.press("Трудности в учёбе или поведении");
    const asked = await teacher.press("Сегодня");
    expect(textsOf(asked).at(-1)).toBe(
      "С чем трудности: с учёбой или с поведением?\nОт ответа зависит, какой заместитель директора будет вести случай.",
    );
    await teacher.press("📚 Учёба (замдиректора по УВР)");
    const opened = await teacher.press("Открыть случай");
    expect(textsOf(opened).at(-1)).toContain("Заместитель: Кузнецова Е. В.");
    const row = await db.prisma.case.findFirstOrThrow({ where: { schoolId: world.schoolId, regulationId: "interaction-2-difficulty" } });
    expect(row.deputyMemberId).toBe(learning.memberId);

    await logMeasure(fixtureDeps(db.prisma, clock.now), {
      actor: world.teacher,
      caseId: String(row.id),
      withWhom: "subjectTeacher",
      what: "консультации по математике после уроков",
      form: "conversation",
      person: "Орлова Н. Н., учитель математики",
      result: "пропусков консультаций нет, оценки прежние",
    });
    await teacher.pressData(`df:memo:${row.id}`);
    await teacher.send("Пётр не справляется с программой по математике; консультации не помогли.");
    const sent = await teacher.press("Организовать встречу с родителями");
    expect(textsOf(sent)).toContain(
      "Служебная записка отправлена: Кузнецова Елена Викторовна. Шаг 2 отмечен выполненным (корпоративная почта).",
    );
    const toLearning = telegram.documents.filter((d) => d.chatId === 9802);
    expect(toLearning).toHaveLength(1);
    const memo = docxParagraphs(toLearning[0]!.bytes);
    expect(memo.slice(0, 6)).toEqual([
      "Заместителю директора по учебно-воспитательной работе",
      "Кузнецовой Е. В.",
      "от классного руководителя 7Б класса",
      "Петровой О. И.",
      "Служебная записка",
      "О ситуации с обучающимся 7Б класса Ивановым Петром",
    ]);
    expect(memo).toContain(
      "1. 16.11.2026 — с учителем-предметником (Орлова Н. Н., учитель математики), беседа: консультации по математике после уроков. Результат: пропусков консультаций нет, оценки прежние",
    );
    expect(telegram.documents.filter((d) => d.chatId === 9801)).toEqual([]);
  });

  it("absence goes to the deputy for upbringing; handed to another deputy, the next escalation goes to the new one", async () => {
    clock.set("2026-11-16");
    const caseId = await world.openCase({ studentId: world.studentIds[1]!, openedOn: "2026-11-16" });
    expect((await caseRow(caseId)).deputyMemberId).toBe(world.deputy.memberId);

    // The teacher sees who is in charge but cannot change it.
    const card = await teacher.pressData(`cc:o:${caseId}`);
    const cardText = String(card.filter((c) => c.method === "editMessageText" || c.method === "sendMessage").at(-1)!.payload.text);
    expect(cardText).toContain("Заместитель: Соколова М. В.");
    expect(card.flatMap(buttonsOf).map((b) => b.text)).not.toContain("🔁 Сменить заместителя");
    await teacher.pressData(`dq:s:${caseId}:${learning.memberId}`);
    expect((await caseRow(caseId)).deputyMemberId).toBe(world.deputy.memberId);

    // The deputy for upbringing hands it over.
    await upbringingDeputy.pressData(`cc:o:${caseId}`);
    await upbringingDeputy.press("🔁 Сменить заместителя");
    expect(upbringingDeputy.lastText()).toBe("Какой заместитель будет вести случай?");
    // A forged press naming a teacher is refused: only a deputy of this school can take a case.
    await upbringingDeputy.pressData(`dq:s:${caseId}:${world.teacher.memberId}`);
    expect((await caseRow(caseId)).deputyMemberId).toBe(world.deputy.memberId);
    await upbringingDeputy.press("Кузнецова Елена Викторовна");
    expect((await caseRow(caseId)).deputyMemberId).toBe(learning.memberId);
    expect(learningDeputy.lastText().split("\n")).toEqual([
      "📌 Смирнова А., 7Б: случай передан вам",
      "Регламент: Пропуски более 10 учебных дней (критерий №22)",
      "Классный руководитель: Петрова Ольга Ивановна",
      "Кем передано: Соколова Марина Викторовна",
    ]);
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "case.deputyReassigned", subject: `case:${caseId}`, actorId: world.deputy.userId! },
      }),
    ).toBe(1);

    // Step 2 «сообщить заместителю» is late: the planner tells the deputy now in charge, not the one before.
    clock.set("2026-11-20");
    await planReminders({ ...fixtureDeps(db.prisma, clock.now) });
    expect(await escalations(caseId)).toEqual([`escalationDeputy → ${learning.userId}`]);
  });
});

describe("the director step for late steps is the school's choice", () => {
  const clock = movableClock("2026-11-16");
  let world: CaseWorld;
  let director: Person;
  let caseId: number;
  let h: ReturnType<typeof createHarness>;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9850, now: clock.now });
    director = await world.addPerson(9853, "Директорова Елена Павловна", ["director", "admin"]);
    caseId = await world.openCase({ openedOn: "2026-11-16" });
    h = createHarness({ db: db.prisma, now: clock.now });
  });

  it("off by default: a step still late after the deputy heard of it stays with the deputy", async () => {
    clock.set("2026-11-24");
    await planReminders({ ...fixtureDeps(db.prisma, clock.now) });
    expect(await escalations(caseId)).toEqual([`escalationDeputy → ${world.deputy.userId}`]);
  });

  it("turned on in /admin, the director hears of it", async () => {
    const admin = h.user({ id: 9853, first_name: "Елена", language_code: "ru" });
    await admin.pressData("adm:s:ds:1");
    await planReminders({ ...fixtureDeps(db.prisma, clock.now) });
    expect(await escalations(caseId)).toEqual([`escalationDeputy → ${world.deputy.userId}`, `escalationDirector → ${director.userId}`]);
  });
});
