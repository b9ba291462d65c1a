import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStep, openCase, type CaseState } from "../../src/domain/case/index.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";
import { createCaseRepository, parseCaseId, type CaseRepository } from "../../src/repositories/case-repository.js";
import { createSchoolRepository } from "../../src/repositories/school-repository.js";
import { createUserRepository } from "../../src/repositories/user-repository.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const absence = loadRegulations().current("absence-criterion-22");
const AT = new Date("2026-03-02T07:00:00Z");

let database: TestDatabase;
let cases: CaseRepository;
const ids = { school: 0, otherSchool: 0, teacher: 0, otherTeacher: 0, student: 0, otherStudent: 0, classId: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  cases = createCaseRepository(database.prisma);
  const schools = createSchoolRepository(database.prisma);
  const users = createUserRepository(database.prisma);
  ids.school = await schools.createSchool({ name: "Школа 1" });
  ids.otherSchool = await schools.createSchool({ name: "Школа 2" });
  ids.teacher = await schools.addMember(ids.school, await users.ensure(1, 1, "Учитель"), ["teacher"]);
  ids.otherTeacher = await schools.addMember(ids.school, await users.ensure(2, 2, "Другой"), ["teacher"]);
  ids.classId = await schools.createClass(ids.school, "7Б", ids.teacher);
  ids.student = await schools.addStudent(ids.school, ids.classId, "Иванов Пётр");
  ids.otherStudent = await schools.addStudent(ids.school, ids.classId, "Петров Иван");
});
afterAll(() => database.destroy());

type Absence = { firstAbsenceOn?: string; daysMissed?: number };

function opened(teacher = ids.teacher, student = ids.student, absenceSoFar: Absence = {}) {
  return openCase(absence, {
    id: "new",
    teacherId: String(teacher),
    studentId: String(student),
    classLabel: "7Б",
    openedOn: "2026-03-02",
    ...absenceSoFar,
    today: "2026-03-02",
    actorId: String(teacher),
  });
}

/** Opens a case the way a use case does: the row, then its events, in one transaction. */
async function insertCase(teacher = ids.teacher, student = ids.student, absenceSoFar: Absence = {}): Promise<CaseState> {
  const t = opened(teacher, student, absenceSoFar);
  return database.prisma.$transaction(async (tx) => {
    const stored = await cases.insert(tx, { schoolId: ids.school, state: t.state, studentId: student, classId: ids.classId });
    await cases.appendEvents(tx, ids.school, stored.state.id, t.events, AT);
    return stored.state;
  });
}

describe("the case repository", () => {
  it("maps a case to the domain state and back", async () => {
    const state = await insertCase();
    expect(state).toEqual({ ...opened().state, id: state.id });
    // Step 1 is done on opening, and stored so.
    expect(state.steps.receiveNotice).toEqual({
      state: "done",
      completedOn: "2026-03-02",
      completedBy: String(ids.teacher),
      occurrences: [],
    });
    expect(state).not.toHaveProperty("firstAbsenceOn");
    expect(state).not.toHaveProperty("daysMissed");
    const found = await cases.findById(ids.school, state.id);
    expect(found).toEqual({
      state,
      schoolId: ids.school,
      revision: 0,
      teacherMemberId: ids.teacher,
      deputyMemberId: null,
      registeredOn: null,
      planReadOn: null,
      studentId: ids.student,
      classId: ids.classId,
    });

    const next = completeStep(absence, state, {
      stepId: "trackStatus",
      actorId: String(ids.teacher),
      on: "2026-03-02",
      today: "2026-03-02",
      answer: "confirmed",
      note: "статус «подтверждён»",
    });
    const revision = await database.prisma.$transaction(async (tx) => {
      const revision = await cases.update(tx, ids.school, next.state, 0);
      await cases.appendEvents(tx, ids.school, state.id, next.events, AT);
      return revision;
    });
    expect(revision).toBe(1);
    expect(await cases.findById(ids.school, state.id)).toMatchObject({ state: next.state, revision: 1 });
    const base = { id: expect.any(Number), caseId: state.id, on: "2026-03-02", at: AT, actorId: String(ids.teacher) };
    expect(await cases.events(ids.school, state.id)).toEqual([
      { ...base, type: "caseOpened", data: { regulationVersion: 1 } },
      { ...base, type: "stepCompleted", stepId: "receiveNotice", data: { onOpening: true } },
      { ...base, type: "stepCompleted", stepId: "trackStatus", data: { note: "статус «подтверждён»", answer: "confirmed" } },
      { ...base, type: "caseFlagged", stepId: "trackStatus", data: { flag: "familyTroubleConfirmed" } },
    ]);
  });

  it("keeps the first day of absence and the school days missed", async () => {
    const state = await insertCase(ids.teacher, ids.student, { firstAbsenceOn: "2026-02-12", daysMissed: 12 });
    expect(state).toMatchObject({ firstAbsenceOn: "2026-02-12", daysMissed: 12 });
    expect((await cases.findById(ids.school, state.id))?.state).toEqual(state);
    const fromOnly = await insertCase(ids.teacher, ids.student, { firstAbsenceOn: "2026-02-12" });
    expect((await cases.findById(ids.school, fromOnly.id))?.state).toEqual({
      ...opened(ids.teacher, ids.student, { firstAbsenceOn: "2026-02-12" }).state,
      id: fromOnly.id,
    });
  });

  it("finds nothing outside the school, nor for ids that are not ids", async () => {
    const state = await insertCase();
    expect(await cases.findById(ids.otherSchool, state.id)).toBeUndefined();
    expect(await cases.events(ids.otherSchool, state.id)).toEqual([]);
    for (const bad of ["", "0", "-3", "1e3", "12abc", " 1", "99999999999"]) {
      expect(parseCaseId(bad)).toBeUndefined();
      expect(await cases.findById(ids.school, bad)).toBeUndefined();
    }
  });

  it("refuses a stale revision and the transaction writes nothing", async () => {
    const state = await insertCase();
    const first = completeStep(absence, state, {
      stepId: "informDeputy",
      actorId: String(ids.teacher),
      on: "2026-03-02",
      today: "2026-03-02",
    });
    const second = completeStep(absence, state, {
      stepId: "trackStatus",
      actorId: String(ids.teacher),
      on: "2026-03-02",
      today: "2026-03-02",
      answer: "notConfirmed",
    });
    const save = (t: typeof first) =>
      database.prisma.$transaction(async (tx) => {
        await cases.appendEvents(tx, ids.school, state.id, t.events, AT);
        if ((await cases.update(tx, ids.school, t.state, 0)) === undefined) throw new Error("stale");
      });
    await save(first);
    const error = await save(second).catch((e: unknown) => e);
    expect((error as Error).message).toBe("stale");
    const found = await cases.findById(ids.school, state.id);
    expect(found?.revision).toBe(1);
    expect(found?.state.steps.informDeputy?.state).toBe("done");
    expect(found?.state.steps.trackStatus?.state).toBe("open");
    expect((await cases.events(ids.school, state.id)).map((e) => e.stepId)).toEqual([undefined, "receiveNotice", "informDeputy"]);

    // Another school's id with the right revision is not an update either.
    const foreign = await database.prisma.$transaction((tx) => cases.update(tx, ids.otherSchool, second.state, 1));
    expect(foreign).toBeUndefined();
  });

  it("lists a teacher's open cases and a student's cases", async () => {
    const mine = await insertCase(ids.otherTeacher, ids.otherStudent);
    const closedOne = await insertCase(ids.otherTeacher, ids.otherStudent);
    await database.prisma.$transaction((tx) =>
      cases.update(tx, ids.school, { ...closedOne, status: "closed", closedOn: "2026-03-02", closeReason: "test" }, 0),
    );
    expect((await cases.listOpenByTeacher(ids.school, ids.otherTeacher)).map((c) => c.state.id)).toEqual([mine.id]);
    expect(await cases.listOpenByTeacher(ids.otherSchool, ids.otherTeacher)).toEqual([]);
    const byStudent = await cases.listByStudent(ids.school, ids.otherStudent);
    expect(byStudent.map((c) => [c.state.id, c.state.status, c.state.closeReason])).toEqual([
      [mine.id, "open", undefined],
      [closedOne.id, "closed", "test"],
    ]);
    expect(await cases.listByStudent(ids.otherSchool, ids.otherStudent)).toEqual([]);
  });
});
