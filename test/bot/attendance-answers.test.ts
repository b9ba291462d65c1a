import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAttendance } from "../../src/app/attendance/import-attendance.js";
import { planAttendanceWarnings } from "../../src/app/attendance/plan-attendance-warnings.js";
import { planDeputyDigests } from "../../src/app/deputy/plan-deputy-digests.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { toCp1251 } from "../support/cp1251.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 15, answering an early warning: «📞 Связь с семьёй есть» records an early contact (the
 * deputy's digest shows it), «✅ Причина уважительная» with a note stops the run from counting until
 * the student is back; the school's threshold decides when a warning comes. Forged buttons write
 * nothing.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** 7Б's journal: each student's marks by date («Н», «П» or empty). */
function journal(dates: string[], petr: string[], anna: string[] = dates.map(() => "")): Uint8Array {
  return toCp1251(
    [
      ["ФИО", "Класс", ...dates].join(";"),
      ["Иванов Пётр Сергеевич", "7Б", ...petr].join(";"),
      ["Смирнова Анна Олеговна", "7Б", ...anna].join(";"),
    ].join("\n"),
  );
}

const NOV_2_TO_9 = ["02.11.2026", "03.11.2026", "05.11.2026", "06.11.2026", "09.11.2026"];

describe("answering the early warning", () => {
  const clock = movableClock("2026-11-09T10:00:00+03:00");
  let world: CaseWorld;
  let teacher: ChatUser;
  let deputy: ChatUser;
  let harness: ReturnType<typeof createHarness>;
  /** The teacher loads 7Б's journal (see journal()) on `today`. */
  const load = (today: string, ...columns: Parameters<typeof journal>) =>
    importAttendance({ db: db.prisma, now: clock.now }, { by: world.teacher, bytes: journal(...columns), today });
  const warn = async () => {
    const { planned } = await planAttendanceWarnings(fixtureDeps(db.prisma, clock.now));
    await harness.deliver();
    return planned;
  };
  const digest = async () => {
    await db.prisma.notification.deleteMany({ where: { kind: "deputyDigest" } });
    const before = deputy.texts().length;
    await planDeputyDigests(fixtureDeps(db.prisma, clock.now));
    await harness.deliver();
    // A digest with nothing to say is not sent.
    return deputy.texts().slice(before).join("\n");
  };

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9930, now: clock.now });
    harness = createHarness({ db: db.prisma, now: clock.now });
    teacher = harness.user({ id: 9930, first_name: "Ольга", language_code: "ru" });
    deputy = harness.user({ id: 9931, first_name: "Марина", language_code: "ru" });
    await load(
      "2026-11-09",
      NOV_2_TO_9,
      NOV_2_TO_9.map(() => "Н"),
    );
  });

  it("the warning offers the three answers; «Связь с семьёй есть» is recorded once and shown to the deputy", async () => {
    expect(await warn()).toBe(1);
    const sent = harness.telegram.messagesTo(9930).at(-1)!;
    expect(buttonsOf(sent).map((b) => b.text)).toEqual(["📞 Связь с семьёй есть", "✅ Причина уважительная", "➕ Открыть случай"]);

    const pressed = await teacher.press("📞 Связь с семьёй есть");
    expect(pressed.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Записано.");
    expect(textsOf(pressed)).toEqual([
      "📞 Записано: связь с семьёй есть (Иванов Пётр Сергеевич, пропуски с 02.11.2026). Заместитель директора увидит это в утренней сводке.",
    ]);
    // The pressed button goes; the others stay.
    const edited = pressed.find((c) => c.method === "editMessageReplyMarkup")!;
    expect(buttonsOf(edited).map((b) => b.text)).toEqual(["✅ Причина уважительная", "➕ Открыть случай"]);
    const notes = await db.prisma.attendanceNote.findMany({ where: { studentId: world.studentIds[0]! } });
    expect(notes).toMatchObject([{ kind: "contacted", runFrom: "2026-11-02", note: "" }]);
    expect(await db.prisma.auditEvent.count({ where: { action: "attendance.familyContacted" } })).toBe(1);

    // The same button again (an old copy of the message): nothing more is written.
    const again = await teacher.pressData(buttonsOf(sent)[0]!.callback_data);
    expect(again.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Связь с семьёй уже отмечена.");
    expect(await db.prisma.attendanceNote.count()).toBe(1);

    expect(await digest()).toContain("• Иванов П., 7Б — 5 учебных дней подряд, связь с семьёй 09.11.2026");
  });

  it("a forged answer (a day without an absence, another school's student) writes nothing", async () => {
    const other = await seedCaseWorld(db.prisma, { telegramBase: 9940, now: clock.now });
    for (const data of [
      `awa:c:${world.studentIds[0]}:20261104`,
      `awa:c:${other.studentIds[0]}:20261102`,
      `awa:c:${world.studentIds[0]}:20261399`,
    ]) {
      const calls = await teacher.pressData(data);
      expect(textsOf(calls).join("\n")).not.toContain("Записано");
    }
    // «Причина уважительная» on a forged run asks nothing.
    const forged = await teacher.pressData(`awa:x:${other.studentIds[0]}:20261102`);
    expect(textsOf(forged).join("\n")).not.toContain("уважительная причина у пропусков");
    expect(await db.prisma.attendanceNote.count()).toBe(1);
  });

  it("«Причина уважительная» with a note: the run counts no more, until the student is back and absent again", async () => {
    const asked = await teacher.press("✅ Причина уважительная");
    expect(textsOf(asked)).toEqual([
      "Какая уважительная причина у пропусков (Иванов Пётр Сергеевич, с 02.11.2026)? Напишите коротко, например: «болеет, справка будет в понедельник».",
    ]);
    const saved = await teacher.send("болеет, справка будет в понедельник");
    expect(textsOf(saved)[0]).toMatch(/^✅ Записано: у пропусков уважительная причина \(Иванов Пётр Сергеевич, с 02\.11\.2026\)\./);
    expect(await db.prisma.attendanceNote.findFirst({ where: { kind: "excused" } })).toMatchObject({
      runFrom: "2026-11-02",
      note: "болеет, справка будет в понедельник",
    });
    // The audit keeps that a reason was given, not its words.
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "attendance.runExcused" } });
    expect(audit.detail).not.toContain("справка");

    // More days absent: the run is excused, so no warning, no case proposed, and the digest is silent of him.
    clock.set("2026-11-17T10:00:00+03:00");
    const later = ["10.11.2026", "11.11.2026", "12.11.2026", "13.11.2026", "16.11.2026", "17.11.2026"];
    await load(
      "2026-11-17",
      later,
      later.map(() => "Н"),
    );
    expect(await warn()).toBe(0);
    expect(await digest()).not.toContain("Иванов П.");

    // Back on 18.11, absent again from 19.11: a new run, and the warning comes again.
    clock.set("2026-11-25T10:00:00+03:00");
    const after = ["18.11.2026", "19.11.2026", "20.11.2026", "23.11.2026", "24.11.2026", "25.11.2026"];
    await load("2026-11-25", after, ["П", "Н", "Н", "Н", "Н", "Н"]);
    expect(await warn()).toBe(1);
    expect(teacher.lastText()).toContain("Первый день пропусков: 19.11.2026.");
  });

  it("the school's threshold decides: at three days the warning comes on the third", async () => {
    await db.prisma.school.update({ where: { id: world.schoolId }, data: { attendanceWarnDays: 3 } });
    clock.set("2026-11-27T10:00:00+03:00");
    const days = ["26.11.2026", "27.11.2026"];
    // Anna: present until 25.11, then absent 25–27.11 (three school days).
    await load("2026-11-27", ["25.11.2026", ...days], ["Н", "Н", "Н"], ["Н", "Н", "Н"]);
    expect(await warn()).toBe(1);
    expect(teacher.lastText()).toMatch(/^⚠️ Смирнова А\., 7Б, не ходит 3 учебных дня подряд без уважительной причины\./);
  });
});
