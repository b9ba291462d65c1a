import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvite } from "../../src/app/invites/create-invite.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";

/*
 * Names in documents: the library declines a name when it is sure; a staff member whose name it is
 * not sure of is asked once, when they give the name, and their answer is what the memo says.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

async function nameForms(telegramId: number) {
  return db.prisma.user.findUniqueOrThrow({
    where: { telegramId: BigInt(telegramId) },
    select: { fullName: true, nameDative: true, nameGenitive: true },
  });
}

describe("a name the library is not sure of is asked once and used in the memo", () => {
  const clock = movableClock("2026-11-16");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let caseId: number;
  let teacher: ChatUser;
  let h: ReturnType<typeof createHarness>;

  beforeAll(async () => {
    // The student's name is one the library cannot be sure of («Лев» — a man's or a woman's surname?).
    world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now, students: ["Лев Саша"] });
    caseId = await world.openCase({ regulationId: "interaction-2-difficulty", openedOn: "2026-11-16" });
    h = createHarness({ db: db.prisma, now: clock.now, telegram, deliverOutbox: true });
    teacher = h.user({ id: 9700, first_name: "Ольга", language_code: "ru" });
  });

  it("a new deputy called «Гусь Павел Ильич» is asked how the name reads, and types both forms", async () => {
    const invite = await createInvite({ db: db.prisma, now: clock.now }, { by: "cli", schoolId: world.schoolId, role: "deputy" });
    const deputy = h.user({ id: 9710, first_name: "Павел", language_code: "ru" });
    const joined = textsOf(await deputy.send(`/start ${invite.token}`));
    expect(joined.at(-1)).toMatch(/^Как вас указывать в сообщениях коллегам\?/);

    const asked = await deputy.send("Гусь Павел Ильич");
    expect(textsOf(asked)).toEqual([
      "Как писать ваше имя в документах, например в служебной записке? Проверьте:\n\n" +
        "кому: Гусь Павлу Ильичу\nот кого: Гусь Павла Ильича\n\n" +
        "Если верно — нажмите кнопку. Если нет — напишите обе формы, каждую с новой строки: сначала «кому», затем «от кого». Например:\n" +
        "Кузнецовой Елене Викторовне\nКузнецовой Елены Викторовны",
    ]);
    expect(buttonsOf(asked.at(-1)!).map((b) => b.text)).toEqual(["Верно: Гусь Павлу Ильичу"]);

    // One line, or the wrong number of words: the question stands, with a hint.
    expect(textsOf(await deputy.send("Гусю Павлу Ильичу"))[0]).toMatch(/^Напишите две строки/);
    expect(textsOf(await deputy.send("Гусю Павлу\nГуся Павла"))[0]).toMatch(/^Напишите две строки/);

    const saved = await deputy.send("Гусю Павлу Ильичу\nГуся Павла Ильича");
    expect(textsOf(saved)).toEqual([
      "Сохранено. В документах: кому — Гусю Павлу Ильичу; от кого — Гуся Павла Ильича.",
      expect.stringMatching(/^Если хотите, поделитесь номером телефона/),
    ]);
    expect(await nameForms(9710)).toEqual({
      fullName: "Гусь Павел Ильич",
      nameDative: "Гусю Павлу Ильичу",
      nameGenitive: "Гуся Павла Ильича",
    });
    await deputy.send("Пропустить");
    await deputy.press("Русский");

    // The school makes them the deputy in charge of the case.
    const member = await db.prisma.member.findFirstOrThrow({ where: { schoolId: world.schoolId, user: { telegramId: BigInt(9710) } } });
    await db.prisma.case.update({ where: { id: caseId }, data: { deputyMemberId: member.id } });
  });

  it("the teacher renames herself «Лев Анна Петровна» in /settings, confirms the reading offered, and is not asked again for the same name", async () => {
    await teacher.send("/settings");
    await teacher.press("Имя");
    const asked = await teacher.send("Лев Анна Петровна");
    expect(textsOf(asked)[0]).toContain("Проверьте:\n\nкому: Лев Анне Петровне\nот кого: Лев Анны Петровны\n\n");
    expect(buttonsOf(asked.at(-1)!).map((b) => b.text)).toEqual(["Верно: Лев Анне Петровне"]);
    const saved = await teacher.press("Верно: Лев Анне Петровне");
    expect(textsOf(saved)).toEqual([
      "Сохранено. В документах: кому — Лев Анне Петровне; от кого — Лев Анны Петровны.",
      "Сохранено: Лев Анна Петровна.",
    ]);
    expect(await nameForms(9700)).toMatchObject({ nameDative: "Лев Анне Петровне", nameGenitive: "Лев Анны Петровны" });

    // The same name again: nothing to ask, the forms stay.
    await teacher.send("/settings");
    await teacher.press("Имя");
    expect(textsOf(await teacher.send("Лев Анна Петровна"))).toEqual(["Сохранено: Лев Анна Петровна."]);
    expect(await nameForms(9700)).toMatchObject({ nameDative: "Лев Анне Петровне", nameGenitive: "Лев Анны Петровны" });
  });

  it("the memo says «кому» and «от кого» as they were given, and the student after a colon", async () => {
    await teacher.pressData(`df:memo:${caseId}`);
    await teacher.send("Саша систематически не готовится к урокам.");
    await teacher.press("Организовать встречу с родителями");
    const memo = telegram.documents.find((d) => d.chatId === 9710)!;
    const paragraphs = docxParagraphs(memo.bytes);
    expect(paragraphs.slice(0, 6)).toEqual([
      "Заместителю директора",
      "Гусю П. И.",
      "от классного руководителя 7Б класса",
      "Лев А. П.",
      "Служебная записка",
      "О ситуации с обучающимся 7Б класса: Лев Саша",
    ]);
    expect(paragraphs).toContain("Довожу до Вашего сведения ситуацию с обучающимся 7Б класса. ФИО обучающегося: Лев Саша.");
    expect(paragraphs.at(-1)).toBe("Классный руководитель 7Б класса ____________ А. П. Лев");
  });

  it("a new name drops the forms of the old one", async () => {
    await teacher.send("/settings");
    await teacher.press("Имя");
    expect(textsOf(await teacher.send("Кузнецова Анна Петровна"))).toEqual(["Сохранено: Кузнецова Анна Петровна."]);
    expect(await nameForms(9700)).toEqual({ fullName: "Кузнецова Анна Петровна", nameDative: null, nameGenitive: null });
  });
});

describe("a name the library is sure of", () => {
  it("is not asked: the phone question follows the name", async () => {
    const clock = movableClock("2026-11-16");
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9800, now: clock.now });
    const h = createHarness({ db: db.prisma, now: clock.now });
    const invite = await createInvite(
      { db: db.prisma, now: clock.now },
      { by: "cli", schoolId: world.schoolId, role: "teacher", classLabel: "8А" },
    );
    const teacher = h.user({ id: 9810, first_name: "Елена", language_code: "ru" });
    await teacher.send(`/start ${invite.token}`);
    expect(textsOf(await teacher.send("Кузнецова Елена Викторовна"))).toEqual([
      expect.stringMatching(/^Если хотите, поделитесь номером телефона/),
    ]);
    expect(await nameForms(9810)).toEqual({ fullName: "Кузнецова Елена Викторовна", nameDative: null, nameGenitive: null });
  });
});
