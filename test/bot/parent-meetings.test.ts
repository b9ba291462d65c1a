import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseStudent } from "../../src/app/admin/erase-student.js";
import { addParent } from "../../src/app/students/student-family.js";
import { inviteParent, recordParentAttendance } from "../../src/app/cases/parent-meetings.js";
import { buttonsOf, createHarness, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 14, meetings with parents: an invitation records who, how and for which day; on that day
 * or later the teacher records whether the parent came. A no-show is a fact of the chronology
 * (evidence for the КДН); an old or forged button changes nothing.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const toast = (calls: ApiCall[]) => calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
const buttonTexts = (calls: ApiCall[]) => calls.flatMap(buttonsOf).map((b) => b.text);

describe("meetings with the parents of a case", () => {
  const clock = movableClock("2026-12-02");
  let world: CaseWorld;
  let h: ReturnType<typeof createHarness>;
  let teacher: ChatUser;
  let caseId: number;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9750, now: clock.now });
    caseId = await world.openCase({ openedOn: "2026-12-01" });
    h = createHarness({ db: db.prisma, now: clock.now });
    teacher = h.user({ id: 9750, first_name: "Ольга", language_code: "ru" });
  });

  it("needs a parent first", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("👪 Семья");
    await teacher.press("📨 Пригласить на встречу");
    expect(teacher.lastText()).toBe("Сначала внесите родителя: кнопка «➕ Добавить родителя».");
    expect(await db.prisma.parentMeeting.count()).toBe(0);
  });

  it("an invitation asks whom, how and for which day; a day too far or too long ago is refused", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    await addParent(deps, { actor: world.teacher, caseId: String(caseId), relation: "mother", fullName: "Иванова Мария Петровна" });
    await addParent(deps, { actor: world.teacher, caseId: String(caseId), relation: "guardian", fullName: "Ким Саша" });
    await teacher.pressData(`fm:v:${caseId}`);
    await teacher.press("📨 Пригласить на встречу");
    expect(teacher.lastText()).toBe("Кого пригласили на встречу?");
    await teacher.press("Мать: Иванова Мария Петровна");
    expect(teacher.lastText()).toBe("Как пригласили?");
    const ways = await teacher.press("📞 По телефону");
    expect(teacher.lastText()).toBe("На какой день назначена встреча? Напишите дату, например 10.12.");
    expect(buttonTexts(ways)).toEqual(["Отмена"]);
    await teacher.send("10.03");
    expect(teacher.lastText()).toBe("Встречу можно записать не более чем на 60 дней вперёд.");
    await teacher.send("01.10.2026");
    expect(teacher.lastText()).toBe("Эта дата слишком давно: можно записать встречу не раньше чем за 30 дней до сегодня.");
    await teacher.send("04.12");
    expect(teacher.texts().at(-2)).toBe("Записано: приглашение на встречу 04.12.2026.");
    expect(teacher.lastText()).toContain(
      "📅 Встречи с родителями по этому случаю:\n1. 04.12.2026 — Иванова Мария Петровна (мать)\n   приглашение по телефону 02.12.2026\n",
    );
    const rows = await db.prisma.parentMeeting.findMany();
    expect(rows.map((r) => [r.parentName, r.relation, r.invitedVia, r.invitedOn, r.meetingOn, r.attended])).toEqual([
      ["Иванова Мария Петровна", "mother", "phone", "2026-12-02", "2026-12-04", null],
    ]);
  });

  it("attendance is not asked before the day; a forged button before it is refused with a reason", async () => {
    const family = await teacher.pressData(`fm:v:${caseId}`);
    expect(buttonTexts(family).filter((b) => b.includes("Пришла") || b.includes("Не пришла"))).toEqual([]);
    const meeting = await db.prisma.parentMeeting.findFirstOrThrow();
    const early = await teacher.pressData(`fm:n:${caseId}:${meeting.id}`);
    expect(toast(early)).toBe("Явку можно отметить в день встречи или позже.");
    expect((await db.prisma.parentMeeting.findFirstOrThrow()).attended).toBeNull();
  });

  it("on the day, «Не пришла» records the no-show once; it is in the chronology with the gender right", async () => {
    clock.set("2026-12-04");
    const family = await teacher.pressData(`fm:v:${caseId}`);
    expect(teacher.lastText()).toContain("   приглашение по телефону 02.12.2026 · ⏳ явка не отмечена");
    expect(buttonTexts(family)).toEqual(expect.arrayContaining(["✅ 1. Пришла", "❌ 1. Не пришла"]));
    const pressed = await teacher.press("❌ 1. Не пришла");
    expect(toast(pressed)).toBe("Явка отмечена.");
    expect(teacher.lastText()).toContain("   приглашение по телефону 02.12.2026 · ❌ не пришла");
    expect(buttonTexts(pressed)).not.toContain("✅ 1. Пришла");

    const meeting = await db.prisma.parentMeeting.findFirstOrThrow();
    expect(meeting.attended).toBe(false);
    const again = await teacher.pressData(`fm:y:${caseId}:${meeting.id}`);
    expect(toast(again)).toBe("Явка уже отмечена.");
    expect((await db.prisma.parentMeeting.findFirstOrThrow()).attended).toBe(false);

    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("🕓 Хронология");
    expect(teacher.lastText()).toContain(
      "02.12.2026 · Петрова Ольга Ивановна — 📨 мать Иванова Мария Петровна приглашена на встречу 04.12.2026 по телефону",
    );
    expect(teacher.lastText()).toContain(
      "04.12.2026 · Петрова Ольга Ивановна — ❌ мать Иванова Мария Петровна не пришла на встречу 04.12.2026",
    );
  });

  it("a guardian whose gender the name does not tell is written without guessing", async () => {
    await teacher.pressData(`fm:v:${caseId}`);
    await teacher.press("📨 Пригласить на встречу");
    await teacher.press("Законный представитель: Ким Саша");
    await teacher.press("🗣 Лично");
    await teacher.send("04.12");
    const family = await teacher.pressData(`fm:v:${caseId}`);
    expect(teacher.lastText()).toContain(
      "2. 04.12.2026 — Ким Саша (законный представитель)\n   приглашение лично 04.12.2026 · ⏳ явка не отмечена",
    );
    expect(buttonTexts(family)).toEqual(expect.arrayContaining(["✅ 2. Пришёл(а)", "❌ 2. Не пришёл(а)"]));
    await teacher.press("✅ 2. Пришёл(а)");
    expect(teacher.lastText()).toContain("приглашение лично 04.12.2026 · ✅ присутствовал(а)");
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("🕓 Хронология");
    expect(teacher.lastText()).toContain("✅ законный представитель Ким Саша присутствовал(а) на встрече 04.12.2026");
  });

  it("another class's teacher can neither invite nor mark by forging buttons", async () => {
    await world.addPerson(9752, "Белова Ирина Андреевна", ["teacher"]);
    const other = h.user({ id: 9752, first_name: "Ирина", language_code: "ru" });
    const before = await db.prisma.parentMeeting.findMany({ orderBy: { id: "asc" } });
    await other.pressData(`fm:i:${caseId}`);
    expect(other.texts().join("\n")).not.toContain("Кого пригласили");
    await other.pressData(`fm:y:${caseId}:${before[0]!.id}`);
    expect(await db.prisma.parentMeeting.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("a meeting still waiting for its mark keeps its buttons however many came after", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const parent = await db.prisma.studentParent.findFirstOrThrow({ where: { studentId: world.studentIds[0]! } });
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { meetingId } = await inviteParent(deps, {
        actor: world.teacher,
        caseId: String(caseId),
        parentId: parent.id,
        via: "letter",
        meetingOn: "2026-12-04",
      });
      ids.push(meetingId);
    }
    // All but the first of these seven marked; the first stays waiting behind six later ones.
    for (const id of ids.slice(1))
      await recordParentAttendance(deps, { actor: world.teacher, caseId: String(caseId), meetingId: id, attended: true });
    const waiting = await db.prisma.parentMeeting.count({ where: { caseId, attended: null } });
    const family = await teacher.pressData(`fm:v:${caseId}`);
    const n =
      (await db.prisma.parentMeeting.findMany({ where: { caseId }, orderBy: [{ meetingOn: "asc" }, { id: "asc" }] })).findIndex(
        (m) => m.id === ids[0],
      ) + 1;
    expect(waiting).toBeGreaterThan(0);
    expect(buttonTexts(family)).toEqual(expect.arrayContaining([`✅ ${n}. Пришла`, `❌ ${n}. Не пришла`]));
  });

  it("erasing the student erases the meetings; the audit rows hold ids only", async () => {
    const admin = await world.addPerson(9753, "Орлова Нина Павловна", ["admin"]);
    await eraseStudent(fixtureDeps(db.prisma, clock.now), { actor: admin, studentId: world.studentIds[0]! });
    expect(await db.prisma.parentMeeting.count()).toBe(0);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: { in: ["case.parentInvited", "case.parentAttendance"] } } });
    // Every invitation and every mark of this file's meetings (2 + 2 earlier, 7 + 6 above).
    expect(audit).toHaveLength(17);
    const stored = JSON.stringify(audit);
    for (const secret of ["Иванова", "Ким", "phone"]) expect(stored).not.toContain(secret);
  });
});
