import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { recordOccurrence } from "../../../src/app/cases/record-occurrence.js";
import { addPlanMeasure } from "../../../src/app/plans/add-plan-measure.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { testSender } from "../../support/reminder-fixtures.js";
import { caseDeps, refusal, seedSchool, testClock, type SchoolFixture } from "./fixtures.js";

/*
 * What the regulation says to tell (notify.onDone) reaches the deputy through the outbox, in
 * words: the student and class, the regulation's short name, the step, the answer or form, the
 * date and the teacher; the plan with step 5; and the closing of the case.
 */

let database: TestDatabase;
let school: SchoolFixture;
let caseId: string;
const clock = testClock("2026-03-02T07:00:00Z");
const deps = () => caseDeps(database.prisma, clock.now);

beforeAll(async () => {
  database = await createTestDatabase();
  school = await seedSchool(database.prisma, "Школа");
  caseId = (await openCase(deps(), { actor: school.teacher, regulationId: "absence-criterion-22", studentId: school.studentId })).state.id;
});
afterAll(() => database.destroy());

async function deliveredToDeputy(): Promise<string[]> {
  const { sender, telegram } = testSender(database.prisma, clock.now);
  await sender.drain();
  return telegram.messagesTo(school.deputy.telegramId).map((c) => String(c.payload.text));
}

describe("step outcomes reach the deputy in words", () => {
  it("step 1, done on opening, tells nobody; step 2 by phone tells the deputy what, when, why and who", async () => {
    expect(await database.prisma.notification.count({ where: { kind: "notice" } })).toBe(0);
    expect(await refusal(() => completeStep(deps(), { actor: school.teacher, caseId, stepId: "receiveNotice" }))).toBe(
      "stepAlreadyResolved",
    );
    expect(await database.prisma.notification.count({ where: { kind: "notice" } })).toBe(0);

    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "informDeputy", form: "phone" });
    const rows = await database.prisma.notification.findMany({ where: { kind: "notice" } });
    expect(rows.map((r) => [r.userId, r.urgent])).toEqual([[school.deputy.userId, false]]);
    expect(await deliveredToDeputy()).toEqual([
      [
        "📨 Иванов П., 7Б: шаг 2 «Сообщить заместителю» выполнен",
        "Способ: телефон",
        "Дата: 02.03.2026",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        // The notice's date is the opening date: no separate «Случай открыт» line.
        "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 02.03.2026",
        "Классный руководитель: Учитель Школа",
      ].join("\n"),
    ]);
  });

  it("step 3 «не подтверждён» is routine; step 4 is told too", async () => {
    clock.set("2026-03-05T08:00:00Z");
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "trackStatus", answer: "notConfirmed" });
    await completeStep(deps(), {
      actor: school.teacher,
      caseId,
      stepId: "meetParents",
      form: "personalMeeting",
      note: "Мама придёт в понедельник",
    });
    // Sent concurrently: in step order here, whatever order they went out in.
    const told = (await deliveredToDeputy()).sort((a, b) => a.localeCompare(b));
    expect(told).toHaveLength(2);
    expect(told[0]).toMatch(
      /^📨 Иванов П\., 7Б: шаг 3 «Статус семейного неблагополучия» выполнен\nОтвет: не подтверждён\nДата: 05\.03\.2026/,
    );
    expect(told[1]).toContain(
      "шаг 4 «Встреча с родителями» выполнен\nСпособ: личная встреча\nДата: 05.03.2026\nКомментарий: Мама придёт в понедельник",
    );
    const urgent = await database.prisma.notification.count({ where: { kind: "notice", urgent: true } });
    expect(urgent).toBe(0);
  });

  it("step 5 brings the plan's measures", async () => {
    await addPlanMeasure(deps(), {
      actor: school.teacher,
      caseId,
      what: "Беседа с педагогом-психологом",
      who: "педагог-психолог",
      dueOn: "2026-03-12",
    });
    await addPlanMeasure(deps(), { actor: school.teacher, caseId, what: "Ежедневный контроль посещаемости", who: "классный руководитель" });
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "developPlan" });
    const told = (await deliveredToDeputy()).at(-1)!;
    expect(told).toMatch(/^📨 Иванов П\., 7Б: шаг 5 «ИПР» выполнен\n/);
    expect(told.split("\n").slice(-3)).toEqual([
      "ИПР — 2 меры:",
      "1. Беседа с педагогом-психологом — педагог-психолог, до 12.03.2026",
      "2. Ежедневный контроль посещаемости — классный руководитель",
    ]);
  });

  it("closing by the deputy tells the teacher, not the deputy themself", async () => {
    const before = await database.prisma.notification.count({ where: { kind: "notice" } });
    // Steps 6 and 7 started with step 5 and were never recorded: the reason travels with the notice.
    await closeCase(deps(), { actor: school.deputy, caseId, reason: "returnedToSchool", gapReason: "вернулся до первой недели контроля" });
    const rows = await database.prisma.notification.findMany({ where: { kind: "notice" }, orderBy: { id: "asc" }, skip: before });
    expect(rows.map((r) => r.userId)).toEqual([school.teacher.userId]);
    const { sender, telegram } = testSender(database.prisma, clock.now);
    await sender.drain();
    expect(telegram.messagesTo(school.teacher.telegramId).map((c) => c.payload.text)).toEqual([
      [
        "✅ Иванов П., 7Б: случай закрыт",
        "Причина: ученик вернулся к занятиям",
        "Без единой отметки: 6 «Контроль ИПР», 7 «Связь с семьёй»",
        "Почему: вернулся до первой недели контроля",
        "Дата: 05.03.2026",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 02.03.2026",
        "Классный руководитель: Учитель Школа",
        "Кем отмечено: Завуч Школа",
      ].join("\n"),
    ]);
  });
});

describe("the grounds of an absence case", () => {
  it("name the notice's date (a backdated opening) and the school days missed since the first day of absence", async () => {
    clock.set("2026-03-02T07:00:00Z");
    const studentId = await createSchoolRepository(database.prisma).addStudent(school.schoolId, school.classId, "Петров Иван");
    const opened = await openCase(deps(), {
      actor: school.teacher,
      regulationId: "absence-criterion-22",
      studentId,
      openedOn: "2026-02-27",
      firstAbsenceOn: "2026-02-12",
    });
    // 12, 13, 16–20, 24–27.02 (23.02 is a holiday): 11 school days by the notice.
    expect(opened.state).toMatchObject({ openedOn: "2026-02-27", firstAbsenceOn: "2026-02-12", daysMissed: 11 });
    expect(opened.state.steps.receiveNotice).toMatchObject({ state: "done", completedOn: "2026-02-27" });
    await completeStep(deps(), { actor: school.teacher, caseId: opened.state.id, stepId: "informDeputy", form: "messenger" });
    expect((await deliveredToDeputy()).filter((text) => text.includes("Петров И."))).toEqual([
      [
        "📨 Петров И., 7Б: шаг 2 «Сообщить заместителю» выполнен",
        "Способ: мессенджер",
        "Дата: 02.03.2026",
        "Регламент: Пропуски более 10 учебных дней (критерий №22)",
        "Основание: более 10 учебных дней без уважительной причины (критерий №22), уведомление от 27.02.2026",
        "Пропущено 11 учебных дней подряд, с 12.02.2026",
        "Классный руководитель: Учитель Школа",
      ].join("\n"),
    ]);
  });
});

describe("sections II and III tell the deputy too", () => {
  async function noticesTo(userId: number, caseId: string) {
    const rows = await database.prisma.notification.findMany({
      where: { kind: "notice", userId, key: { startsWith: `outcome:${caseId}:` } },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => (JSON.parse(r.payload) as { lines: { key: string; params?: Record<string, unknown> }[] }).lines[0]);
  }

  it("II.4: following the agreements reaches the deputy with the step named", async () => {
    const caseId = (
      await openCase(deps(), { actor: school.teacher, regulationId: "interaction-2-difficulty", studentId: school.studentId })
    ).state.id;
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "organiseMeeting" });
    await recordOccurrence(deps(), { actor: school.teacher, caseId, stepId: "coordinateAgreements" });
    const told = await noticesTo(school.deputy.userId!, caseId);
    expect(told.map((line) => [line?.key, line?.params?.number])).toEqual([
      ["outcome.stepDone", "3"],
      ["outcome.occurrence", "4"],
    ]);
    expect(told[1]?.params?.title).toEqual({ ru: "Исполнение договорённостей", en: "Follow the agreements" });
  });

  it("III.1 and III.4: the plan and the analysis of the class's upbringing work", async () => {
    const caseId = (await openCase(deps(), { actor: school.teacher, regulationId: "interaction-3-upbringing", classId: school.classId }))
      .state.id;
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "presentPlan" });
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "presentAnalysis" });
    const told = await noticesTo(school.deputy.userId!, caseId);
    expect(told.map((line) => [line?.params?.number, (line?.params?.title as { ru: string } | undefined)?.ru])).toEqual([
      ["1", "План воспитательной работы"],
      ["4", "Анализ воспитательной работы"],
    ]);
    // A class case names the class alone.
    expect(told[0]?.params?.subject).toBe("7Б");
  });
});
