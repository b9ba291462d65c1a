import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, textsOf, type ChatUser, type Harness } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { movableClock } from "../support/case-fixtures.js";
import { toCp1251 } from "../support/cp1251.js";

/*
 * The whole set-up through the bot only: an administrator creates a school, invites a deputy and
 * two teachers who join by their links, imports the roster, hands a class over and deactivates a
 * teacher. Nothing is put into the database by the test itself.
 */

let db: TestDatabase;
let h: Harness;
let admin: ChatUser;
const clock = movableClock("2026-11-16");
const LINK = /\?start=([A-Za-z0-9_-]{16,64})/;

beforeAll(async () => {
  db = await createTestDatabase();
  h = createHarness({ db: db.prisma, now: clock.now, adminIds: [7700] });
  admin = h.user({ id: 7700, first_name: "Админ", language_code: "ru" });
});
afterAll(async () => {
  await db.destroy();
});

function tokenIn(calls: ApiCall[]): string {
  const token = textsOf(calls)
    .map((t) => LINK.exec(t)?.[1])
    .find(Boolean);
  if (!token) throw new Error(`no invitation link in ${JSON.stringify(textsOf(calls))}`);
  return token;
}

function shown(calls: ApiCall[]): string {
  return String(calls.filter((c) => ["sendMessage", "editMessageText"].includes(c.method)).at(-1)?.payload.text ?? "");
}

async function invite(role: string, classLabel?: string): Promise<string> {
  await admin.send("/invite");
  const link = await admin.press(role);
  return tokenIn(classLabel ? await admin.send(classLabel) : link);
}

async function join(id: number, firstName: string, token: string, fullName: string): Promise<ChatUser> {
  const person = h.user({ id, first_name: firstName, language_code: "ru" });
  expect(textsOf(await person.send(`/start ${token}`))[0]).toMatch(/^Добро пожаловать! Вы присоединились к школе «Школа № 100»/);
  await person.send(fullName);
  await person.send("Пропустить");
  await person.press("Русский");
  return person;
}

async function memberOf(telegramId: number) {
  return db.prisma.member.findFirstOrThrow({ where: { user: { telegramId: BigInt(telegramId) } } });
}

describe("an administrator sets up a school from nothing, in the bot", () => {
  let deputy: ChatUser;
  let petrova: ChatUser;

  it("creates the school and invites a deputy and two class teachers, who join by their links", async () => {
    await admin.send("/start");
    expect(textsOf(await admin.send("/newschool Школа № 100"))[0]).toBe(
      "Школа «Школа № 100» создана, вы — её администратор. Теперь пригласите сотрудников: /invite",
    );

    deputy = await join(7701, "Марина", await invite("Заместитель директора"), "Соколова Марина Викторовна");
    petrova = await join(7702, "Ольга", await invite("Классный руководитель", "7Б"), "Петрова Ольга Ивановна");
    await join(7703, "Олег", await invite("Классный руководитель", "8А"), "Смирнов Олег Олегович");

    // The deputy for upbringing is the one who gets escalations, memos and cases to reassign.
    await admin.pressData("adm:s:dp");
    await admin.press("Соколова Марина Викторовна");

    const school = await db.prisma.school.findFirstOrThrow({ where: { name: "Школа № 100" } });
    const members = await db.prisma.member.findMany({
      where: { schoolId: school.id },
      include: { user: true, roles: true },
      orderBy: { id: "asc" },
    });
    expect(members.map((m) => [m.user.fullName, m.roles.map((r) => r.role).join(",")])).toEqual([
      ["Админ", "admin"],
      ["Соколова Марина Викторовна", "deputy"],
      ["Петрова Ольга Ивановна", "teacher"],
      ["Смирнов Олег Олегович", "teacher"],
    ]);
    expect(members[1]!.upbringingDeputy).toBe(true);
    const classes = await db.prisma.schoolClass.findMany({ where: { schoolId: school.id }, orderBy: { label: "asc" } });
    expect(classes.map((c) => [c.label, c.teacherId])).toEqual([
      ["7Б", members[2]!.id],
      ["8А", members[3]!.id],
    ]);
  });

  it("imports the roster from the journal's CSV (Windows-1251, «;»)", async () => {
    const csv = [
      "ФИО;Класс;Дата рождения",
      "Иванов Пётр Сергеевич;7Б;01.02.2013",
      "Кузнецова Алёна Игоревна;7Б;",
      "Орлов Денис Павлович;8А;15.09.2012",
    ].join("\r\n");
    const calls = await admin.sendDocument("ученики.csv", toCp1251(csv), "text/csv");
    expect(textsOf(calls).at(-1)).toMatch(/^Загружено 3 ученика/);
    expect(await db.prisma.student.count()).toBe(3);
    // The class teacher finds her student by surname right away, with «ё» typed as «е».
    expect(textsOf(await petrova.send("/case Кузнецова Алена")).join("\n")).toContain("Кузнецова Алёна Игоревна");
  });

  it("hands 7Б over to the other teacher, together with its open case", async () => {
    await petrova.send("/new");
    await petrova.send("Иванов");
    await petrova.press("Иванов Пётр Сергеевич, 7Б");
    await petrova.press("Пропуски (крит. 22)");
    await petrova.press("Сегодня");
    await petrova.press("Пропустить");
    await petrova.press("Открыть случай");
    const opened = await db.prisma.case.findFirstOrThrow({ where: { status: "open" } });

    await admin.pressData("adm:c");
    await admin.press("7Б — Петрова Ольга Ивановна");
    const calls = await admin.press("Смирнов Олег Олегович");
    expect(shown(calls)).toBe("7Б передан: Смирнов Олег Олегович. Вместе с классом передан 1 открытый случай.");
    const smirnov = await memberOf(7703);
    expect(await db.prisma.case.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ teacherId: smirnov.id });
    expect(await db.prisma.schoolClass.findFirstOrThrow({ where: { label: "7Б" } })).toMatchObject({ teacherId: smirnov.id });
  });

  it("deactivates a teacher: the deputy is asked to reassign the open case, and the teacher sees nothing any more", async () => {
    const smirnov = await memberOf(7703);
    await admin.pressData(`adm:d:${smirnov.id}`);
    expect(shown(await admin.press("Да, отключить"))).toMatch(/^Сотрудник отключён: Смирнов Олег Олегович\. 1 открытый случай передан/);
    await h.deliver();
    expect(deputy.lastText()).toMatch(/^Передайте случаи: Смирнов Олег Олегович больше не работает в боте/);
    const gone = h.user({ id: 7703, first_name: "Олег", language_code: "ru" });
    expect(textsOf(await gone.send("/case Иванов")).join("\n")).not.toContain("Иванов Пётр");
  });
});
