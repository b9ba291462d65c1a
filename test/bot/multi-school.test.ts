import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, type ChatUser, type Harness } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { movableClock, seedCaseWorld, type CaseWorld, type Person } from "../support/case-fixtures.js";
import { addClass, addStaff } from "../support/school-setup.js";
import { openCase } from "../../src/app/cases/open-case.js";
import { fixtureDeps } from "../support/case-fixtures.js";

/*
 * Two schools on one installation: nobody of school A sees, finds, opens, changes, exports or is
 * told about anything of school B, whatever they type or whatever callback data they forge.
 */

let db: TestDatabase;
const clock = movableClock("2026-11-16");
let a: CaseWorld;
let b: CaseWorld;
let caseA: number;
let caseB: number;
let h: Harness;
let teacherA: ChatUser;
let deputyA: ChatUser;
let adminA: ChatUser;
let adminAPerson: Person;

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedCaseWorld(db.prisma, { name: "Школа А", telegramBase: 7100, now: clock.now });
  b = await seedCaseWorld(db.prisma, {
    name: "Школа Б",
    telegramBase: 7200,
    now: clock.now,
    teacherName: "Белова Нина Павловна",
    students: ["Кузнецов Артём Игоревич"],
  });
  caseA = await a.openCase({ openedOn: "2026-11-16" });
  caseB = await b.openCase({ openedOn: "2026-11-16" });
  adminAPerson = await a.addPerson(7105, "Админова Анна Андреевна", ["admin"]);
  h = createHarness({ db: db.prisma, now: clock.now });
  teacherA = h.user({ id: 7100, first_name: "Ольга", language_code: "ru" });
  deputyA = h.user({ id: 7101, first_name: "Марина", language_code: "ru" });
  adminA = h.user({ id: 7105, first_name: "Анна", language_code: "ru" });
});
afterAll(async () => {
  await db.destroy();
});

function everything(calls: ApiCall[]): string {
  return JSON.stringify(calls);
}

async function caseBSnapshot() {
  const row = await db.prisma.case.findUniqueOrThrow({ where: { id: caseB } });
  return {
    revision: row.revision,
    status: row.status,
    teacherId: row.teacherId,
    steps: row.steps,
    events: await db.prisma.caseEvent.count({ where: { caseId: caseB } }),
  };
}

describe("a user of school A and school B's data", () => {
  it("finds nothing of school B by /case, by a surname typed alone, or inline", async () => {
    for (const user of [teacherA, deputyA, adminA]) {
      const byCommand = await user.send("/case Кузнецов");
      expect(user.lastText()).toBe("Не нашёл ученика «Кузнецов». Проверьте фамилию.");
      const byText = await user.send("Кузнецов");
      const inline = await user.inlineQuery("Кузнецов");
      expect(inline.find((c) => c.method === "answerInlineQuery")?.payload.results).toEqual([]);
      expect(everything([...byCommand, ...byText, ...inline])).not.toMatch(/Кузнецов Артём|Кузнецов А\./);
    }
  });

  it("cannot open or change school B's case with hand-crafted card data", async () => {
    const before = await caseBSnapshot();
    for (const user of [teacherA, deputyA, adminA]) {
      for (const data of [
        `cc:o:${caseB}`,
        `cc:d:${caseB}:0`,
        `cc:h:${caseB}`,
        `cc:x:${caseB}`,
        `cc:xy:${caseB}:0`,
        `cc:sk:${caseB}:1`,
        `cc:p:${caseB}`,
        `cc:nd:${caseB}`,
        `lk:c:${caseB}`,
      ]) {
        const calls = await user.pressData(data);
        expect(calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
        expect(everything(calls)).not.toContain("Кузнецов");
      }
    }
    // The deputy of A has "reassign" in A, never in B.
    await deputyA.pressData(`adm:rt:${caseB}:${a.teacher.memberId}`);
    expect(await caseBSnapshot()).toEqual(before);
    expect(
      await db.prisma.auditEvent.count({
        where: { schoolId: b.schoolId, actorId: { in: [a.teacher.userId!, a.deputy.userId!, adminAPerson.userId!] } },
      }),
    ).toBe(0);
  });

  it("cannot export, erase or hand over anything of school B through forged /admin data", async () => {
    const studentB = b.studentIds[0]!;
    const exported = await adminA.pressData(`adm:sx:${studentB}`);
    expect(exported.some((c) => c.method === "sendDocument")).toBe(false);
    expect(exported.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Не нашлось: возможно, данные уже изменились.");
    await adminA.pressData(`adm:sey:${studentB}`);
    await adminA.pressData(`adm:ct:${b.classId}:${a.teacher.memberId}`);
    await adminA.pressData(`adm:dy:${b.teacher.memberId}`);
    await adminA.pressData(`adm:r:${b.teacher.memberId}:4`);
    expect(await db.prisma.student.count({ where: { id: studentB } })).toBe(1);
    expect(await db.prisma.schoolClass.findUniqueOrThrow({ where: { id: b.classId } })).toMatchObject({ teacherId: b.teacher.memberId });
    expect(
      await db.prisma.member.findUniqueOrThrow({ where: { id: b.teacher.memberId }, include: { roles: { select: { role: true } } } }),
    ).toMatchObject({ active: true, roles: [{ role: "teacher" }] });
    expect(await caseBSnapshot()).toMatchObject({ teacherId: b.teacher.memberId, status: "open" });
  });

  it("is never notified about school B: deactivating B's teacher tells B's deputy only", async () => {
    const adminB = await b.addPerson(7205, "Админов Борис Борисович", ["admin"]);
    const adminBChat = h.user({ id: adminB.telegramId, first_name: "Борис", language_code: "ru" });
    h.telegram.clear();
    await adminBChat.pressData(`adm:dy:${b.teacher.memberId}`);
    await h.deliver();
    const chats = new Set(h.telegram.calls.filter((c) => c.method === "sendMessage").map((c) => Number(c.payload.chat_id)));
    expect(chats.has(b.deputy.telegramId)).toBe(true);
    for (const id of [7100, 7101, 7105]) expect(chats.has(id)).toBe(false);
  });
});

describe("callback data from another user's message", () => {
  it("is refused: a second teacher of the same school presses the first teacher's card buttons", async () => {
    const other = await a.addPerson(7106, "Смирнов Олег Олегович", ["teacher"]);
    const otherChat = h.user({ id: other.telegramId, first_name: "Олег", language_code: "ru" });
    const shown = await teacherA.pressData(`cc:o:${caseA}`);
    const done = buttonsOf(shown.find((c) => c.method === "editMessageText")!).find((b) => b.text === "✅ Выполнено")!;
    const before = await db.prisma.case.findUniqueOrThrow({ where: { id: caseA } });
    const calls = await otherChat.pressData(done.callback_data);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Случай не найден или недоступен вам.");
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: caseA } })).revision).toBe(before.revision);
    expect(await db.prisma.auditEvent.count({ where: { action: "access.denied", actorId: other.userId! } })).toBeGreaterThan(0);
  });
});

describe("a person working in two schools", () => {
  let both: ChatUser;
  let schoolOf: { a: number; b: number };

  beforeAll(async () => {
    const inA = await addStaff(db.prisma, a.schoolId, 7300, "Двойкина Вера Петровна", ["teacher"]);
    const inB = await addStaff(db.prisma, b.schoolId, 7300, "Двойкина Вера Петровна", ["teacher"]);
    const classA = await addClass(db.prisma, a.schoolId, "5А", inA, ["Орлов Глеб Ильич"]);
    const classB = await addClass(db.prisma, b.schoolId, "6В", inB, ["Зайцев Лев Романович"]);
    await openCase(fixtureDeps(db.prisma, clock.now), {
      actor: inA,
      regulationId: "absence-criterion-22",
      studentId: classA.ids["Орлов Глеб Ильич"]!,
    });
    await openCase(fixtureDeps(db.prisma, clock.now), {
      actor: inB,
      regulationId: "absence-criterion-22",
      studentId: classB.ids["Зайцев Лев Романович"]!,
    });
    schoolOf = { a: a.schoolId, b: b.schoolId };
    both = h.user({ id: 7300, first_name: "Вера", language_code: "ru" });
  });

  it("sees only the active school's students and switches explicitly with /school_switch", async () => {
    await both.send("/case Зайцев");
    expect(both.lastText()).toBe("Не нашёл ученика «Зайцев». Проверьте фамилию.");
    await both.send("/case Орлов");
    expect(both.lastText()).toContain("Орлов Глеб Ильич, 5А");

    const menu = await both.send("/school_switch");
    expect(buttonsOf(menu.find((c) => c.method === "sendMessage")!).map((b) => b.text)).toEqual(["✅ Школа А", "Школа Б"]);
    await both.press("Школа Б");
    expect(both.lastText()).toBe("Теперь вы работаете в школе «Школа Б».");
    expect(await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 7300n } })).toMatchObject({ activeSchoolId: schoolOf.b });

    await both.send("/case Орлов");
    expect(both.lastText()).toBe("Не нашёл ученика «Орлов». Проверьте фамилию.");
    await both.send("/case Зайцев");
    expect(both.lastText()).toContain("Зайцев Лев Романович, 6В");
    const inline = await both.inlineQuery("Орлов");
    expect(inline.find((c) => c.method === "answerInlineQuery")?.payload.results).toEqual([]);
  });

  it("cannot switch to a school they do not belong to", async () => {
    const stranger = await seedCaseWorld(db.prisma, { name: "Школа В", telegramBase: 7400, now: clock.now });
    const calls = await both.pressData(`sw:${stranger.schoolId}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Это действие вам недоступно.");
    expect(await db.prisma.user.findUniqueOrThrow({ where: { telegramId: 7300n } })).toMatchObject({ activeSchoolId: schoolOf.b });
    const plain = await teacherA.send("/school_switch");
    expect(plain.at(-1)?.payload.text).toBe("Вы работаете в одной школе: Школа А.");
  });
});
