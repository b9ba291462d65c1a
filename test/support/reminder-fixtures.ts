import { Api } from "grammy";
import type { Actor } from "../../src/app/actor.js";
import type { CaseServiceDeps } from "../../src/app/cases/case-service.js";
import { createOutboxSender, type OutboxSenderOptions } from "../../src/app/reminders/send-outbox.js";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import type { Db } from "../../src/db/open-database.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { FakeTelegram } from "./fake-telegram.js";

/*
 * A school with the people reminders go to, a clock the test moves, and an outbox sender talking
 * to a fake Bot API. Used by the reminder and delivery tests.
 */

export const regulations = loadRegulations();
export const productionYears = loadProductionYears();
export const silentLogger = createLogger("silent");

export function movableClock(iso: string) {
  let instant = new Date(iso);
  return {
    now: () => new Date(instant),
    set(next: string | Date) {
      instant = new Date(next);
    },
    advance(ms: number) {
      instant = new Date(instant.getTime() + ms);
    },
  };
}

let nextTelegramId = 5_000_000;

export interface Person extends Actor {
  userId: number;
  memberId: number;
  schoolId: number;
  chatId: number;
}

export async function addPerson(
  db: Db,
  schoolId: number,
  fullName: string,
  roles: Actor["roles"],
  options: { upbringingDeputy?: boolean; language?: string } = {},
): Promise<Person> {
  const telegramId = nextTelegramId++;
  const user = await db.user.create({
    data: {
      telegramId: BigInt(telegramId),
      chatId: BigInt(telegramId),
      fullName,
      activeSchoolId: schoolId,
      language: options.language ?? "ru",
    },
  });
  const memberId = await createSchoolRepository(db).addMember(schoolId, user.id, roles, {
    upbringingDeputy: options.upbringingDeputy ?? false,
  });
  return {
    telegramId,
    userId: user.id,
    fullName,
    language: options.language === "en" ? "en" : "ru",
    schoolId,
    memberId,
    roles,
    installationAdmin: false,
    chatId: telegramId,
  };
}

export interface ReminderSchool {
  schoolId: number;
  classId: number;
  studentId: number;
  teacher: Person;
  deputy: Person;
  director: Person;
}

/** A Moscow school (5-day week, 08–19) with class 7Б, student Иванов Пётр, a teacher, a deputy for upbringing and a director. */
export async function seedReminderSchool(db: Db, name = "Школа"): Promise<ReminderSchool> {
  const schools = createSchoolRepository(db);
  const schoolId = await schools.createSchool({ name });
  const teacher = await addPerson(db, schoolId, "Петрова Анна Сергеевна", ["teacher"]);
  const deputy = await addPerson(db, schoolId, "Сидоров Олег Ильич", ["deputy"], { upbringingDeputy: true });
  const director = await addPerson(db, schoolId, "Кузнецова Мария Петровна", ["director"]);
  const classId = await schools.createClass(schoolId, "7Б", teacher.memberId);
  const studentId = await schools.addStudent(schoolId, classId, "Иванов Пётр");
  return { schoolId, classId, studentId, teacher, deputy, director };
}

export function caseDeps(db: Db, now: () => Date): CaseServiceDeps {
  return { db, regulations, productionYears, now };
}

export const TEST_TOKEN = "1234567:TEST-token-for-the-outbox-only_abcdef";

/** An outbox sender on a fake Bot API, unpaced unless asked. */
export function testSender(db: Db, now: () => Date, options: OutboxSenderOptions & { telegram?: FakeTelegram } = {}) {
  const telegram = options.telegram ?? new FakeTelegram();
  const api = new Api(TEST_TOKEN, { fetch: telegram.fetch as never });
  const sender = createOutboxSender(
    { db, api, i18n: createI18n(), regulations, productionYears, logger: silentLogger, now },
    { ratePerSecond: 1000, perChatIntervalMs: 0, leaseMs: 60_000, ...options },
  );
  return { sender, telegram };
}
