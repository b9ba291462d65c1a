import type { Actor, Role } from "../../src/app/actor.js";
import type { CaseServiceDeps } from "../../src/app/cases/case-service.js";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import type { Db } from "../../src/db/open-database.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { createUserRepository } from "../../src/repositories/user-repository.js";

/** Schools, people, classes and students made straight through the repositories (not through the bot). */

export const regulations = loadRegulations();
export const productionYears = loadProductionYears();

export function serviceDeps(db: Db, now: () => Date): CaseServiceDeps {
  return { db, regulations, productionYears, now };
}

/** A member of the school with a Telegram id of the test's choosing; returned as the bot would resolve them. */
export async function addStaff(
  db: Db,
  schoolId: number,
  telegramId: number,
  fullName: string,
  roles: Role[],
  language: "ru" | "en" = "ru",
): Promise<Actor> {
  const userId = await createUserRepository(db).ensure(telegramId, telegramId, fullName);
  await createUserRepository(db).updateProfile(telegramId, { language });
  const memberId = await createSchoolRepository(db).addMember(schoolId, userId, roles);
  return { telegramId, userId, fullName, language, schoolId, memberId, roles, installationAdmin: false };
}

/** A class led by `teacher` (if given) with these students; returns the class id and student ids by name. */
export async function addClass(
  db: Db,
  schoolId: number,
  label: string,
  teacher: Actor | undefined,
  students: readonly string[],
): Promise<{ classId: number; ids: Record<string, number> }> {
  const schools = createSchoolRepository(db);
  const classId = await schools.createClass(schoolId, label, teacher?.memberId);
  const ids: Record<string, number> = {};
  for (const name of students) ids[name] = await schools.addStudent(schoolId, classId, name);
  return { classId, ids };
}

/** The Telegram profile of a staff member, for `harness.user(...)`. */
export function chatProfile(actor: Actor) {
  return { id: actor.telegramId, first_name: actor.fullName.split(" ")[1] ?? actor.fullName, language_code: actor.language };
}
