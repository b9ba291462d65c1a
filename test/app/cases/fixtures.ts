import type { Actor, Role } from "../../../src/app/actor.js";
import type { CaseServiceDeps } from "../../../src/app/cases/case-service.js";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import type { Db } from "../../../src/db/open-database.js";
import type { RegulationCatalog } from "../../../src/domain/regulation/catalog.js";
import { loadRegulations } from "../../../src/regulations/load-regulations.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createUserRepository } from "../../../src/repositories/user-repository.js";

/** A clock the test moves by hand. */
export function testClock(iso: string) {
  let instant = new Date(iso);
  return {
    now: () => new Date(instant),
    set(next: string) {
      instant = new Date(next);
    },
  };
}

export const builtinRegulations = loadRegulations();
export const builtinYears = loadProductionYears();

export function caseDeps(db: Db, now: () => Date, regulations: RegulationCatalog = builtinRegulations): CaseServiceDeps {
  return { db, regulations, productionYears: builtinYears, now };
}

let nextTelegramId = 1000;

/** A user with a membership in the school, as the bot would resolve them. */
export async function addPerson(db: Db, schoolId: number, fullName: string, roles: Role[]): Promise<Actor> {
  const telegramId = nextTelegramId++;
  const userId = await createUserRepository(db).ensure(telegramId, telegramId, fullName);
  const memberId = await createSchoolRepository(db).addMember(schoolId, userId, roles);
  return { telegramId, userId, fullName, language: "ru", schoolId, memberId, roles, installationAdmin: false };
}

export interface SchoolFixture {
  schoolId: number;
  classId: number;
  studentId: number;
  teacher: Actor;
  otherTeacher: Actor;
  deputy: Actor;
}

/** A Moscow school with a class 7Б, one student, two teachers and a deputy for upbringing. */
export async function seedSchool(db: Db, name: string): Promise<SchoolFixture> {
  const schools = createSchoolRepository(db);
  const schoolId = await schools.createSchool({ name });
  const teacher = await addPerson(db, schoolId, `Учитель ${name}`, ["teacher"]);
  const otherTeacher = await addPerson(db, schoolId, `Другой учитель ${name}`, ["teacher"]);
  const deputy = await addPerson(db, schoolId, `Завуч ${name}`, ["deputy"]);
  const classId = await schools.createClass(schoolId, "7Б", teacher.memberId);
  const studentId = await schools.addStudent(schoolId, classId, "Иванов Пётр");
  return { schoolId, classId, studentId, teacher, otherTeacher, deputy };
}

/** Runs `run` and returns the code it was refused with (AppError or CaseError). */
export async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}
