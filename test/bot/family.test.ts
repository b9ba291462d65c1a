import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseStudent } from "../../src/app/admin/erase-student.js";
import { createHarness, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 14, parents and legal guardians: typed on the card («👪 Семья»), checked
 * (a name in letters, a phone number), kept once, removable, in the case file; the class teacher's
 * характеристика with it. Erasing the student erases them, and the audit keeps ids only.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const toast = (calls: ApiCall[]) => calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;

describe("a student's family on the card", () => {
  const clock = movableClock("2026-12-02");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;
  let caseId: number;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9700, now: clock.now });
    caseId = await world.openCase({ openedOn: "2026-12-01" });
    h = createHarness({ db: db.prisma, now: clock.now, telegram });
    teacher = h.user({ id: 9700, first_name: "Ольга", language_code: "ru" });
  });

  it("starts empty; a parent is asked for who, the name and the phone, each checked", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("👪 Семья");
    expect(teacher.lastText()).toBe(
      "👪 Семья: Иванов Пётр Сергеевич, 7Б\n\nРодители (законные представители) не внесены.\n\n📝 Характеристика не составлена.",
    );
    await teacher.press("➕ Добавить родителя");
    expect(teacher.lastText()).toBe("Кто это обучающемуся?");
    await teacher.press("Мать");
    expect(teacher.lastText()).toBe("Фамилия, имя и отчество (например: Иванова Мария Петровна).");
    await teacher.send("<b>мама</b>");
    expect(teacher.lastText()).toBe("Напишите фамилию, имя и отчество буквами, до 150 символов.");
    await teacher.send("Иванова   Мария Петровна");
    expect(teacher.lastText()).toBe("Телефон для связи (например: 8 916 123-45-67) — или «Без телефона».");
    await teacher.send("позвонить вечером");
    expect(teacher.lastText()).toBe("Не похоже на номер телефона. Напишите, например: 8 916 123-45-67.");
    await teacher.send("8 (916) 123-45-67");
    expect(teacher.texts().at(-2)).toBe("Добавлено: Мать — Иванова Мария Петровна.");
    expect(teacher.lastText()).toContain("1. Мать: Иванова Мария Петровна, +7 (916) 123-45-67");

    await teacher.press("➕ Добавить родителя");
    await teacher.press("Отец");
    await teacher.send("Иванов Сергей Николаевич");
    await teacher.press("Без телефона");
    expect(teacher.lastText()).toContain("2. Отец: Иванов Сергей Николаевич\n");

    // The same mother typed again (another spelling of «ё», other case) is not doubled.
    await teacher.press("➕ Добавить родителя");
    await teacher.press("Мать");
    await teacher.send("иванова мария петровна");
    await teacher.send("+7 916 123 45 67");
    expect(teacher.texts().at(-2)).toBe("Этот родитель уже внесён.");
    const rows = await db.prisma.studentParent.findMany({ where: { studentId: world.studentIds[0]! }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.relation, r.fullName, r.phone])).toEqual([
      ["mother", "Иванова Мария Петровна", "+79161234567"],
      ["father", "Иванов Сергей Николаевич", null],
    ]);
  });

  it("the характеристика is typed once and shown with its author and date; a parent is removed by a tap", async () => {
    await teacher.press("📝 Написать характеристику");
    await teacher.send("Пётр спокоен, с одноклассниками дружелюбен. Пропуски начались после переезда семьи.");
    expect(teacher.texts().at(-2)).toBe("Характеристика сохранена.");
    expect(teacher.lastText()).toContain(
      "📝 Характеристика (Петрова О. И., 02.12.2026):\nПётр спокоен, с одноклассниками дружелюбен. Пропуски начались после переезда семьи.",
    );
    const removed = await teacher.press("🗑 Удалить 2. Иванов Сергей Николаевич");
    expect(toast(removed)).toBe("Удалено.");
    expect(teacher.lastText()).not.toContain("Отец");
    expect(await db.prisma.studentParent.count({ where: { studentId: world.studentIds[0]! } })).toBe(1);
  });

  it("goes into the case file", async () => {
    await teacher.pressData(`cf:${caseId}`);
    const all = docxParagraphs(telegram.documents.at(-2)!.bytes).join("\n");
    expect(all).toContain("Семья\nМать: Иванова Мария Петровна, +7 (916) 123-45-67\nХарактеристика\nПётр спокоен");
    expect(all).toContain("Составил(а): Петрова Ольга Ивановна, 02.12.2026");
  });

  it("another class's teacher cannot read or change it by forging buttons; a deputy may add", async () => {
    await world.addPerson(9702, "Белова Ирина Андреевна", ["teacher"]);
    const other = h.user({ id: 9702, first_name: "Ирина", language_code: "ru" });
    const parent = await db.prisma.studentParent.findFirstOrThrow({ where: { studentId: world.studentIds[0]! } });
    await other.pressData(`fm:v:${caseId}`);
    expect(other.texts().join("\n")).not.toContain("Иванова");
    await other.pressData(`fm:d:${caseId}:${parent.id}`);
    await other.pressData(`fm:a:${caseId}`);
    expect(other.texts().join("\n")).not.toContain("Кто это обучающемуся?");
    expect(await db.prisma.studentParent.count({ where: { studentId: world.studentIds[0]! } })).toBe(1);
    // A parent's id from another student is refused even for the teacher of the case.
    await teacher.pressData(`fm:d:${caseId}:${parent.id + 1000}`);
    expect(await db.prisma.studentParent.count({ where: { studentId: world.studentIds[0]! } })).toBe(1);

    const deputy = h.user({ id: 9701, first_name: "Марина", language_code: "ru" });
    await deputy.pressData(`fm:a:${caseId}`);
    await deputy.press("Законный представитель");
    await deputy.send("Петрова Анна Ивановна");
    await deputy.send("9031112233");
    expect(deputy.lastText()).toContain("2. Законный представитель: Петрова Анна Ивановна, +7 (903) 111-22-33");
  });

  it("erasing the student erases the family; the audit rows hold no names or numbers", async () => {
    const admin = await world.addPerson(9703, "Орлова Нина Павловна", ["admin"]);
    await eraseStudent(fixtureDeps(db.prisma, clock.now), { actor: admin, studentId: world.studentIds[0]! });
    expect(await db.prisma.studentParent.count({ where: { studentId: world.studentIds[0]! } })).toBe(0);
    const audit = await db.prisma.auditEvent.findMany({ where: { subject: `student:${world.studentIds[0]!}` } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["student.parentAdded", "student.parentRemoved", "student.characteristicSaved", "student.erased"]),
    );
    const stored = JSON.stringify(audit);
    for (const secret of ["Иванова", "Петрова Анна", "916", "Пётр спокоен"]) expect(stored).not.toContain(secret);
  });
});
