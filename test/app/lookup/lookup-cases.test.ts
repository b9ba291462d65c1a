import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/app/actor.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { countAbsenceDays } from "../../../src/app/cases/count-absence-days.js";
import { findOpenCase } from "../../../src/app/cases/find-open-case.js";
import { lookupCases } from "../../../src/app/cases/lookup-cases.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { createSchoolRepository } from "../../../src/repositories/school-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addClass, addStaff, serviceDeps } from "../../support/school-setup.js";

let database: TestDatabase;
// Monday 10.11.2025, 12:00 in Moscow.
const now = () => new Date("2025-11-10T09:00:00Z");
const deps = () => serviceDeps(database.prisma, now);
let teacher: Actor;
let otherTeacher: Actor;
let deputy: Actor;
let admin: Actor;
let foreignDeputy: Actor;
let ids: Record<string, number>;
let otherIds: Record<string, number>;
let absenceCase: number;
let closedCase: number;
let otherTeachersCase: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const schools = createSchoolRepository(database.prisma);
  const schoolA = await schools.createSchool({ name: "Школа 1" });
  const schoolB = await schools.createSchool({ name: "Школа 2" });
  teacher = await addStaff(database.prisma, schoolA, 201, "Петрова Анна", ["teacher"]);
  otherTeacher = await addStaff(database.prisma, schoolA, 202, "Смирнов Олег", ["teacher"]);
  deputy = await addStaff(database.prisma, schoolA, 203, "Козлова Вера", ["deputy"]);
  admin = await addStaff(database.prisma, schoolA, 204, "Админ Школы", ["admin"]);
  foreignDeputy = await addStaff(database.prisma, schoolB, 205, "Чужой Завуч", ["deputy"]);
  ({ ids } = await addClass(database.prisma, schoolA, "7Б", teacher, ["Иванов Пётр", "Иванова Анна"]));
  ({ ids: otherIds } = await addClass(database.prisma, schoolA, "7А", otherTeacher, ["Иванов Олег"]));
  await addClass(database.prisma, schoolB, "7Б", foreignDeputy, ["Иванов Борис"]);

  const open = (actor: Actor, regulationId: string, studentId: number, openedOn?: string) =>
    openCase(deps(), { actor, regulationId, studentId, ...(openedOn ? { openedOn } : {}) }).then((c) => Number(c.state.id));
  absenceCase = await open(teacher, "absence-criterion-22", ids["Иванов Пётр"]!, "2025-11-05");
  await completeStep(deps(), { actor: teacher, caseId: String(absenceCase), stepId: "informDeputy", on: "2025-11-05", form: "phone" });
  closedCase = await open(teacher, "interaction-2-difficulty", ids["Иванов Пётр"]!, "2025-10-01");
  await closeCase(deps(), { actor: teacher, caseId: String(closedCase), reason: "resolved" });
  // Another teacher runs a case of a student of the teacher's class.
  otherTeachersCase = await open(otherTeacher, "interaction-4-council", ids["Иванова Анна"]!);
  await open(otherTeacher, "absence-criterion-22", otherIds["Иванов Олег"]!);
});
afterAll(() => database.destroy());

function summary(result: Awaited<ReturnType<typeof lookupCases>>) {
  return result.students.map((s) => ({
    name: `${s.fullName}, ${s.classLabel}`,
    cases: s.cases.map((c) => [c.regulationId, c.status, c.nextStepNumber ?? null, c.canView]),
  }));
}

async function lookupAudits(actor: Actor) {
  const rows = await database.prisma.auditEvent.findMany({
    where: { actorId: actor.userId!, action: "case.lookup" },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => [r.subject, JSON.parse(r.detail).via]);
}

describe("lookupCases", () => {
  it("shows a teacher their students with the cases they run, open first, and audits nothing of their own", async () => {
    const result = await lookupCases(deps(), { actor: teacher, query: "иванов", via: "command" });
    expect(summary(result)).toEqual([
      {
        name: "Иванов Пётр, 7Б",
        cases: [
          ["absence-criterion-22", "open", "3", true],
          ["interaction-2-difficulty", "closed", null, true],
        ],
      },
      // The other teacher's case on this student stays with them.
      { name: "Иванова Анна, 7Б", cases: [] },
    ]);
    expect(result.students[0]!.cases[1]).toMatchObject({ closedOn: "2025-11-10", openedOn: "2025-10-01" });
    expect(await lookupAudits(teacher)).toEqual([]);
  });

  it("shows a deputy the whole school and records each case of someone else's they looked at", async () => {
    const result = await lookupCases(deps(), { actor: deputy, query: "иванов", via: "inline" });
    expect(summary(result).map((s) => [s.name, s.cases.length])).toEqual([
      ["Иванов Олег, 7А", 1],
      ["Иванов Пётр, 7Б", 2],
      ["Иванова Анна, 7Б", 1],
    ]);
    expect(await lookupAudits(deputy)).toHaveLength(4);
    expect(await lookupAudits(deputy)).toContainEqual([`case:${otherTeachersCase}`, "inline"]);
  });

  it("lists cases for an admin without offering their cards", async () => {
    const result = await lookupCases(deps(), { actor: admin, query: "иванова", via: "text" });
    expect(summary(result)).toEqual([{ name: "Иванова Анна, 7Б", cases: [["interaction-4-council", "open", "1", false]] }]);
  });

  it("never reaches another school", async () => {
    const result = await lookupCases(deps(), { actor: foreignDeputy, query: "иванов", via: "command" });
    expect(summary(result).map((s) => s.name)).toEqual(["Иванов Борис, 7Б"]);
    expect(await lookupAudits(foreignDeputy)).toEqual([]);
  });
});

describe("findOpenCase", () => {
  it("finds the open case of the same regulation only", async () => {
    expect(await findOpenCase(deps(), { actor: teacher, studentId: ids["Иванов Пётр"]!, regulationId: "absence-criterion-22" })).toEqual({
      caseId: absenceCase,
      openedOn: "2025-11-05",
      canView: true,
    });
    // Closed: a new one may be opened.
    expect(
      await findOpenCase(deps(), { actor: teacher, studentId: ids["Иванов Пётр"]!, regulationId: "interaction-2-difficulty" }),
    ).toBeUndefined();
    expect(
      await findOpenCase(deps(), { actor: teacher, studentId: ids["Иванова Анна"]!, regulationId: "interaction-4-council" }),
    ).toMatchObject({
      canView: false,
    });
  });
});

describe("countAbsenceDays", () => {
  it("counts school days on the school's calendar: 01.11.2025 was a working Saturday, 03–04.11 were off", async () => {
    expect(await countAbsenceDays(deps(), { actor: teacher, firstAbsenceDay: "2025-10-20", until: "2025-11-05" })).toEqual({
      metOn: "2025-11-01",
      schoolDaysSoFar: 12,
      met: true,
    });
    expect(await countAbsenceDays(deps(), { actor: teacher, firstAbsenceDay: "2025-10-29", until: "2025-11-05" })).toEqual({
      metOn: "2025-11-13",
      schoolDaysSoFar: 5,
      met: false,
    });
  });
});
