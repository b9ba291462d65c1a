import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAttendance } from "../../src/app/attendance/import-attendance.js";
import { planAttendanceWarnings } from "../../src/app/attendance/plan-attendance-warnings.js";
import { planDeputyDigests } from "../../src/app/deputy/plan-deputy-digests.js";
import { getCaseFile } from "../../src/app/cases/get-case-file.js";
import { caseFileDoc } from "../../src/bot/views/case-file-view.js";
import { createI18n } from "../../src/i18n.js";
import { bufferIo } from "../../src/cli/command.js";
import { runCli } from "../../src/cli/main.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { toCp1251 } from "../support/cp1251.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 15, the early warning: a run of 5 school days absent without a valid reason warns the class
 * teacher once (a public holiday inside the run does not break it); past criterion 22 with no case
 * open, the teacher is asked to open one with the first day; nothing is said twice.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

/** 7Б's journal from `dates`: Пётр «Н» every day, Анна present. */
function journal(dates: string[]): Uint8Array {
  const header = ["ФИО", "Класс", ...dates].join(";");
  const petr = ["Иванов Пётр Сергеевич", "7Б", ...dates.map(() => "Н")].join(";");
  const anna = ["Смирнова Анна Олеговна", "7Б", ...dates.map(() => "")].join(";");
  return toCp1251([header, petr, anna].join("\n"));
}

describe("the early warning from the journal's attendance", () => {
  const clock = movableClock("2026-11-09T10:00:00+03:00");
  let world: CaseWorld;
  let teacher: ChatUser;
  let harness: ReturnType<typeof createHarness>;
  const warn = async () => {
    const { planned } = await planAttendanceWarnings(fixtureDeps(db.prisma, clock.now));
    await harness.deliver();
    return planned;
  };

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9890, now: clock.now });
    harness = createHarness({ db: db.prisma, now: clock.now });
    teacher = harness.user({ id: 9890, first_name: "Ольга", language_code: "ru" });
  });

  it("five school days with the holiday of 04.11 inside warn the class teacher once", async () => {
    const deps = { db: db.prisma, now: clock.now };
    // 02–09.11.2026; 04.11 is a public holiday (its empty column is not a school day), 07–08.11 a weekend.
    const days = ["02.11.2026", "03.11.2026", "04.11.2026", "05.11.2026", "06.11.2026", "09.11.2026"];
    expect(await importAttendance(deps, { by: world.teacher, bytes: journal(days), today: "2026-11-09" })).toMatchObject({
      kind: "imported",
    });
    expect(await warn()).toBe(1);
    expect(teacher.lastText()).toBe(
      [
        "⚠️ Иванов П., 7Б, не ходит 5 учебных дней подряд без уважительной причины.",
        "Первый день пропусков: 02.11.2026.",
        "Через 6 учебных дней сработает критерий №22.",
        "Если пропуски продолжатся, это будет 17.11.2026.",
      ].join("\n"),
    );
    // The deputy's morning digest lists the school's students at five days or more.
    const deputy = harness.user({ id: 9891, first_name: "Марина", language_code: "ru" });
    await planDeputyDigests(fixtureDeps(db.prisma, clock.now));
    await harness.deliver();
    expect(deputy.lastText()).toContain("⚠️ Не ходит без уважительной причины 1 обучающийся:\n• Иванов П., 7Б — 5 учебных дней подряд");
    const said = teacher.texts().length;
    expect(await warn()).toBe(0);
    // The next day the run is longer, but it is the same run: nothing more.
    clock.set("2026-11-10T10:00:00+03:00");
    await importAttendance(deps, { by: world.teacher, bytes: journal(["10.11.2026"]), today: "2026-11-10" });
    expect(await warn()).toBe(0);
    expect(teacher.texts()).toHaveLength(said);
  });

  it("on the 11th school day with no case open, the teacher is asked to open it with the first day", async () => {
    const deps = { db: db.prisma, now: clock.now };
    clock.set("2026-11-17T10:00:00+03:00");
    const days = ["11.11.2026", "12.11.2026", "13.11.2026", "16.11.2026", "17.11.2026"];
    expect(await importAttendance(deps, { by: world.teacher, bytes: journal(days), today: "2026-11-17" })).toMatchObject({
      kind: "imported",
    });
    expect(await warn()).toBe(1);
    expect(teacher.lastText()).toBe(
      [
        "⚠️ Иванов П., 7Б, не ходит 11 учебных дней подряд без уважительной причины.",
        "Первый день пропусков: 02.11.2026.",
        "Критерий №22 сработал, а случай не открыт. Откройте случай кнопкой ниже — первый день пропусков, 02.11.2026, уже будет указан.",
      ].join("\n"),
    );
    expect(await warn()).toBe(0);
    // «Открыть случай»: the dialogue knows the student and the regulation; only the notice's date is asked.
    expect(textsOf(await teacher.press("➕ Открыть случай"))).toEqual([
      "Новый случай: Иванов Пётр Сергеевич, 7Б.",
      expect.stringMatching(/^Когда пришло уведомление в «Классном помощнике»\?/),
    ]);
    const summary = await teacher.press("Сегодня");
    expect(textsOf(summary).at(-1)).toContain("02.11.2026");
    await teacher.press("Открыть случай");
    const opened = await db.prisma.case.findFirstOrThrow({ where: { studentId: world.studentIds[0]!, status: "open" } });
    expect(opened).toMatchObject({ regulationId: "absence-criterion-22", firstAbsenceOn: "2026-11-02", openedOn: "2026-11-17" });
    // A forged button (a date that does not exist) opens no dialogue.
    const forged = await teacher.pressData(`aw:${world.studentIds[1]}:20261399`);
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("Это действие вам недоступно.");
    expect(textsOf(forged)).toEqual([]);
    // The command line's criterion 22 agrees: from 02.11 it is met on 17.11, school day 11.
    const io = bufferIo({ env: {}, now: new Date("2026-11-17T09:00:00Z") });
    expect(await runCli(["calendar", "absence", "2026-11-02", "--today", "2026-11-17"], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("met on: 2026-11-17 (school day 11 of absence)");
  });

  it("says nothing outside the school's hours, nor of a student whose case is open while the run goes on", async () => {
    const deps = { db: db.prisma, now: clock.now };
    clock.set("2026-11-18T22:00:00+03:00");
    await importAttendance(deps, { by: world.teacher, bytes: journal(["18.11.2026"]), today: "2026-11-18" });
    expect(await warn()).toBe(0);
    await db.prisma.notification.deleteMany({ where: { key: { startsWith: "attendance:" } } });
    // The case opened from the warning above is open: the run goes on, nothing is said.
    clock.set("2026-11-19T10:00:00+03:00");
    expect(await warn()).toBe(0);
  });

  it("back at school with the case open: the teacher is asked whether to close it, once, with the card's button", async () => {
    const deps = { db: db.prisma, now: clock.now };
    clock.set("2026-11-20T10:00:00+03:00");
    const back = toCp1251("ФИО;Класс;19.11.2026;20.11.2026\nИванов Пётр Сергеевич;7Б;;\nСмирнова Анна Олеговна;7Б;;");
    await importAttendance(deps, { by: world.teacher, bytes: back, today: "2026-11-20" });
    const before = harness.telegram.calls.length;
    expect(await warn()).toBe(1);
    expect(teacher.lastText()).toBe("✅ Иванов П., 7Б, в школе с 19.11.2026. Случай по пропускам ещё открыт — закрыть его?");
    const sent = harness.telegram.calls.slice(before).find((c) => c.method === "sendMessage")!;
    expect(buttonsOf(sent).map((b) => b.text)).toEqual(["Открыть карточку"]);
    expect(await warn()).toBe(0);

    // The case file counts the days missed while the case was open (17.11 and 18.11).
    const opened = await db.prisma.case.findFirstOrThrow({ where: { studentId: world.studentIds[0]!, status: "open" } });
    const file = await getCaseFile(fixtureDeps(db.prisma, clock.now), { actor: world.teacher, caseId: String(opened.id) });
    expect(file.cases.map((c) => c.missed)).toEqual([{ unexcused: 2, excused: 0 }]);
    const doc = caseFileDoc(createI18n().t("ru"), file, "Петрова О. И.", "2026-11-20");
    expect(doc.cases[0]!.missed).toBe("Пропуски за время случая (по журналу): без уважительной причины — 2, по уважительной — 0.");
  });
});

describe("a vacation inside the run", () => {
  const clock = movableClock("2027-01-12T10:00:00+03:00");

  it("does not break it: three days before the winter vacation and two after warn as five, dated on the school's calendar", async () => {
    const world = await seedCaseWorld(db.prisma, { telegramBase: 9960, now: clock.now });
    // The school's winter vacation, 28.12.2026–10.01.2027 (its calendar is read again: the revision moves).
    await db.prisma.vacation.create({ data: { schoolId: world.schoolId, fromDate: "2026-12-28", toDate: "2027-01-10" } });
    await db.prisma.school.update({ where: { id: world.schoolId }, data: { planningRevision: { increment: 1 } } });
    const harness = createHarness({ db: db.prisma, now: clock.now });
    const teacher = harness.user({ id: 9960, first_name: "Ольга", language_code: "ru" });
    const days = ["23.12.2026", "24.12.2026", "25.12.2026", "11.01.2027", "12.01.2027"];
    const deps = { db: db.prisma, now: clock.now };
    expect(await importAttendance(deps, { by: world.teacher, bytes: journal(days), today: "2027-01-12" })).toMatchObject({
      kind: "imported",
    });
    expect((await planAttendanceWarnings(fixtureDeps(db.prisma, clock.now))).planned).toBe(1);
    await harness.deliver();
    // School days 6 to 11 after 12.01: 13, 14, 15, 18, 19 and 20.01.
    expect(teacher.lastText()).toBe(
      [
        "⚠️ Иванов П., 7Б, не ходит 5 учебных дней подряд без уважительной причины.",
        "Первый день пропусков: 23.12.2026.",
        "Через 6 учебных дней сработает критерий №22.",
        "Если пропуски продолжатся, это будет 20.01.2027.",
      ].join("\n"),
    );
  });
});
