import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "../../src/app/cases/complete-step.js";
import { addPlanMeasure } from "../../src/app/plans/add-plan-measure.js";
import { correctMark } from "../../src/app/cases/correct-mark.js";
import { createHarness, type ChatUser } from "../support/bot-harness.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";
import { DocumentCapturingTelegram, docxParagraphs } from "../support/document-capture.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/*
 * Issue 14, the ИПР a school files: «УТВЕРЖДАЮ» for the director (from the school's requisites),
 * the school's full name, the student with the date of birth, the parents, the actual basis with
 * the notice's date, the period, the measures, who drew it up and the parents' lines to sign.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

describe("the ИПР of an absence case", () => {
  const clock = movableClock("2026-11-12");
  const telegram = new DocumentCapturingTelegram();
  let world: CaseWorld;
  let teacher: ChatUser;
  let harness: ReturnType<typeof createHarness>;
  let caseId: number;

  beforeAll(async () => {
    world = await seedCaseWorld(db.prisma, { telegramBase: 9650, now: clock.now, name: "ГБОУ Школа № 1234" });
    await db.prisma.school.update({
      where: { id: world.schoolId },
      data: {
        officialName: "Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1234»",
        directorName: "Морозова Елена Павловна",
      },
    });
    const studentId = world.studentIds[0]!;
    await db.prisma.student.update({ where: { id: studentId }, data: { birthDate: "2013-04-17" } });
    await db.prisma.studentParent.create({
      data: { schoolId: world.schoolId, studentId, fullName: "Иванова Мария Петровна", relation: "mother", phone: "+79161234567" },
    });
    const deps = fixtureDeps(db.prisma, clock.now);
    caseId = await world.openCase({ openedOn: "2026-11-12" });
    const id = String(caseId);
    await completeStep(deps, { actor: world.teacher, caseId: id, stepId: "informDeputy" });
    clock.set("2026-11-16");
    await completeStep(deps, { actor: world.teacher, caseId: id, stepId: "trackStatus", answer: "confirmed" });
    clock.set("2026-11-18");
    await completeStep(deps, { actor: world.teacher, caseId: id, stepId: "meetParents", form: "personalMeeting" });
    await addPlanMeasure(deps, {
      actor: world.teacher,
      caseId: id,
      what: "ежедневный контроль посещаемости",
      who: "классный руководитель",
    });
    await addPlanMeasure(deps, {
      actor: world.teacher,
      caseId: id,
      what: "беседа с педагогом-психологом",
      area: "student",
      who: "педагог-психолог",
      dueOn: "2026-11-27",
    });
    await addPlanMeasure(deps, {
      actor: world.teacher,
      caseId: id,
      what: "посещение семьи на дому",
      area: "family",
      who: "социальный педагог",
      dueOn: "2026-11-25",
    });
    await completeStep(deps, { actor: world.teacher, caseId: id, stepId: "developPlan", form: "personalMeeting" });
    clock.set("2026-11-20");
    harness = createHarness({ db: db.prisma, now: clock.now, telegram });
    teacher = harness.user({ id: 9650, first_name: "Ольга", language_code: "ru" });
  });

  it("reads as the school files it", async () => {
    await teacher.pressData(`df:ipr:${caseId}`);
    const doc = telegram.documents.at(-1)!;
    expect(doc.fileName).toBe("ИПР Иванов 7Б 2026-11-20.docx");
    const notice = (await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).openedOn;
    const paragraphs = docxParagraphs(doc.bytes);
    expect(paragraphs.slice(0, 11)).toEqual([
      "УТВЕРЖДАЮ",
      "Директор ГБОУ Школа № 1234",
      "____________ Е. П. Морозова",
      "«___» ____________ 20___ г.",
      "Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 1234»",
      "План индивидуальной профилактической работы",
      "на период с 18.11.2026 по 31.05.2027",
      "Обучающийся: Иванов Пётр Сергеевич, 7Б класс, дата рождения 17.04.2013",
      "Родители (законные представители): мать — Иванова Мария Петровна, +7 (916) 123-45-67",
      `Основание: пропуски занятий без уважительной причины более 10 учебных дней подряд (критерий № 22), уведомление в «Классном помощнике» от ${notice.split("-").reverse().join(".")}`,
      // Step 4, the meeting that puts the student on ВШУ, was done on 18.11.
      "Дата постановки на внутришкольный учёт: 18.11.2026",
    ]);
    const all = paragraphs.join("\n");
    // Measures grouped by area, numbered through; one recorded without an area goes with the student's.
    expect(all).toContain(
      [
        "Работа с обучающимся",
        "1",
        "ежедневный контроль посещаемости",
        "классный руководитель",
        "2",
        "беседа с педагогом-психологом",
        "27.11.2026",
        "педагог-психолог",
        "Работа с семьёй",
        "3",
        "посещение семьи на дому",
        "25.11.2026",
        "социальный педагог",
      ].join("\n"),
    );
    expect(all).not.toContain("Работа с педагогами");
    expect(paragraphs.slice(-3)).toEqual([
      "Составил: классный руководитель 7Б класса ____________ О. И. Петрова",
      "С планом ознакомлены:",
      "Иванова Мария Петровна ____________ «___» ____________ 20___ г.",
    ]);
    expect(all).not.toContain("Регламент действий");
  });

  it("the date of registration follows step 4 when its date is corrected or undone", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const other = String(await world.openCase({ studentId: world.studentIds[1]!, openedOn: "2026-11-16" }));
    await completeStep(deps, { actor: world.teacher, caseId: other, stepId: "informDeputy", on: "2026-11-16" });
    await completeStep(deps, { actor: world.teacher, caseId: other, stepId: "trackStatus", answer: "confirmed", on: "2026-11-17" });
    await completeStep(deps, { actor: world.teacher, caseId: other, stepId: "meetParents", form: "personalMeeting", on: "2026-11-19" });
    const registered = async () => (await db.prisma.case.findUniqueOrThrow({ where: { id: Number(other) } })).registeredOn;
    expect(await registered()).toBe("2026-11-19");
    const mark = { on: "2026-11-18", form: "personalMeeting" as const };
    await correctMark(deps, { actor: world.teacher, caseId: other, stepId: "meetParents", mark });
    expect(await registered()).toBe("2026-11-18");
    await correctMark(deps, { actor: world.teacher, caseId: other, stepId: "meetParents" });
    expect(await registered()).toBeNull();
  });

  it("the date of registration (ВШУ) is recorded under the plan and printed; not by someone else's teacher", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("📋 План ИПР");
    // Brought by step 4; a deputy or the teacher corrects it here.
    expect(teacher.lastText()).toContain("Дата постановки на ВШУ: 18.11.2026");
    await teacher.press("📅 Дата постановки на ВШУ");
    expect(teacher.lastText()).toBe("Когда обучающегося поставили на внутришкольный учёт? Напишите дату, например 20.11.2026.");
    await teacher.send("25.11.2026");
    expect(teacher.lastText()).toBe("Эта дата ещё не наступила. Напишите прошедшую дату.");
    await teacher.send("19.11");
    expect(teacher.lastText()).toContain("Дата постановки на ВШУ: 19.11.2026");
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).registeredOn).toBe("2026-11-19");

    await teacher.pressData(`df:ipr:${caseId}`);
    expect(docxParagraphs(telegram.documents.at(-1)!.bytes)).toContain("Дата постановки на внутришкольный учёт: 19.11.2026");
    await teacher.pressData(`cf:${caseId}`);
    expect(docxParagraphs(telegram.documents.at(-2)!.bytes)).toContain("Дата постановки на ВШУ: 19.11.2026");

    await world.addPerson(9652, "Белова Ирина Андреевна", ["teacher"]);
    const other = harness.user({ id: 9652, first_name: "Ирина", language_code: "ru" });
    await other.pressData(`rg:r:${caseId}`);
    await other.pressData(`rg:a:${caseId}`);
    expect(other.texts().join("\n")).not.toContain("внутришкольный учёт");
    expect(await db.prisma.auditEvent.count({ where: { action: "case.registrationRecorded", subject: `case:${caseId}` } })).toBe(1);
  });

  it("«✍️ Родители ознакомлены» records the date the parents read the plan; the ИПР prints it on their line", async () => {
    await teacher.pressData(`cc:o:${caseId}`);
    await teacher.press("📋 План ИПР");
    expect(teacher.lastText()).not.toContain("ознакомлены");
    await teacher.press("✍️ Родители ознакомлены");
    expect(teacher.lastText()).toBe("Когда родители (законные представители) ознакомились с планом? Напишите дату, например 20.11.2026.");
    await teacher.send("20.11");
    expect(teacher.lastText()).toContain("Родители ознакомлены с планом: 20.11.2026");
    expect((await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).planReadOn).toBe("2026-11-20");
    expect(await db.prisma.auditEvent.count({ where: { action: "plan.readRecorded", subject: `case:${caseId}` } })).toBe(1);

    await teacher.pressData(`df:ipr:${caseId}`);
    expect(docxParagraphs(telegram.documents.at(-1)!.bytes).slice(-2)).toEqual([
      "С планом ознакомлены:",
      "Иванова Мария Петровна ____________ 20.11.2026",
    ]);
  });
});
