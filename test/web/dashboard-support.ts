import { getRequestListener } from "@hono/node-server";
import { sign } from "@telegram-apps/init-data-node";
import type { DashboardDeps } from "../../src/app/dashboard/dashboard-session.js";
import { createSenderLookup } from "../../src/app/people/identify-sender.js";
import type { Db } from "../../src/db/open-database.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { createDashboardApp } from "../../src/web/dashboard-app.js";
import { fixtureDeps, seedCaseWorld, type CaseWorld } from "../support/case-fixtures.js";

/** The token the tests sign initData with, as Telegram signs it with the bot's. */
export const TEST_BOT_TOKEN = "1234567:TEST-dashboard-token";

export function dashboardDeps(db: Db, now: () => Date): DashboardDeps {
  return { ...fixtureDeps(db, now), senderLookup: createSenderLookup(db), adminIds: [], botToken: TEST_BOT_TOKEN };
}

export function dashboardApp(db: Db, now: () => Date, publicUrl = "http://127.0.0.1/app/") {
  return createDashboardApp({
    deps: dashboardDeps(db, now),
    i18n: createI18n(),
    publicUrl,
    logger: createLogger(process.env.DASHBOARD_TEST_LOG === "1" ? "info" : "silent"),
  });
}

export function dashboardListener(db: Db, now: () => Date, publicUrl?: string) {
  return getRequestListener(dashboardApp(db, now, publicUrl).fetch);
}

/** initData as the Mini App receives it, signed with `token` at `authDate`. */
export function initDataFor(telegramId: number, options: { token?: string; authDate?: Date } = {}): string {
  return sign(
    { user: { id: telegramId, first_name: "Test", language_code: "ru" }, query_id: "AAE-test" } as never,
    options.token ?? TEST_BOT_TOKEN,
    options.authDate ?? new Date(),
  );
}

/**
 * A school for the dashboard: 7Б (teacher Петрова, deputy Соколова) with two absence cases opened
 * weeks ago (late steps), and 8А of another teacher with a case of its own.
 */
export async function seedDashboardSchool(db: Db, now: () => Date, telegramBase: number) {
  const world: CaseWorld = await seedCaseWorld(db, {
    telegramBase,
    now,
    students: ["Иванов Пётр Сергеевич", "Смирнова Анна Олеговна", "Кузнецов Илья Андреевич"],
  });
  const other = await world.addPerson(telegramBase + 2, "Орлова Нина Павловна", ["teacher"]);
  const schools = createSchoolRepository(db);
  const otherClass = await schools.createClass(world.schoolId, "8А", other.memberId);
  const otherStudent = await schools.addStudent(world.schoolId, otherClass, "Беляев Олег Игоревич");
  const cases = {
    petr: await world.openCase({ openedOn: "2026-10-12", firstAbsenceOn: "2026-09-25" }),
    anna: await world.openCase({ studentId: world.studentIds[1]!, openedOn: "2026-11-02", firstAbsenceOn: "2026-10-15" }),
    oleg: await world.openCase({ studentId: otherStudent, actor: other, openedOn: "2026-11-09", firstAbsenceOn: "2026-10-22" }),
  };
  return { world, other, cases };
}
