import { openCase } from "../../src/app/cases/open-case.js";
import type { CaseServiceDeps } from "../../src/app/cases/case-service.js";
import type { Db } from "../../src/db/open-database.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { createUserRepository } from "../../src/repositories/user-repository.js";

/*
 * The bot benches' school: 100 class teachers (Telegram ids 10000…10099) and a deputy, each teacher
 * with a class of one student and an open absence case about that student, opened through the
 * real use case. Each student has a surname of their own, so a teacher typing it finds exactly
 * their case (no audit rows: the case is the teacher's own).
 */

export const BENCH_TEACHERS = 100;
const FIRST_TELEGRAM_ID = 10_000;

export interface BenchTeacher {
  /** For updates: the Telegram user (and private chat) id. */
  telegram: { id: number; first_name: string };
  /** What the teacher types to find their student (a lone surname: Klassruk's lookup). */
  surname: string;
  /** The open case of the teacher's student: `cc:o:<caseId>` opens its card. */
  caseId: number;
}

const STEMS = ["Бар", "Вол", "Гор", "Дуб", "Жук", "Зим", "Ков", "Лап", "Мор", "Пан"];
const MIDDLES = ["ан", "ен", "ин", "он", "ун", "ар", "ер", "ир", "ор", "ур"];

export async function seedBenchSchool(db: Db, deps: Pick<CaseServiceDeps, "regulations" | "productionYears">): Promise<BenchTeacher[]> {
  const schools = createSchoolRepository(db);
  const users = createUserRepository(db);
  const schoolId = await schools.createSchool({ name: "Школа № 100" });
  const deputyUser = await users.ensure(FIRST_TELEGRAM_ID - 1, FIRST_TELEGRAM_ID - 1, "Соколова Марина Викторовна");
  await schools.addMember(schoolId, deputyUser, ["deputy"], { upbringingDeputy: true });
  const caseDeps = { db, ...deps, now: () => new Date() };
  const teachers: BenchTeacher[] = [];
  for (let i = 0; i < BENCH_TEACHERS; i++) {
    const telegramId = FIRST_TELEGRAM_ID + i;
    const fullName = `Учителева Анна ${i}`;
    const userId = await users.ensure(telegramId, telegramId, fullName);
    await users.updateProfile(telegramId, { language: "ru" });
    const memberId = await schools.addMember(schoolId, userId, ["teacher"]);
    const classId = await schools.createClass(schoolId, `${1 + (i % 10)}${"АБВГДЕЖЗИК"[Math.floor(i / 10)]}`, memberId);
    const surname = `${STEMS[i % 10]}${MIDDLES[Math.floor(i / 10)]}ов`;
    const studentId = await schools.addStudent(schoolId, classId, `${surname} Пётр Сергеевич`);
    const actor = {
      telegramId,
      userId,
      fullName,
      language: "ru" as const,
      schoolId,
      memberId,
      roles: ["teacher" as const],
      installationAdmin: false,
    };
    const opened = await openCase(caseDeps, { actor, regulationId: "absence-criterion-22", studentId });
    teachers.push({ telegram: { id: telegramId, first_name: `У${i}` }, surname, caseId: Number(opened.state.id) });
  }
  return teachers;
}
