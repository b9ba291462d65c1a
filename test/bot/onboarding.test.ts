import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvite } from "../../src/app/invites/create-invite.js";
import { createSchool } from "../../src/app/people/create-school.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { buttonsOf, createHarness, textsOf, type ChatUser } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { rolesOf } from "../../src/repositories/member-roles.js";

const NOW = new Date("2026-11-23T09:00:00Z");
const ADMIN = { id: 5101, first_name: "Анна", language_code: "ru" };

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.destroy();
});

const LINK = /https:\/\/t\.me\/klassruk_test_bot\?start=([A-Za-z0-9_-]+)/;

function tokenIn(calls: ApiCall[]): string {
  const token = textsOf(calls)
    .map((t) => LINK.exec(t)?.[1])
    .find(Boolean);
  if (!token) throw new Error(`no invitation link in ${JSON.stringify(textsOf(calls))}`);
  return token;
}

/** The reply keyboard of the newest message that has one (the contact button lives there). */
function replyKeyboard(calls: ApiCall[]): { text: string; request_contact?: boolean }[] {
  const markup = [...calls].reverse().find((c) => c.payload.reply_markup?.keyboard)?.payload.reply_markup;
  return markup ? (markup.keyboard as { text: string; request_contact?: boolean }[][]).flat() : [];
}

/** Texts sent or edited in place. */
function shown(calls: ApiCall[]): string[] {
  return calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").map((c) => String(c.payload.text));
}

/** The user with their memberships, each member's roles as "role,role" (the order of ROLES). */
async function userRow(telegramId: number) {
  const user = await db.prisma.user.findUnique({
    where: { telegramId: BigInt(telegramId) },
    include: { memberships: { include: { roles: { select: { role: true } } } } },
  });
  if (!user) return null;
  return { ...user, memberships: user.memberships.map((m) => ({ ...m, roles: rolesOf(m.roles).join(",") })) };
}

describe("an administrator sets up a school and invites a class teacher, who joins", () => {
  const h = () => createHarness({ db: db.prisma, adminIds: [ADMIN.id], now: () => NOW });
  let harness: ReturnType<typeof h>;
  let admin: ChatUser;
  let token: string;

  beforeAll(() => {
    harness = h();
    admin = harness.user(ADMIN);
  });

  it("needs a school before inviting; /newschool creates one with the admin as its administrator", async () => {
    expect(textsOf(await admin.send("/invite"))).toEqual(["Сначала создайте школу: /newschool Название школы"]);
    expect(textsOf(await admin.send("/newschool"))).toEqual([expect.stringContaining("Напишите название после команды")]);
    expect(textsOf(await admin.send("/newschool Школа № 57"))).toEqual([
      "Школа «Школа № 57» создана, вы — её администратор. Теперь пригласите сотрудников: /invite",
    ]);
    const user = await userRow(ADMIN.id);
    expect(user?.memberships).toEqual([expect.objectContaining({ roles: "admin", schoolId: user?.activeSchoolId })]);
  });

  it("creates a teacher's link: the role by a button, the class typed", async () => {
    const roles = await admin.send("/invite");
    expect(textsOf(roles)).toEqual(["Кого пригласить?"]);
    expect(roles.flatMap(buttonsOf).map((b) => b.text)).toEqual([
      "Классный руководитель",
      "Заместитель директора",
      "Специалист (соц. педагог, психолог)",
      "Директор",
      "Администратор",
    ]);
    expect(textsOf(await admin.send("7Б"))).toEqual(["Выберите вариант кнопкой под сообщением выше."]);
    expect(textsOf(await admin.press("Классный руководитель"))).toEqual(["Какого класса? Напишите, например: 7Б"]);
    expect(textsOf(await admin.send("седьмой"))).toEqual([expect.stringContaining("Не понял, какой это класс")]);
    const created = await admin.send("7 б");
    token = tokenIn(created);
    expect(textsOf(created)[0]).toBe(
      `Ссылка-приглашение: классный руководитель 7Б\nhttps://t.me/klassruk_test_bot?start=${token}\n\n` +
        "Одноразовая, действует до 30.11.2026. Перешлите её человеку: он откроет бота и сразу окажется в школе.",
    );
    expect(created.flatMap(buttonsOf).map((b) => b.text)).toEqual(["Отозвать ссылку"]);
    expect(await db.prisma.invite.findUniqueOrThrow({ where: { token } })).toMatchObject({
      roles: "teacher",
      classLabel: "7Б",
      usedAt: null,
    });
  });

  it("the new teacher opens the link, gives the name, shares the contact and picks the language", async () => {
    const teacher = harness.user({ id: 8101, first_name: "Мария", language_code: "ru" });
    const joined = textsOf(await teacher.send(`/start ${token}`));
    // The name question is the last message: nothing after it pushes it out of sight.
    expect(joined).toEqual([
      "Добро пожаловать! Вы присоединились к школе «Школа № 57»: классный руководитель 7Б.",
      "Как вас указывать в сообщениях коллегам? Напишите фамилию, имя и отчество — так, как вас знают в школе.",
    ]);
    expect(joined.at(-1)).toMatch(/^Как вас указывать в сообщениях коллегам\?/);

    expect(textsOf(await teacher.send("Мария!!1"))).toEqual([expect.stringContaining("фамилию и имя")]);
    const askPhone = await teacher.send("Иванова  Мария Петровна");
    expect(textsOf(askPhone)).toEqual([expect.stringContaining("поделитесь номером телефона")]);
    expect(replyKeyboard(askPhone)).toEqual([{ text: "📱 Поделиться номером", request_contact: true }, { text: "Пропустить" }]);

    const saved = await teacher.sendContact("79161234567");
    expect(textsOf(saved)).toEqual(["Спасибо, номер сохранён.", "На каком языке с вами говорить?"]);
    expect(textsOf(await teacher.send("английский"))).toEqual(["Выберите вариант кнопкой под сообщением выше."]);
    const done = await teacher.press("English");
    expect(textsOf(done)).toEqual([expect.stringMatching(/^All set, Иванова Мария Петровна! You can change/)]);

    const user = await userRow(8101);
    expect(user).toMatchObject({ fullName: "Иванова Мария Петровна", phone: "+79161234567", language: "en" });
    const member = user!.memberships[0]!;
    expect(member).toMatchObject({ roles: "teacher", active: true });
    expect(await db.prisma.schoolClass.findFirstOrThrow({ where: { label: "7Б", schoolId: member.schoolId } })).toMatchObject({
      teacherId: member.id,
    });
    expect(await db.prisma.auditEvent.count({ where: { action: "invite.used", actorId: user!.id } })).toBe(1);
  });

  it("the link cannot be used again, by anyone", async () => {
    const stranger = harness.user({ id: 8102, first_name: "Пётр", language_code: "ru" });
    expect(textsOf(await stranger.send(`/start ${token}`))).toEqual([
      "Эта ссылка-приглашение уже использована. Попросите администратора школы прислать новую.",
    ]);
    expect(await userRow(8102)).toBeNull();
    const teacher = harness.user({ id: 8101, first_name: "Мария", language_code: "ru" });
    expect(textsOf(await teacher.send(`/start ${token}`))[0]).toBe("You have already joined with this link. /help shows what I can do.");
  });

  it("a revoked link is refused, in the stranger's language", async () => {
    const created = await admin.send("/invite");
    expect(created.flatMap(buttonsOf)).toHaveLength(5);
    const link = await admin.press("Директор");
    const directorToken = tokenIn(link);
    const revoked = await admin.press("Отозвать ссылку");
    expect(textsOf(revoked)).toEqual(["Ссылка отозвана: по ней больше нельзя присоединиться."]);
    expect(revoked.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect((await db.prisma.invite.findUniqueOrThrow({ where: { token: directorToken } })).revokedAt).not.toBeNull();

    const english = harness.user({ id: 8103, first_name: "John", language_code: "en" });
    expect(textsOf(await english.send(`/start ${directorToken}`))).toEqual([
      "This invitation link was revoked. Please ask your school's administrator for a new one.",
    ]);
    expect(await userRow(8103)).toBeNull();
  });

  it("refuses the revoke button to anyone but an administrator of that school", async () => {
    await admin.send("/invite");
    const open = await db.prisma.invite.findUniqueOrThrow({ where: { token: tokenIn(await admin.press("Администратор")) } });
    const teacher = harness.user({ id: 8101, first_name: "Мария" });
    const calls = await teacher.pressData(`inv:rv:${open.id}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe("You may not do this.");
    expect((await db.prisma.invite.findUniqueOrThrow({ where: { id: open.id } })).revokedAt).toBeNull();
  });
});

describe("tokens that do not work", () => {
  let schoolId: number;
  beforeAll(async () => {
    ({ schoolId } = await createSchool({ db: db.prisma, now: () => NOW }, { by: "cli", name: "Школа сроков", timezone: "Europe/Moscow" }));
  });

  it("an expired link is refused, and the stranger hears nothing else", async () => {
    const invite = await createInvite({ db: db.prisma, now: () => NOW }, { by: "cli", schoolId, role: "deputy", days: 7 });
    const later = createHarness({ db: db.prisma, now: () => new Date("2026-12-01T09:00:00Z") });
    const calls = await later.user({ id: 8201, first_name: "Олег", language_code: "ru" }).send(`/start ${invite.token}`);
    expect(textsOf(calls)).toEqual(["Срок действия этой ссылки-приглашения истёк. Попросите администратора школы прислать новую."]);
    expect(calls.flatMap(buttonsOf)).toEqual([]);
  });

  it("an unknown token is refused; a payload that is no token gets the stranger's greeting", async () => {
    const h = createHarness({ db: db.prisma, now: () => NOW });
    const stranger = h.user({ id: 8202, first_name: "Ия", language_code: "en" });
    expect(textsOf(await stranger.send("/start AAAAAAAAAAAAAAAAAAAAAAAA"))).toEqual([
      "This invitation link is not valid. Please ask your school's administrator for a new one.",
    ]);
    expect(textsOf(await stranger.send("/start x"))).toEqual([expect.stringContaining("work tool for school staff")]);
    expect(await userRow(8202)).toBeNull();
  });

  it("an English-speaking deputy joins and types the phone number", async () => {
    const invite = await createInvite({ db: db.prisma, now: () => NOW }, { by: "cli", schoolId, role: "deputy" });
    const h = createHarness({ db: db.prisma, now: () => NOW });
    const deputy = h.user({ id: 8203, first_name: "Kate", language_code: "en" });
    expect(textsOf(await deputy.send(`/start ${invite.token}`))).toEqual([
      "Welcome! You have joined «Школа сроков» as deputy director.",
      expect.stringMatching(/^How should colleagues see your name\?/),
    ]);
    const askPhone = await deputy.send("Smirnova Ekaterina");
    expect(textsOf(askPhone)).toEqual([expect.stringMatching(/^If you like, share your phone number/)]);
    expect(replyKeyboard(askPhone).map((b) => b.text)).toEqual(["📱 Share my number", "Skip"]);
    expect(textsOf(await deputy.send("call me"))).toEqual([expect.stringMatching(/^That does not look like a phone number/)]);
    expect(textsOf(await deputy.send("+7 (999) 000-00-00"))).toEqual(["Thank you, the number is saved.", "Which language should I use?"]);
    expect(textsOf(await deputy.press("English"))[0]).toMatch(/^All set, Smirnova Ekaterina!/);
    expect(await userRow(8203)).toMatchObject({ phone: "+79990000000", language: "en" });
  });
});

describe("leaving the joining dialogue", () => {
  it("a command typed instead of an answer leaves the dialogue and runs; the membership stays", async () => {
    const { schoolId } = await createSchool(
      { db: db.prisma, now: () => NOW },
      { by: "cli", name: "Школа команд", timezone: "Europe/Moscow" },
    );
    const invite = await createInvite({ db: db.prisma, now: () => NOW }, { by: "cli", schoolId, role: "director" });
    const h = createHarness({ db: db.prisma, now: () => NOW });
    const director = h.user({ id: 8501, first_name: "Игорь", language_code: "ru" });
    await director.send(`/start ${invite.token}`);
    expect(textsOf(await director.send("/help"))[0]).toMatch(/^Что я умею:/);
    expect(textsOf(await director.send("Сидоров Игорь")).some((t) => t.includes("поделитесь номером"))).toBe(false);
    expect(await userRow(8501)).toMatchObject({ fullName: "Игорь", memberships: [expect.objectContaining({ roles: "director" })] });
  });
});

describe("the phone step", () => {
  it("accepts only the person's own contact, a typed number, or skipping", async () => {
    const { schoolId } = await createSchool(
      { db: db.prisma, now: () => NOW },
      { by: "cli", name: "Школа телефонов", timezone: "Europe/Moscow" },
    );
    const invite = await createInvite({ db: db.prisma, now: () => NOW }, { by: "cli", schoolId, role: "specialist" });
    const h = createHarness({ db: db.prisma, now: () => NOW });
    const person = h.user({ id: 8301, first_name: "Lena", language_code: "en" });
    await person.send(`/start ${invite.token}`);
    await person.send("Орлова Елена");
    // Someone else's contact, forwarded.
    const before = h.telegram.calls.length;
    await h.handle({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 8301, type: "private", first_name: "Lena" },
        from: { id: 8301, is_bot: false, first_name: "Lena", language_code: "en" },
        contact: { phone_number: "+70000000000", first_name: "Other", user_id: 999 },
      },
    });
    expect(textsOf(h.telegram.calls.slice(before))).toEqual([expect.stringContaining("share your own number")]);
    expect(textsOf(await person.send("Skip"))).toEqual([
      "All right, no number. You can add it later in /settings.",
      "Which language should I use?",
    ]);
    expect(textsOf(await person.press("Русский"))[0]).toMatch(/^Готово, Орлова Елена!/);
    expect(await userRow(8301)).toMatchObject({ phone: null, language: "ru", fullName: "Орлова Елена" });
  });
});

describe("/settings", () => {
  let teacher: ChatUser;
  beforeAll(async () => {
    const { schoolId } = await createSchool(
      { db: db.prisma, now: () => NOW },
      { by: "cli", name: "Школа настроек", timezone: "Europe/Moscow" },
    );
    await db.prisma.school.update({ where: { id: schoolId }, data: { workStartHour: 8, workEndHour: 18 } });
    const invite = await createInvite({ db: db.prisma, now: () => NOW }, { by: "cli", schoolId, role: "teacher", classLabel: "5А" });
    const h = createHarness({ db: db.prisma, now: () => NOW });
    teacher = h.user({ id: 8401, first_name: "Нина", language_code: "ru" });
    await teacher.send(`/start ${invite.token}`);
    await teacher.send("Петрова Нина");
    await teacher.send("Пропустить");
    await teacher.press("Русский");
  });

  it("sets reminder hours with buttons, within the school's working hours", async () => {
    const menu = await teacher.send("/settings");
    expect(textsOf(menu)[0]).toBe(
      "Ваши настройки:\nИмя: Петрова Нина\nТелефон: не указан\nЯзык: Русский\n" +
        "Напоминания: в рабочие часы школы, с 8:00 до 18:00\nОтпуск: не указан",
    );
    const from = await teacher.press("Часы напоминаний");
    expect(textsOf(from)).toEqual(["С какого часа присылать напоминания?"]);
    expect(from.flatMap(buttonsOf).map((b) => b.text)).toEqual([
      "8:00",
      "9:00",
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
      "17:00",
      "Как в школе (8:00–18:00)",
    ]);
    const to = await teacher.press("9:00");
    expect(shown(to)).toEqual(["С 9:00 — и до какого часа?"]);
    expect(to.flatMap(buttonsOf).map((b) => b.text)).toEqual([
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
      "17:00",
      "18:00",
    ]);
    expect(shown(await teacher.press("17:00"))).toEqual(["Сохранено: напоминания с 9:00 до 17:00. Срочные сообщения приходят сразу."]);
    expect(await userRow(8401)).toMatchObject({ reminderStartHour: 9, reminderEndHour: 17 });

    // A forged button outside the school's hours changes nothing.
    const forged = await teacher.pressData("set:he:6:23");
    expect(forged.find((c) => c.method === "answerCallbackQuery")?.payload.text).toBe(
      "Эта кнопка устарела. Откройте нужный раздел заново.",
    );
    expect(await userRow(8401)).toMatchObject({ reminderStartHour: 9, reminderEndHour: 17 });
    expect(textsOf(await teacher.send("/settings"))[0]).toContain("Напоминания: с 9:00 до 17:00");

    await teacher.press("Часы напоминаний");
    expect(shown(await teacher.press("Как в школе (8:00–18:00)"))).toEqual([
      "Сохранено: напоминания в рабочие часы школы, с 8:00 до 18:00.",
    ]);
    expect(await userRow(8401)).toMatchObject({ reminderStartHour: null, reminderEndHour: null });
  });

  it("sets a vacation mute by typed dates, and switches it off", async () => {
    await teacher.send("/settings");
    const mute = await teacher.press("Отпуск");
    expect(mute.flatMap(buttonsOf).map((b) => b.text)).toEqual(["Указать даты"]);
    expect(textsOf(await teacher.press("Указать даты"))).toEqual(["С какого дня отпуск? Напишите дату: дд.мм.гггг"]);
    expect(textsOf(await teacher.send("в понедельник"))).toEqual(["Не понял дату. Напишите, например: 01.07.2026"]);
    expect(textsOf(await teacher.send("28.12.2026"))).toEqual(["По какой день включительно? Напишите дату: дд.мм.гггг"]);
    expect(textsOf(await teacher.send("20.12.2026"))[0]).toBe("Конец отпуска раньше начала — проверьте дату.");
    expect(textsOf(await teacher.send("11.01.2027"))).toEqual([
      "Сохранено: отпуск с 28.12.2026 по 11.01.2027. В эти дни напоминаний не будет.",
    ]);
    expect(await userRow(8401)).toMatchObject({ mutedFrom: "2026-12-28", mutedUntil: "2027-01-11" });
    expect(textsOf(await teacher.send("/settings"))[0]).toContain("Отпуск: с 28.12.2026 по 11.01.2027, напоминаний нет");

    await teacher.press("Отпуск");
    expect(shown(await teacher.press("Выключить"))).toEqual(["Отпуск выключен: напоминания снова приходят."]);
    expect(await userRow(8401)).toMatchObject({ mutedFrom: null, mutedUntil: null });
  });

  it("changes or removes the phone with the contact button", async () => {
    await teacher.send("/settings");
    const ask = await teacher.press("Телефон");
    expect(replyKeyboard(ask).map((b) => b.text)).toEqual(["📱 Поделиться номером", "Удалить номер", "Не менять"]);
    expect(textsOf(await teacher.sendContact("+79161112233"))).toEqual(["Сохранено: +79161112233."]);
    expect(await userRow(8401)).toMatchObject({ phone: "+79161112233" });
    await teacher.send("/settings");
    await teacher.press("Телефон");
    expect(textsOf(await teacher.send("Удалить номер"))).toEqual(["Номер удалён."]);
    expect(await userRow(8401)).toMatchObject({ phone: null });
  });
});
