import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, type ChatUser, type Harness } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock } from "../support/case-fixtures.js";
import { addClass, addStaff } from "../support/school-setup.js";
import { openCase } from "../../src/app/cases/open-case.js";
import type { Actor } from "../../src/app/actor.js";
import { rolesOf } from "../../src/repositories/member-roles.js";

let db: TestDatabase;
const clock = movableClock("2026-11-16");
let h: Harness;
let admin: ChatUser;
let schoolId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  h = createHarness({ db: db.prisma, now: clock.now, adminIds: [8000] });
  admin = h.user({ id: 8000, first_name: "Админ", language_code: "ru" });
});
afterAll(async () => {
  if (process.env.DUMP_LOG) console.log(h.logLines.join("").slice(-6000));
  await db.destroy();
});

function toast(calls: ApiCall[]): string | undefined {
  return calls.find((c) => c.method === "answerCallbackQuery")?.payload.text;
}

function shown(calls: ApiCall[]): string {
  return String(calls.filter((c) => ["sendMessage", "editMessageText"].includes(c.method)).at(-1)?.payload.text ?? "");
}

function documentOf(calls: ApiCall[]): string {
  return String(calls.find((c) => c.method === "sendDocument")?.payload.raw ?? "");
}

describe("an administrator sets up a school from nothing", () => {
  it("creates the school and opens /admin", async () => {
    await admin.send("/start");
    await admin.send("/newschool Школа № 57");
    schoolId = (await db.prisma.school.findFirstOrThrow({ where: { name: "Школа № 57" } })).id;
    const calls = await admin.send("/admin");
    expect(shown(calls)).toBe("Администрирование: Школа № 57");
    expect(buttonsOf(calls.at(-1)!).map((b) => b.text)).toContain("⚙️ Настройки школы");
  });

  it("changes the name, week, hours, digest hour, vacations and the names-in-pushes setting", async () => {
    let calls = await admin.press("⚙️ Настройки школы");
    expect(shown(calls)).toContain("Неделя: 5-дневная");
    await admin.press("Название");
    await admin.send("Х");
    expect(admin.lastText()).toBe("Значение не подходит, проверьте его.");
    await admin.press("Название");
    await admin.send("ГБОУ Школа № 57");
    expect(admin.lastText()).toBe("Сохранено.");
    // The requisites the school's papers carry; they plan nothing again.
    const revision = (await db.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).planningRevision;
    await admin.press("Полное наименование");
    await admin.send("Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 57»");
    expect(admin.lastText()).toBe("Сохранено.");
    await admin.press("Адрес");
    await admin.send("г. Москва, ул. Примерная, д. 1");
    await admin.press("Директор");
    await admin.send("Директор");
    expect(admin.lastText()).toBe("Значение не подходит, проверьте его.");
    await admin.press("Директор");
    await admin.send("Морозова  Елена Павловна");
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({
      officialName: "Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 57»",
      address: "г. Москва, ул. Примерная, д. 1",
      directorName: "Морозова Елена Павловна",
      planningRevision: revision,
    });
    calls = await admin.pressData("adm:s:wk:6");
    expect(toast(calls)).toBe("Сохранено.");
    await admin.pressData("adm:s:in:2");
    await admin.send("восемь");
    expect(admin.lastText()).toBe("Нужны два часа через дефис, например 8-19.");
    await admin.send("9-18");
    await admin.pressData("adm:s:in:3");
    await admin.send("7");
    await admin.pressData("adm:v:add");
    await admin.send("28.12.2026–11.01.2027");
    expect(admin.lastText()).toBe("Каникулы 28.12.2026–11.01.2027 добавлены.");
    await admin.pressData("adm:s:hn:1");
    // The director step for late steps is off until the school turns it on.
    expect(shown(await admin.pressData("adm:s"))).toContain("Просроченные шаги: только заместителю");
    await admin.pressData("adm:s:ds:1");
    calls = await admin.pressData("adm:s");
    expect(shown(calls)).toBe(
      [
        "Школа: ГБОУ Школа № 57",
        "Полное наименование: Государственное бюджетное общеобразовательное учреждение города Москвы «Школа № 57»",
        "Адрес: г. Москва, ул. Примерная, д. 1",
        "Директор: Морозова Елена Павловна",
        "Часовой пояс: Europe/Moscow",
        "Неделя: 6-дневная",
        "Рабочие часы: 9:00–18:00",
        "Сводка: в 7:00",
        "Каникулы: 28.12.2026–11.01.2027",
        "Замдиректора по воспитанию: не назначен",
        "Замдиректора по учебной работе: не назначен (учёба — у другого заместителя)",
        "Просроченные шаги: заместителю, затем директору",
        "Имена в уведомлениях: скрыты",
        "Панель в меню: у заместителей и директора",
      ].join("\n"),
    );
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({
      weekLength: 6,
      workStartHour: 9,
      workEndHour: 18,
      digestHour: 7,
      hideNamesInPush: true,
      escalateToDirector: true,
    });
    const vacation = await db.prisma.vacation.findFirstOrThrow({ where: { schoolId } });
    await admin.pressData(`adm:v:rm:${vacation.id}`);
    expect(await db.prisma.vacation.count({ where: { schoolId } })).toBe(0);
    expect(await db.prisma.auditEvent.count({ where: { schoolId, action: "school.settingsChanged" } })).toBeGreaterThanOrEqual(5);
  });

  describe("people", () => {
    let teacher1: Actor;
    let teacher2: Actor;
    let deputy: Actor;
    let classId: number;
    let caseId: number;

    beforeAll(async () => {
      deputy = await addStaff(db.prisma, schoolId, 8001, "Соколова Марина Викторовна", ["deputy"]);
      teacher1 = await addStaff(db.prisma, schoolId, 8002, "Петрова Ольга Ивановна", ["teacher"]);
      teacher2 = await addStaff(db.prisma, schoolId, 8003, "Смирнов Олег Олегович", ["teacher"]);
      const made = await addClass(db.prisma, schoolId, "7Б", teacher1, ["Иванов Пётр Сергеевич"]);
      classId = made.classId;
      await addClass(db.prisma, schoolId, "11А", teacher2, []);
      caseId = Number(
        (
          await openCase(fixtureDeps(db.prisma, clock.now), {
            actor: teacher1,
            regulationId: "absence-criterion-22",
            studentId: made.ids["Иванов Пётр Сергеевич"]!,
          })
        ).state.id,
      );
    });

    it("names the deputy for upbringing and lists people by role and class", async () => {
      await admin.pressData("adm:s:dp");
      await admin.press("Соколова Марина Викторовна");
      expect(await db.prisma.member.findUniqueOrThrow({ where: { id: deputy.memberId } })).toMatchObject({ upbringingDeputy: true });
      const calls = await admin.pressData("adm:p");
      const text = shown(calls);
      expect(text).toContain(
        "Классные руководители:\n• Петрова Ольга Ивановна — классный руководитель · 7Б\n• Смирнов Олег Олегович — классный руководитель · 11А",
      );
      expect(text).toContain("Заместители директора:\n• Соколова Марина Викторовна — замдиректора · по воспитанию");
    });

    it("hands 7Б over to another teacher; the open case follows", async () => {
      await admin.pressData("adm:c");
      await admin.press("7Б — Петрова Ольга Ивановна");
      const calls = await admin.press("Смирнов Олег Олегович");
      expect(shown(calls)).toBe("7Б передан: Смирнов Олег Олегович. Вместе с классом передан 1 открытый случай.");
      expect(await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ teacherId: teacher2.memberId });
      expect(await db.prisma.caseEvent.count({ where: { caseId, type: "caseReassigned" } })).toBe(1);
      expect(await db.prisma.auditEvent.count({ where: { action: "class.handedOver", subject: `class:${classId}` } })).toBe(1);
    });

    it("changes roles by toggles", async () => {
      await admin.pressData(`adm:p:${teacher1.memberId}`);
      await admin.pressData(`adm:r:${teacher1.memberId}:2`);
      const roles = await db.prisma.memberRole.findMany({ where: { memberId: teacher1.memberId }, select: { role: true } });
      expect(rolesOf(roles)).toEqual(["teacher", "specialist"]);
      const calls = await admin.pressData(`adm:r:${teacher1.memberId}:2`);
      expect(toast(calls)).toBe("Роли сохранены.");
      const last = await admin.pressData(`adm:r:${teacher1.memberId}:0`);
      expect(toast(last)).toBe("Значение не подходит, проверьте его.");
    });

    it("deactivates a teacher: the deputy for upbringing gets their open cases and reassigns one", async () => {
      const deputyChat = h.user({ id: 8001, first_name: "Марина", language_code: "ru" });
      await deputyChat.send("/start");
      await admin.pressData(`adm:d:${teacher2.memberId}`);
      const calls = await admin.press("Да, отключить");
      expect(shown(calls)).toBe(
        "Сотрудник отключён: Смирнов Олег Олегович. 1 открытый случай передан замдиректора по воспитанию для переназначения.",
      );
      expect(await h.deliver()).toBe(1);
      expect(deputyChat.lastText()).toBe(
        "Передайте случаи: Смирнов Олег Олегович больше не работает в боте. 1 открытый случай ждёт нового классного руководителя.",
      );
      expect(await db.prisma.member.findUniqueOrThrow({ where: { id: teacher2.memberId } })).toMatchObject({ active: false });
      await deputyChat.press(`Передать случай №${caseId}`);
      const done = await deputyChat.press("Петрова Ольга Ивановна");
      expect(shown(done)).toBe(`Случай №${caseId} передан: Петрова Ольга Ивановна.`);
      expect(await db.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ teacherId: teacher1.memberId });
      // The deactivated teacher is no longer anyone in the school.
      const gone = h.user({ id: 8003, first_name: "Олег", language_code: "ru" });
      await gone.send(`/case Иванов`);
      expect(gone.lastText()).not.toContain("Иванов Пётр");
    });

    it("promotes classes to the next grade in one step, reporting the 11th grade; a conflict refuses everything", async () => {
      const tenth = await addClass(db.prisma, schoolId, "10А", undefined, []);
      let calls = await admin.pressData("adm:pr");
      expect(shown(calls)).toContain("Нельзя: названия уже заняты — 10А → 11А.");
      expect(buttonsOf(calls.at(-1)!)).toEqual([]);
      expect((await admin.pressData("adm:pry")).find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(
        "Не получилось: это противоречит текущим данным школы.",
      );
      expect(await db.prisma.schoolClass.findUniqueOrThrow({ where: { id: classId } })).toMatchObject({ label: "7Б" });
      await db.prisma.schoolClass.delete({ where: { id: tenth.classId } });
      calls = await admin.pressData("adm:pr");
      expect(shown(calls)).toBe("Перевод в следующий класс:\nПереименуются: 7Б → 8Б\nВыпускные (не переименовываются): 11А");
      calls = await admin.press("Перевести");
      expect(shown(calls)).toBe("Готово: переименован 1 класс.");
      expect(await db.prisma.schoolClass.findUniqueOrThrow({ where: { id: classId } })).toMatchObject({ label: "8Б" });
    });
  });

  it("shows the loaded calendar years and applies an uploaded year after the summary", async () => {
    let calls = await admin.pressData("adm:cal");
    expect(shown(calls)).toContain("• 2026 — по постановлению, встроенный");
    await admin.press("Загрузить год");
    await admin.sendDocument("2027.json", '{"year": 2027}', "application/json");
    expect(admin.lastText()).toMatch(/^Файл не подходит:\n2027\.json: /);
    const year = JSON.parse(readFileSync(new URL("../../calendar/2027.json", import.meta.url), "utf8"));
    await admin.sendDocument(
      "2027.json",
      JSON.stringify({ ...year, status: "official", source: "Постановление (тест)" }),
      "application/json",
    );
    expect(admin.lastText()).toMatch(/^Год 2027 \(по постановлению\), источник: Постановление \(тест\)\./);
    calls = await admin.press("Применить");
    expect(shown(calls)).toBe("Календарь 2027 года применён.");
    expect(await db.prisma.productionYear.count({ where: { year: 2027 } })).toBe(1);
    calls = await admin.pressData("adm:cal");
    expect(shown(calls)).toContain("• 2027 — по постановлению, загружен");
  });

  it("exports the audit trail as CSV for a date range", async () => {
    await admin.pressData("adm:a");
    const calls = await admin.send("01.11.2026–30.11.2026");
    const csv = documentOf(calls);
    expect(csv).toContain("id,at,actor_user_id,action,subject,detail");
    expect(csv).toContain("class.handedOver");
    expect(csv).not.toContain("Иванов");
    expect(await db.prisma.auditEvent.count({ where: { action: "audit.exported", schoolId } })).toBe(1);
  });

  it("marks a student as having left (the data goes after the school year) and returns them", async () => {
    await admin.pressData("adm:st");
    const found = await admin.send("Иванов");
    expect(found.flatMap(buttonsOf).map((b) => b.text)).toEqual(["📄 Иванов Пётр Сергеевич, 8Б", "🚪 Выбыл", "✖ Удалить"]);
    const left = await admin.press("🚪 Выбыл");
    expect(admin.lastText()).toBe(
      "Отмечено выбытие из школы: Иванов Пётр Сергеевич, 16.11.2026.\n" +
        "Новые случаи по ученику не открываются. Данные будут удалены с 01.09.2027, когда закрыты все случаи ученика.\n" +
        "Ещё открыт 1 случай: закройте его, когда работа завершена.",
    );
    expect(left.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect(await db.prisma.student.findFirstOrThrow({ where: { schoolId, fullName: "Иванов Пётр Сергеевич" } })).toMatchObject({
      leftOn: "2026-11-16",
    });

    await admin.pressData("adm:st");
    const again = await admin.send("Иванов");
    expect(again.flatMap(buttonsOf).map((b) => b.text)).toEqual([
      "📄 Иванов Пётр Сергеевич, 8Б (выбытие 16.11.2026)",
      "↩ Вернуть",
      "✖ Удалить",
    ]);
    await admin.press("↩ Вернуть");
    expect(admin.lastText()).toBe("Иванов Пётр Сергеевич снова числится в школе: данные не будут удаляться по выбытию.");
    expect(await db.prisma.student.findFirstOrThrow({ where: { schoolId, fullName: "Иванов Пётр Сергеевич" } })).toMatchObject({
      leftOn: null,
    });
  });

  it("exports everything about one student, then erases the student on request", async () => {
    await admin.pressData("adm:st");
    await admin.send("Иванов");
    const exported = await admin.press("📄 Иванов Пётр Сергеевич, 8Б");
    const file = documentOf(exported);
    expect(file).toContain('"fullName": "Иванов Пётр Сергеевич"');
    expect(file).toContain('"regulation": "absence-criterion-22@');
    const student = await db.prisma.student.findFirstOrThrow({ where: { schoolId, fullName: "Иванов Пётр Сергеевич" } });
    expect(await db.prisma.auditEvent.count({ where: { action: "student.exported", subject: `student:${student.id}` } })).toBe(1);

    await admin.press("✖ Удалить");
    const erased = await admin.press("Да, удалить навсегда");
    expect(shown(erased)).toBe("Данные ученика удалены (1 случай).");
    expect(await db.prisma.student.count({ where: { id: student.id } })).toBe(0);
    expect(await db.prisma.case.count({ where: { schoolId } })).toBe(0);
    expect(await db.prisma.caseEvent.count({ where: { schoolId } })).toBe(0);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "student.erased" } });
    expect(audit.detail).not.toContain("Иванов");
  });

  it("is refused to a teacher", async () => {
    const teacher = h.user({ id: 8002, first_name: "Ольга", language_code: "ru" });
    await teacher.send("/admin");
    expect(teacher.lastText()).toBe("Это действие вам недоступно.");
    const calls = await teacher.pressData("adm:s:wk:5");
    expect(toast(calls)).toBe("Это действие вам недоступно.");
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({ weekLength: 6 });
  });
});
