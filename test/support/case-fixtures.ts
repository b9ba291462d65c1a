import type { Actor, Role } from "../../src/app/actor.js";
import { openCase } from "../../src/app/cases/open-case.js";
import type { CaseServiceDeps } from "../../src/app/cases/case-service.js";
import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import type { Db } from "../../src/db/open-database.js";
import type { LocalDate } from "../../src/domain/dates.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { createUserRepository } from "../../src/repositories/user-repository.js";

/*
 * A school ready for case tests: a class teacher with class 7Б, a deputy for upbringing, students,
 * and cases opened through the real openCase use case. People get Telegram ids (and chats) from
 * `telegramBase` upwards, so several worlds can live in one database.
 */

export const fixtureRegulations = loadRegulations();
export const fixtureYears = loadProductionYears();

export function fixtureDeps(db: Db, now: () => Date): CaseServiceDeps {
  return { db, regulations: fixtureRegulations, productionYears: fixtureYears, now };
}

/** A clock the test moves by hand; `at("2026-11-16")` is 10:00 in Moscow that day. */
export function movableClock(start: string) {
  let instant = toInstant(start);
  return {
    now: () => new Date(instant),
    set(next: string) {
      instant = toInstant(next);
    },
  };
}

function toInstant(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T10:00:00+03:00` : value);
}

export interface Person extends Actor {
  telegramId: number;
  memberId: number;
  schoolId: number;
}

export interface CaseWorld {
  schoolId: number;
  classId: number;
  /** Students of 7Б, in the order of `students`. */
  studentIds: number[];
  teacher: Person;
  deputy: Person;
  /** Opens a case as the teacher (default: the absence regulation, the first student, today). */
  openCase(options?: {
    studentId?: number;
    openedOn?: LocalDate;
    firstAbsenceOn?: LocalDate;
    regulationId?: string;
    actor?: Actor;
  }): Promise<number>;
  /** Adds another person to the school (e.g. a second teacher). */
  addPerson(telegramId: number, fullName: string, roles: Role[], language?: "ru" | "en"): Promise<Person>;
}

export interface CaseWorldOptions {
  name?: string;
  telegramBase: number;
  now: () => Date;
  teacherName?: string;
  deputyName?: string;
  language?: "ru" | "en";
  students?: string[];
  /** false: the school has no deputy at all. */
  withDeputy?: boolean;
}

export async function seedCaseWorld(db: Db, options: CaseWorldOptions): Promise<CaseWorld> {
  const schools = createSchoolRepository(db);
  const users = createUserRepository(db);
  const schoolId = await schools.createSchool({ name: options.name ?? `Школа ${options.telegramBase}` });

  async function addPerson(
    telegramId: number,
    fullName: string,
    roles: Role[],
    language: "ru" | "en" = "ru",
    upbringingDeputy = false,
  ): Promise<Person> {
    const userId = await users.ensure(telegramId, telegramId, fullName);
    await users.updateProfile(telegramId, { language });
    const memberId = await schools.addMember(schoolId, userId, roles, { upbringingDeputy });
    return { telegramId, userId, fullName, language, schoolId, memberId, roles, installationAdmin: false };
  }

  const teacher = await addPerson(
    options.telegramBase,
    options.teacherName ?? "Петрова Ольга Ивановна",
    ["teacher"],
    options.language ?? "ru",
  );
  const deputy =
    options.withDeputy === false
      ? undefined
      : await addPerson(options.telegramBase + 1, options.deputyName ?? "Соколова Марина Викторовна", ["deputy"], "ru", true);
  const classId = await schools.createClass(schoolId, "7Б", teacher.memberId);
  const studentIds: number[] = [];
  for (const name of options.students ?? ["Иванов Пётр Сергеевич", "Смирнова Анна Олеговна"]) {
    studentIds.push(await schools.addStudent(schoolId, classId, name));
  }
  const deps = fixtureDeps(db, options.now);

  return {
    schoolId,
    classId,
    studentIds,
    teacher,
    deputy: deputy ?? ({} as Person),
    async openCase({ studentId = studentIds[0]!, openedOn, firstAbsenceOn, regulationId = "absence-criterion-22", actor = teacher } = {}) {
      const opened = await openCase(deps, {
        actor,
        regulationId,
        studentId,
        ...(openedOn ? { openedOn } : {}),
        ...(firstAbsenceOn ? { firstAbsenceOn } : {}),
      });
      return Number(opened.state.id);
    },
    addPerson: (telegramId, fullName, roles, language) => addPerson(telegramId, fullName, roles, language),
  };
}
