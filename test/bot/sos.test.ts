import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxSender } from "../../src/app/reminders/send-outbox.js";
import { sosRealertJob } from "../../src/jobs/sos-realert-job.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import {
  addPerson,
  movableClock,
  productionYears,
  regulations,
  seedReminderSchool,
  silentLogger,
  type Person,
  type ReminderSchool,
} from "../support/reminder-fixtures.js";

/*
 * Section I end to end: a teacher raises /sos at night, the director and the deputy for
 * upbringing get a minimal alert, the minute job repeats it at +5 min (then to every deputy),
 * the director takes it, the teacher is told, and nothing more goes out.
 */

let db: TestDatabase;
let school: ReminderSchool;
let h: Harness;
let otherDeputy: Person;
let englishDeputy: Person;
let outsider: Person;
let otherTeacher: Person;
// Sunday 23:40 in Moscow: emergencies go out at any hour.
const clock = movableClock("2025-11-09T23:40:00+03:00");
const start = clock.now().getTime();

beforeAll(async () => {
  db = await createTestDatabase();
  school = await seedReminderSchool(db.prisma);
  otherDeputy = await addPerson(db.prisma, school.schoolId, "Орлов Игорь Петрович", ["deputy"]);
  englishDeputy = await addPerson(db.prisma, school.schoolId, "Морозов Олег Ильич", ["deputy"], { language: "en" });
  otherTeacher = await addPerson(db.prisma, school.schoolId, "Лебедева Нина Павловна", ["teacher"]);
  const elsewhere = await seedReminderSchool(db.prisma, "Другая школа");
  outsider = elsewhere.deputy;
  await db.prisma.user.update({ where: { id: school.teacher.userId }, data: { phone: "+79161234567" } });
  h = createHarness({ db: db.prisma, now: clock.now });
});
afterAll(async () => {
  await db.destroy();
});

const chat = (p: Person) => h.user({ id: p.telegramId, first_name: p.fullName.split(" ")[1]! });

async function deliver() {
  const sender = createOutboxSender(
    { db: db.prisma, api: h.bot.api, i18n: h.deps.i18n, regulations, productionYears, logger: silentLogger, now: clock.now },
    { ratePerSecond: 1000, perChatIntervalMs: 0 },
  );
  await sender.drain();
}

async function jobAt(minutes: number) {
  clock.set(new Date(start + minutes * 60_000));
  await sosRealertJob(h.deps, { intervalMinutes: 5 }).run();
  await deliver();
}

// Pushes start with the kind of situation, in the recipient's language.
const SITUATIONS =
  /^🆘 (Нештатная ситуация|Сложная травма|Нанесение тяжкого вреда здоровью|Риск суицида|Массовое нарушение|Abnormal situation|Serious injury|Grave harm to health|Risk of suicide|Mass breach)/;
const alertsTo = (p: Person) =>
  chat(p)
    .texts()
    .filter((t) => SITUATIONS.test(t));
const ACCEPT_RU = "Нажмите «Принято», если берёте ситуацию на себя; подробности — по кнопке «Подробнее».";
const answerOf = (calls: { method: string; payload: Record<string, any> }[]) =>
  calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;

describe("/sos", () => {
  let alertId: number;

  it("asks the situation, the student and one line, then alerts the director and the deputy for upbringing at once", async () => {
    const teacher = chat(school.teacher);
    expect((await teacher.send("🆘 SOS")).some((c) => String(c.payload.text).startsWith("🆘 Экстренный случай. Что произошло?"))).toBe(
      true,
    );
    await teacher.send("просто текст");
    expect(teacher.lastText()).toBe("Выберите вид ситуации кнопкой выше (или /cancel).");
    await teacher.press("Риск суицида");
    expect(teacher.lastText()).toMatch(/^Риск суицида\. Ученик\?/);
    await teacher.send("Иванов");
    await teacher.press("Иванов Пётр, 7Б");
    expect(teacher.lastText()).toBe("Одной строкой: что случилось и где?");
    await teacher.send("Сидит на подоконнике 3 этажа, кабинет 31");
    expect(teacher.lastText()).toMatch(/^🆘 Сигнал отправлен \(2 получателя\)/);

    const [alert] = await db.prisma.sosAlert.findMany();
    alertId = alert!.id;
    expect(alert).toMatchObject({
      kind: "suicideRisk",
      studentId: school.studentId,
      teacherMemberId: school.teacher.memberId,
      rounds: 1,
      acknowledgedAt: null,
    });

    await deliver();
    for (const person of [school.director, school.deputy]) {
      // The kind of situation is named; the child and the text stay behind «Подробнее».
      expect(alertsTo(person)).toEqual([`🆘 Риск суицида\n7Б, классный руководитель Петрова А. С.\nТелефон: +79161234567\n${ACCEPT_RU}`]);
      expect(alertsTo(person)[0]).not.toMatch(/Иванов|Пётр|подоконник/i);
    }
    expect(alertsTo(otherDeputy)).toEqual([]);
    expect(alertsTo(englishDeputy)).toEqual([]);
  });

  it("records an emergency case for the student with its step done by the alert", async () => {
    const cases = await db.prisma.case.findMany({
      where: { regulationId: "interaction-1-emergency" },
      select: { id: true, studentId: true },
    });
    expect(cases).toEqual([{ id: expect.any(Number), studentId: school.studentId }]);
    const events = await db.prisma.caseEvent.findMany({ where: { caseId: cases[0]!.id }, select: { type: true, stepId: true } });
    expect(events).toContainEqual(expect.objectContaining({ stepId: "contactDirector" }));
  });

  it("repeats every 5 minutes until acknowledged — from the second round to every deputy — and a rerun sends nothing twice", async () => {
    await jobAt(1);
    expect(alertsTo(school.director)).toHaveLength(1);
    await jobAt(5);
    for (const person of [school.director, school.deputy, otherDeputy]) {
      expect(alertsTo(person).at(-1)).toContain("Повтор № 2: никто ещё не принял.");
    }
    expect(alertsTo(englishDeputy)).toEqual([
      "🆘 Risk of suicide\n7Б, class teacher Петрова А. С.\nPhone: +79161234567\nRepeat no. 2: nobody has accepted yet.\n" +
        "Press «Accepted» if you take it on; details behind «Details».",
    ]);
    expect(alertsTo(englishDeputy)[0]).not.toMatch(/Иванов|Пётр|подоконник/i);
    const rows = await db.prisma.notification.count();
    await jobAt(5);
    await jobAt(5.5);
    expect(await db.prisma.notification.count()).toBe(rows);
    expect(alertsTo(school.director)).toHaveLength(2);
    expect((await db.prisma.sosAlert.findUniqueOrThrow({ where: { id: alertId } })).rounds).toBe(2);
  });

  it("refuses «Принято» and «Подробнее» to another school and to a teacher who did not raise it", async () => {
    const stranger = chat(outsider);
    expect(answerOf(await stranger.pressData(`sos:a:${alertId}`))).toBe("Этот сигнал недоступен.");
    expect(answerOf(await stranger.pressData(`sos:d:${alertId}`))).toBe("Этот сигнал недоступен.");
    const colleague = chat(otherTeacher);
    expect(answerOf(await colleague.pressData(`sos:a:${alertId}`))).toBe("Это действие вам недоступно.");
    expect(answerOf(await colleague.pressData(`sos:d:${alertId}`))).toBe("Это действие вам недоступно.");
    expect(stranger.texts().join("\n") + colleague.texts().join("\n")).not.toMatch(/суицид|Иванов/);
    expect(await db.prisma.sosAlert.count({ where: { acknowledgedAt: { not: null } } })).toBe(0);
  });

  it("shows the details behind «Подробнее» to a deputy", async () => {
    const deputy = chat(otherDeputy);
    await deputy.press("Подробнее");
    const details = deputy.lastText();
    expect(details).toContain("Ситуация: Риск суицида");
    expect(details).toContain("Ученик: Иванов Пётр, 7Б");
    expect(details).toContain("Что случилось: Сидит на подоконнике 3 этажа, кабинет 31");
    expect(details).toContain("Классный руководитель: Петрова Анна Сергеевна, тел. +79161234567");
    expect(details).toContain("Ещё никто не принял.");
  });

  it("«Принято»: the first press wins, later ones learn who took it, the teacher is told, the repeats stop", async () => {
    clock.set(new Date(start + 7 * 60_000));
    const director = chat(school.director);
    const calls = await director.press("✅ Принято");
    expect(answerOf(calls)).toBe("Принято. Учитель получит сообщение.");
    expect(director.lastText()).toBe("✅ Вы приняли экстренный случай в 09.11 23:47. Учитель уведомлён, повторы остановлены.");
    const alert = await db.prisma.sosAlert.findUniqueOrThrow({ where: { id: alertId } });
    expect(alert.acknowledgedBy).toBe(school.director.memberId);

    expect(answerOf(await chat(school.deputy).press("✅ Принято"))).toBe("Уже принято: Кузнецова М. П., 09.11 23:47.");
    expect((await db.prisma.sosAlert.findUniqueOrThrow({ where: { id: alertId } })).acknowledgedBy).toBe(school.director.memberId);

    await deliver();
    expect(chat(school.teacher).lastText()).toBe("✅ Ваш экстренный сигнал принят: Кузнецова Мария Петровна, 09.11 23:47.");
    const rows = await db.prisma.notification.count();
    await jobAt(10);
    await jobAt(15);
    expect(await db.prisma.notification.count()).toBe(rows);
    expect(alertsTo(school.director)).toHaveLength(2);

    await chat(school.teacher).press("Подробнее");
    expect(chat(school.teacher).lastText()).toContain("Принято: Кузнецова Мария Петровна, 09.11 23:47");
  });

  it("without a student: the first line has no class, and no case is opened", async () => {
    const before = await db.prisma.case.count();
    const teacher = chat(school.teacher);
    await teacher.send("/sos");
    await teacher.press("Массовое нарушение правил внутреннего распорядка");
    await teacher.press("Без ученика");
    await teacher.send("Драка в столовой");
    await deliver();
    expect(alertsTo(school.deputy).at(-1)).toBe(
      `🆘 Массовое нарушение правил внутреннего распорядка\nКлассный руководитель Петрова А. С.\nТелефон: +79161234567\n${ACCEPT_RU}`,
    );
    expect(await db.prisma.case.count()).toBe(before);
  });

  it("a school that hides names in pushes: the kind and the class only, never the child", async () => {
    await db.prisma.school.update({ where: { id: school.schoolId }, data: { hideNamesInPush: true } });
    try {
      const teacher = chat(school.teacher);
      await teacher.send("/sos");
      await teacher.press("Сложная травма");
      await teacher.send("Иванов");
      await teacher.press("Иванов Пётр, 7Б");
      await teacher.send("Упал с лестницы");
      await deliver();
      for (const person of [school.director, school.deputy]) {
        const text = alertsTo(person).at(-1)!;
        expect(text).toBe(`🆘 Сложная травма\n7Б, классный руководитель Петрова А. С.\nТелефон: +79161234567\n${ACCEPT_RU}`);
        expect(text).not.toMatch(/Иванов|Пётр|лестниц/i);
      }
    } finally {
      await db.prisma.school.update({ where: { id: school.schoolId }, data: { hideNamesInPush: false } });
    }
  });

  it("is not for deputies: they take alerts, teachers raise them", async () => {
    expect(textsLast(await chat(school.deputy).send("/sos"))).toBe("Экстренный сигнал отправляет классный руководитель.");
  });

  it("a deputy in the middle of another dialogue can still take an alert", async () => {
    const teacher = chat(school.teacher);
    await teacher.send("/sos");
    await teacher.press("Сложная травма");
    await teacher.press("Без ученика");
    await teacher.send("Перелом на физкультуре");
    await deliver();
    const deputy = chat(school.deputy);
    await deputy.send("/settings");
    const calls = await deputy.press("✅ Принято");
    expect(answerOf(calls)).toBe("Принято. Учитель получит сообщение.");
  });
});

describe("delivery survives a restart", () => {
  it("an alert stored but never sent (the process died) goes out on the next minute's run", async () => {
    clock.set(new Date(start + 60 * 60_000));
    // Earlier alerts are taken: only the new one is in play.
    await db.prisma.sosAlert.updateMany({
      where: { acknowledgedAt: null },
      data: { acknowledgedAt: clock.now(), acknowledgedBy: school.director.memberId },
    });
    await db.prisma.sosAlert.create({
      data: { schoolId: school.schoolId, teacherMemberId: school.teacher.memberId, kind: "incident", text: "x", createdAt: clock.now() },
    });
    const before = alertsTo(school.director).length;
    await jobAt(60.5);
    expect(alertsTo(school.director)).toHaveLength(before + 1);
    expect(alertsTo(school.director).at(-1)).not.toContain("Повтор");
  });
});

function textsLast(calls: { method: string; payload: Record<string, any> }[]): string {
  return String(calls.filter((c) => c.method === "sendMessage").at(-1)?.payload.text ?? "");
}
