import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createHarness, type ChatUser, type Harness } from "../support/bot-harness.js";
import type { ApiCall } from "../support/fake-telegram.js";
import { fixtureDeps, movableClock, seedCaseWorld, type CaseWorld, type Person } from "../support/case-fixtures.js";
import { reassignCase } from "../../src/app/cases/reassign-case.js";
import { requestCouncil } from "../../src/app/council/request-council.js";

/*
 * Buttons are only a hint: whatever callback data a person forges, they reach no listing and no
 * action their role does not allow. Each family of buttons is pressed by the wrong role; the answer
 * is a short refusal, nothing is shown and nothing changes in the database.
 */

let db: TestDatabase;
const clock = movableClock("2026-11-16");
let a: CaseWorld;
let b: CaseWorld;
let h: Harness;
/** A case of 7Б, run by A's class teacher. */
let caseA: number;
let caseB: number;
let otherTeacher: Person;
let admin: Person;
let teacherA: ChatUser;
let otherTeacherA: ChatUser;
let deputyA: ChatUser;
let adminA: ChatUser;

const NOT_ALLOWED = "Это действие вам недоступно.";
const CARD_UNAVAILABLE = "Случай не найден или недоступен вам.";
const UNKNOWN_BUTTON = "Эта кнопка устарела. Откройте нужный раздел заново.";

beforeAll(async () => {
  db = await createTestDatabase();
  a = await seedCaseWorld(db.prisma, { name: "Школа А", telegramBase: 8300, now: clock.now });
  b = await seedCaseWorld(db.prisma, {
    name: "Школа Б",
    telegramBase: 8400,
    now: clock.now,
    teacherName: "Белова Нина Павловна",
    students: ["Кузнецов Артём Игоревич"],
  });
  otherTeacher = await a.addPerson(8302, "Кузнецова Анна Петровна", ["teacher"]);
  admin = await a.addPerson(8305, "Админова Анна Андреевна", ["admin"]);
  caseA = await a.openCase({ openedOn: "2026-11-16" });
  caseB = await b.openCase({ openedOn: "2026-11-16" });
  h = createHarness({ db: db.prisma, now: clock.now });
  teacherA = h.user({ id: a.teacher.telegramId, first_name: "Ольга", language_code: "ru" });
  otherTeacherA = h.user({ id: otherTeacher.telegramId, first_name: "Анна", language_code: "ru" });
  deputyA = h.user({ id: a.deputy.telegramId, first_name: "Марина", language_code: "ru" });
  adminA = h.user({ id: admin.telegramId, first_name: "Анна", language_code: "ru" });
});
afterAll(async () => {
  await db.destroy();
});

/** What the pressing person was answered: the callback's toast, and every message sent or edited. */
function answered(calls: ApiCall[]) {
  const answers = calls.filter((c) => c.method === "answerCallbackQuery");
  expect(answers).toHaveLength(1);
  return {
    toast: answers[0]!.payload.text as string | undefined,
    shown: calls.filter((c) => c.method !== "answerCallbackQuery"),
    all: JSON.stringify(calls),
  };
}

/** Everything that a forged press could change. */
async function snapshot() {
  const cases = await db.prisma.case.findMany({
    orderBy: { id: "asc" },
    select: { id: true, revision: true, status: true, teacherId: true, steps: true },
  });
  const members = await db.prisma.member.findMany({ orderBy: { id: "asc" }, select: { id: true, roles: true, active: true } });
  const classes = await db.prisma.schoolClass.findMany({ orderBy: { id: "asc" }, select: { id: true, label: true, teacherId: true } });
  const schools = await db.prisma.school.findMany({ orderBy: { id: "asc" } });
  const students = await db.prisma.student.count();
  const events = await db.prisma.caseEvent.count();
  return { cases, members, classes, schools, students, events };
}

/** The refusals audited for `person` since `since`. */
async function refusalsOf(person: Person, since: Date) {
  return db.prisma.auditEvent.count({ where: { actorId: person.userId!, action: "access.denied", at: { gte: since } } });
}

describe("forged /admin data (adm:*) pressed by a class teacher", () => {
  it("adm:ra lists no teachers to pass a case to", async () => {
    const before = await snapshot();
    const since = clock.now();
    const { toast, shown, all } = answered(await teacherA.pressData(`adm:ra:${caseA}`));
    expect(toast).toBe(NOT_ALLOWED);
    expect(shown).toEqual([]);
    expect(all).not.toContain("Кому передать");
    expect(all).not.toContain("Кузнецова");
    expect(await refusalsOf(a.teacher, since)).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  it("adm:ra: the deputy sees the teachers of their own school's case only", async () => {
    const own = await deputyA.pressData(`adm:ra:${caseA}`);
    expect(replied(own)).toEqual([`Кому передать случай №${caseA}?`]);
    expect(JSON.stringify(own)).toContain("Кузнецова Анна Петровна");
    const { toast, shown, all } = answered(await deputyA.pressData(`adm:ra:${caseB}`));
    expect(toast).toBe("Не нашлось: возможно, данные уже изменились.");
    expect(shown).toEqual([]);
    expect(all).not.toContain("Белова");
  });

  it("every other /admin button is refused and changes nothing", async () => {
    const before = await snapshot();
    const vacation = await db.prisma.vacation.create({ data: { schoolId: a.schoolId, fromDate: "2026-12-28", toDate: "2027-01-08" } });
    const student = a.studentIds[0]!;
    const forged = [
      "adm:s",
      "adm:s:in:0",
      "adm:s:wk:6",
      "adm:s:hn:1",
      "adm:s:dp",
      `adm:s:dp:${a.teacher.memberId}`,
      "adm:v",
      "adm:v:add",
      `adm:v:rm:${vacation.id}`,
      "adm:p",
      `adm:p:${otherTeacher.memberId}`,
      `adm:r:${otherTeacher.memberId}:4`,
      `adm:d:${otherTeacher.memberId}`,
      `adm:dy:${otherTeacher.memberId}`,
      `adm:rt:${caseA}:${otherTeacher.memberId}`,
      "adm:c",
      `adm:c:${a.classId}`,
      `adm:ct:${a.classId}:${otherTeacher.memberId}`,
      "adm:pr",
      "adm:pry",
      "adm:a",
      "adm:st",
      `adm:sx:${student}`,
      `adm:se:${student}`,
      `adm:sey:${student}`,
      `adm:sl:${student}`,
      `adm:sr:${student}`,
      "adm:cal",
    ];
    for (const data of forged) {
      const { toast, shown, all } = answered(await teacherA.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: NOT_ALLOWED });
      expect({ data, shown }).toEqual({ data, shown: [] });
      for (const name of ["Кузнецова", "Иванов", "Админова"]) expect(all).not.toContain(name);
    }
    expect(await db.prisma.vacation.count({ where: { id: vacation.id } })).toBe(1);
    await db.prisma.vacation.delete({ where: { id: vacation.id } });
    expect(await snapshot()).toEqual(before);
  });

  it("adm:cal:up: a school's administrator is told the calendar is uploaded by the installation's", async () => {
    for (const user of [teacherA, adminA]) {
      const { toast, shown } = answered(await user.pressData("adm:cal:up"));
      expect(toast).toBe("Календарь общий для всех школ: загружают его администраторы установки.");
      expect(shown).toEqual([]);
    }
  });
});

describe("an /admin dialogue after the administrator lost the role", () => {
  it("the student search lists nobody", async () => {
    const person = await a.addPerson(8307, "Админов Борис Борисович", ["admin"]);
    const user = h.user({ id: person.telegramId, first_name: "Борис", language_code: "ru" });
    await user.pressData("adm:st");
    await db.prisma.member.update({ where: { id: person.memberId }, data: { roles: { deleteMany: {}, create: [{ role: "teacher" }] } } });
    const since = clock.now();
    const calls = await user.send("Иванов");
    expect(replied(calls)).toEqual([NOT_ALLOWED]);
    expect(JSON.stringify(calls)).not.toContain("Иванов Пётр");
    expect(await refusalsOf(person, since)).toBe(1);
  });
});

describe("forged council data (cn:*)", () => {
  let difficultyCase: number;
  let pendingRequest: number;

  beforeAll(async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    // A section II case on a 7Б student, run by the other teacher: they see it but are not the class teacher.
    difficultyCase = await a.openCase({ regulationId: "interaction-2-difficulty", studentId: a.studentIds[1]!, openedOn: "2026-11-16" });
    await reassignCase(deps, { actor: a.deputy, caseId: String(difficultyCase), teacherMemberId: otherTeacher.memberId });
    // The deputy's request waits for the class teacher's consent.
    const request = await requestCouncil(deps, {
      actor: a.deputy,
      studentId: a.studentIds[0]!,
      reason: "пропуски",
      form: "smallCouncil",
      slots: [new Date("2026-11-20T12:00:00Z")],
    });
    pendingRequest = request.id;
  });

  it("cn:rq: a teacher who is not the student's class teacher is refused by requestCouncil's rule before the dialogue", async () => {
    const since = clock.now();
    const requests = await db.prisma.councilRequest.count();
    const { toast, shown } = answered(await otherTeacherA.pressData(`cn:rq:${difficultyCase}`));
    expect(toast).toBe(CARD_UNAVAILABLE);
    expect(shown).toEqual([]);
    expect(
      await db.prisma.auditEvent.count({
        where: { actorId: otherTeacher.userId!, action: "access.denied", subject: `student:${a.studentIds[1]}`, at: { gte: since } },
      }),
    ).toBe(1);
    expect(await db.prisma.councilRequest.count()).toBe(requests);
  });

  it("cn:y / cn:n: only the class teacher answers for consent; cn:s / cn:o: only the deputy for upbringing fixes the time", async () => {
    const before = await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: pendingRequest } });
    const since = clock.now();
    for (const [user, data] of [
      [otherTeacherA, `cn:y:${pendingRequest}`],
      [otherTeacherA, `cn:n:${pendingRequest}`],
      [teacherA, `cn:s:${pendingRequest}:0`],
      [teacherA, `cn:o:${pendingRequest}`],
      [otherTeacherA, `cn:o:${pendingRequest}`],
    ] as const) {
      const { toast, shown } = answered(await user.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: CARD_UNAVAILABLE });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    expect(await db.prisma.councilRequest.findUniqueOrThrow({ where: { id: pendingRequest } })).toEqual(before);
    const refused = { action: "access.denied", subject: `council:${pendingRequest}`, at: { gte: since } };
    expect(await db.prisma.auditEvent.count({ where: { ...refused, actorId: otherTeacher.userId! } })).toBe(3);
    expect(await db.prisma.auditEvent.count({ where: { ...refused, actorId: a.teacher.userId! } })).toBe(2);
  });

  it("cn:ip / cn:td: the information pack of a case is not the business of another class's teacher", async () => {
    const before = await snapshot();
    for (const data of [`cn:ip:${caseA}`, `cn:td:${caseA}:1`, `cn:ip:${caseB}`]) {
      const { toast, shown, all } = answered(await otherTeacherA.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: CARD_UNAVAILABLE });
      expect({ data, shown }).toEqual({ data, shown: [] });
      expect(all).not.toContain("Иванов");
    }
    expect(await snapshot()).toEqual(before);
  });
});

/** A press answered by a message instead of a toast (the card's "open" buttons): that message's text. */
function replied(calls: ApiCall[]): string[] {
  return calls.filter((c) => c.method === "sendMessage" || c.method === "editMessageText").map((c) => String(c.payload.text));
}

describe("forged case card data (cc:*) for a case the presser does not run", () => {
  const cardData = (caseId: number) => [
    `cc:o:${caseId}`,
    `cc:f:${caseId}:0`,
    `cc:st:${caseId}`,
    `cc:d:${caseId}:0`,
    `cc:a:${caseId}:0:0`,
    `cc:r:${caseId}:0`,
    `cc:fm:${caseId}:0`,
    `cc:fd:${caseId}:0:0`,
    `cc:n:${caseId}:0`,
    `cc:dt:${caseId}:0`,
    `cc:sk:${caseId}:0`,
    `cc:nd:${caseId}`,
    `cc:h:${caseId}`,
    `cc:x:${caseId}`,
    `cc:xr:${caseId}:0`,
    `cc:xy:${caseId}:0`,
    `cc:p:${caseId}`,
    `cc:pa:${caseId}`,
    `cc:pf:${caseId}`,
    `cc:pg:${caseId}`,
    `cc:mt:${caseId}:1`,
    `cc:c:${caseId}`,
    `cc:r:${caseId}`,
    `cc:t:${caseId}:${otherTeacher.memberId}`,
  ];

  it("a teacher of another class, and a teacher of another school, are refused and change nothing", async () => {
    const before = await snapshot();
    for (const [user, caseId] of [
      [otherTeacherA, caseA],
      [teacherA, caseB],
    ] as const) {
      for (const data of cardData(caseId)) {
        const { toast, shown, all } = answered(await user.pressData(data));
        expect({ data, toast }).toEqual({ data, toast: CARD_UNAVAILABLE });
        expect({ data, shown }).toEqual({ data, shown: [] });
        for (const name of ["Иванов", "Кузнецов"]) expect(all).not.toContain(name);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("the class teacher may not pass their own case to someone else (a deputy's action)", async () => {
    const before = await snapshot();
    for (const data of [`cc:r:${caseA}`, `cc:t:${caseA}:${otherTeacher.memberId}`]) {
      const { toast, all } = answered(await teacherA.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: CARD_UNAVAILABLE });
      expect(all).not.toContain("Кузнецова");
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("forged buttons that open a case card elsewhere (rm:o, dv:o, lk:c, an:o) and other case buttons", () => {
  it("open nothing for a teacher who does not run the case", async () => {
    for (const data of [`rm:o:${caseA}`, `dv:o:${caseA}`, `lk:c:${caseA}`, `an:o:${caseA}`]) {
      const calls = await otherTeacherA.pressData(data);
      expect(calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
      expect({ data, replied: replied(calls) }).toEqual({ data, replied: [CARD_UNAVAILABLE] });
    }
  });

  it("rm:z, an:f, df:*: refused, and nothing is snoozed or recorded", async () => {
    const before = await snapshot();
    const snoozes = await db.prisma.snooze.count();
    const expected: Record<string, string> = {
      [`rm:z:${caseA}:0`]: NOT_ALLOWED,
      [`an:f:${caseA}:0:0`]: CARD_UNAVAILABLE,
      [`df:ms:${caseA}`]: CARD_UNAVAILABLE,
      [`df:memo:${caseA}`]: CARD_UNAVAILABLE,
      [`df:mt:${caseA}`]: CARD_UNAVAILABLE,
      [`df:ag:${caseA}`]: CARD_UNAVAILABLE,
      [`df:ipr:${caseA}`]: CARD_UNAVAILABLE,
    };
    for (const [data, text] of Object.entries(expected)) {
      const { toast, shown, all } = answered(await otherTeacherA.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: text });
      expect({ data, shown }).toEqual({ data, shown: [] });
      expect(all).not.toContain("Иванов");
    }
    expect(await db.prisma.snooze.count()).toBe(snoozes);
    expect(await snapshot()).toEqual(before);
  });
});

describe("forged SOS, meeting, event, invitation, school and student buttons", () => {
  it("sos:a / sos:d: a teacher takes no alert and reads no other teacher's alert; nobody reads another school's", async () => {
    const alert = await db.prisma.sosAlert.create({
      data: {
        schoolId: a.schoolId,
        teacherMemberId: a.teacher.memberId,
        studentId: a.studentIds[0]!,
        kind: "fight",
        text: "драка у столовой",
        rounds: 1,
      },
    });
    const alertB = await db.prisma.sosAlert.create({
      data: { schoolId: b.schoolId, teacherMemberId: b.teacher.memberId, kind: "fight", text: "драка в школе Б", rounds: 1 },
    });
    const cases: [ChatUser, string, string][] = [
      [teacherA, `sos:a:${alert.id}`, NOT_ALLOWED],
      [otherTeacherA, `sos:a:${alert.id}`, NOT_ALLOWED],
      [otherTeacherA, `sos:d:${alert.id}`, NOT_ALLOWED],
      [deputyA, `sos:a:${alertB.id}`, "Этот сигнал недоступен."],
      [deputyA, `sos:d:${alertB.id}`, "Этот сигнал недоступен."],
    ];
    for (const [user, data, text] of cases) {
      const { toast, shown, all } = answered(await user.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: text });
      expect({ data, shown }).toEqual({ data, shown: [] });
      for (const word of ["драка", "Иванов"]) expect(all).not.toContain(word);
    }
    for (const id of [alert.id, alertB.id])
      expect(await db.prisma.sosAlert.findUniqueOrThrow({ where: { id } })).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null });
  });

  it("mt:y / mt:n: only an invitee answers a meeting", async () => {
    const meeting = await db.prisma.meeting.create({
      data: {
        schoolId: a.schoolId,
        kind: "parents",
        caseId: caseA,
        startsAt: new Date("2026-11-20T12:00:00Z"),
        organizerMemberId: a.teacher.memberId,
      },
    });
    await db.prisma.meetingInvitee.create({ data: { schoolId: a.schoolId, meetingId: meeting.id, memberId: a.deputy.memberId } });
    for (const [user, data] of [
      [otherTeacherA, `mt:y:${meeting.id}`],
      [teacherA, `mt:n:${meeting.id}`],
    ] as const) {
      const { toast, shown } = answered(await user.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: "Это приглашение больше не действует." });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    expect(await db.prisma.meetingInvitee.findMany({ where: { meetingId: meeting.id }, select: { status: true } })).toEqual([
      { status: "invited" },
    ]);
  });

  it("ev:l / ev:n: only the class's teacher answers a school event", async () => {
    const event = await db.prisma.schoolEvent.create({
      data: { schoolId: a.schoolId, title: "Осенний кросс", createdBy: a.deputy.memberId },
    });
    const row = (await db.prisma.schoolEventClass.create({ data: { schoolId: a.schoolId, eventId: event.id, classId: a.classId } })).id;
    for (const data of [`ev:l:${row}`, `ev:n:${row}`]) {
      for (const user of [otherTeacherA, deputyA]) {
        const { toast, shown } = answered(await user.pressData(data));
        expect({ data, toast }).toEqual({ data, toast: CARD_UNAVAILABLE });
        expect({ data, shown }).toEqual({ data, shown: [] });
      }
    }
    expect(await db.prisma.schoolEventClass.findUniqueOrThrow({ where: { id: row } })).toMatchObject({ answeredAt: null, declined: false });
  });

  it("inv:rv: a teacher revokes no invitation, and an administrator none of another school", async () => {
    const invite = await db.prisma.invite.create({
      data: { schoolId: a.schoolId, token: "forged-a", roles: "teacher", expiresAt: new Date("2026-12-01T00:00:00Z") },
    });
    const inviteB = await db.prisma.invite.create({
      data: { schoolId: b.schoolId, token: "forged-b", roles: "teacher", expiresAt: new Date("2026-12-01T00:00:00Z") },
    });
    for (const [user, data, text] of [
      [teacherA, `inv:rv:${invite.id}`, NOT_ALLOWED],
      [adminA, `inv:rv:${inviteB.id}`, UNKNOWN_BUTTON],
    ] as const) {
      const { toast, shown } = answered(await user.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: text });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    expect(await db.prisma.invite.count({ where: { revokedAt: { not: null } } })).toBe(0);
  });

  it("sw: switches nobody into a school they are not a member of", async () => {
    const { toast, shown } = answered(await teacherA.pressData(`sw:${b.schoolId}`));
    expect(toast).toBe(NOT_ALLOWED);
    expect(shown).toEqual([]);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: a.teacher.userId! } })).not.toMatchObject({ activeSchoolId: b.schoolId });
  });

  it("stu:add: a specialist, who does not manage students, starts no dialogue", async () => {
    const specialist = await a.addPerson(8306, "Психологова Вера Ивановна", ["specialist"]);
    const user = h.user({ id: specialist.telegramId, first_name: "Вера", language_code: "ru" });
    const { toast, shown } = answered(await user.pressData("stu:add"));
    expect(toast).toBe(NOT_ALLOWED);
    expect(shown).toEqual([]);
  });
});

describe("forged /settings data (set:*) pressed by a stranger", () => {
  it("is refused, opens no dialogue and saves nothing", async () => {
    const stranger = h.user({ id: 8399, first_name: "Некто", language_code: "ru" });
    const users = await db.prisma.user.count();
    for (const data of [
      "set:name",
      "set:phone",
      "set:lang",
      "set:lang:en",
      "set:hours",
      "set:hs:9",
      "set:he:9:17",
      "set:hours:school",
      "set:mute",
      "set:mute:dates",
      "set:mute:off",
    ]) {
      const { toast, shown } = answered(await stranger.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: NOT_ALLOWED });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    // Nothing was waiting for a typed name: the stranger is greeted as a stranger.
    expect(replied(await stranger.send("Иванов Иван"))).toEqual([
      "Здравствуйте! Этот бот — рабочий инструмент сотрудников школы. Чтобы начать, попросите у администратора школы ссылку-приглашение.",
    ]);
    expect(await db.prisma.user.count()).toBe(users);
  });
});

describe("forged class buttons (stu:c) in the add-student dialogue", () => {
  it("a malformed class gets the dialogue's hint, another school's class is refused; nobody is added", async () => {
    const students = await db.prisma.student.count();
    expect(replied(await teacherA.pressData("stu:add"))).toEqual(["Напишите фамилию, имя и отчество ученика."]);
    expect(replied(await teacherA.send("Новиков Олег Олегович"))).toEqual(["В какой класс? Выберите кнопкой или напишите, например: 7Б"]);
    for (const data of [`stu:c:0${a.classId}`, `stu:c:${a.classId}:1`, "stu:c:", "stu:c:-1"]) {
      const { toast, shown } = answered(await teacherA.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: "Выберите вариант кнопкой под сообщением выше." });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    const { toast, shown } = answered(await teacherA.pressData(`stu:c:${b.classId}`));
    expect(toast).toBeUndefined();
    expect(replied(shown)).toEqual([UNKNOWN_BUTTON]);
    expect(await db.prisma.student.count()).toBe(students);
    await teacherA.send("/cancel");
  });
});

describe("data that does not parse on the shared codec", () => {
  /** Pressed by `user`: each gets «Эта кнопка устарела», once, shows nothing and changes nothing. */
  async function expectStale(user: ChatUser, forged: string[]) {
    const before = await snapshot();
    for (const data of forged) {
      const { toast, shown } = answered(await user.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: UNKNOWN_BUTTON });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    expect(await snapshot()).toEqual(before);
  }

  it("set:*: unknown words, hours out of range, extra or missing parts, even for someone who may change their settings", async () => {
    const settings = { language: true, reminderStartHour: true, reminderEndHour: true, mutedFrom: true, mutedUntil: true, fullName: true };
    const before = await db.prisma.user.findUniqueOrThrow({ where: { id: a.teacher.userId! }, select: settings });
    await expectStale(teacherA, [
      "set:",
      "set:nam",
      "set:name:1",
      "set:lang:de",
      "set:lang:ru:1",
      "set:hours:1",
      "set:hs:24",
      "set:hs:08",
      "set:he:9",
      "set:he:9:25",
      "set:he:9:17:1",
      "set:hours:schools",
      "set:mute:on",
      "set:mute:off:1",
    ]);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: a.teacher.userId! }, select: settings })).toEqual(before);
  });

  it("stu:*: «Добавить ученика» with extra parts, and a class button outside its dialogue", async () => {
    await expectStale(teacherA, ["stu:", "stu:ad", "stu:add:1", "stu:addd", `stu:c:${a.classId}`]);
  });

  it("adm:*: out of range, extra or missing parts, even for the school's administrator", async () => {
    const student = a.studentIds[0]!;
    await expectStale(adminA, [
      "adm:",
      "adm:zz",
      "adm:s:in:7",
      "adm:s:in:",
      "adm:s:wk:7",
      "adm:s:wk:05",
      "adm:s:hn:2",
      `adm:s:dp:${otherTeacher.memberId}:1`,
      "adm:v:rm",
      `adm:p:${otherTeacher.memberId}:1`,
      `adm:r:${otherTeacher.memberId}:5`,
      `adm:r:${otherTeacher.memberId}`,
      `adm:dy:0${otherTeacher.memberId}`,
      `adm:ra:${caseA}:1`,
      `adm:rt:${caseA}`,
      `adm:ct:${a.classId}:-1`,
      `adm:sx:${student}:1`,
      `adm:sey:${student}x`,
      `adm:sl:${student}:0`,
      "adm:sr:1e3",
      "adm:pry:1",
      "adm:cal:up:1",
      `adm:p:${"9".repeat(60)}`,
    ]);
  });

  it("gets «Эта кнопка устарела», once, and shows nothing", async () => {
    const before = await snapshot();
    const forged = [
      `cc:o:0${caseA}`,
      `cc:d:${caseA}:1:2:3`,
      `cc:zz:${caseA}`,
      `cn:rq:${caseA}:1:2`,
      `cn:s:1:10`,
      "mt:y:-1",
      "mt:y:1e3",
      "ev:l:abc",
      "dv:o:",
      `rm:z:${caseA}:100`,
      `rm:o:${caseA}:1`,
    ];
    for (const data of forged) {
      const { toast, shown } = answered(await deputyA.pressData(data));
      expect({ data, toast }).toEqual({ data, toast: UNKNOWN_BUTTON });
      expect({ data, shown }).toEqual({ data, shown: [] });
    }
    expect(await snapshot()).toEqual(before);
  });
});
