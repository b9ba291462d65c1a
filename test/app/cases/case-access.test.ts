import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/app/actor.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { getCaseCard } from "../../../src/app/cases/get-case-card.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { reassignCase } from "../../../src/app/cases/reassign-case.js";
import { reopenCase } from "../../../src/app/cases/reopen-case.js";
import { skipStep } from "../../../src/app/cases/skip-step.js";
import { createCaseRepository } from "../../../src/repositories/case-repository.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { addPerson, caseDeps, refusal, seedSchool, testClock, type SchoolFixture } from "./fixtures.js";

let database: TestDatabase;
let schoolA: SchoolFixture;
let schoolB: SchoolFixture;
let caseA: string;
let caseB: string;
const clock = testClock("2026-03-02T07:00:00Z");
const deps = () => caseDeps(database.prisma, clock.now);

beforeAll(async () => {
  database = await createTestDatabase();
  schoolA = await seedSchool(database.prisma, "Школа A");
  schoolB = await seedSchool(database.prisma, "Школа B");
  caseA = (await openCase(deps(), { actor: schoolA.teacher, regulationId: "absence-criterion-22", studentId: schoolA.studentId })).state.id;
  caseB = (await openCase(deps(), { actor: schoolB.teacher, regulationId: "absence-criterion-22", studentId: schoolB.studentId })).state.id;
});
afterAll(() => database.destroy());

async function auditRows(action: string, actor: Actor) {
  return database.prisma.auditEvent.findMany({ where: { action, actorId: actor.userId! }, orderBy: { id: "asc" } });
}

/** A case just opened has two events: caseOpened and step 1 done on opening. */
const OPENING_EVENTS = 2;

async function eventCount(schoolId: number, caseId: string) {
  return (await createCaseRepository(database.prisma).events(schoolId, caseId)).length;
}

describe("another school's case", () => {
  it("is indistinguishable from a missing one", async () => {
    const teacher = schoolA.teacher;
    for (const caseId of [caseB, "999999", "abc", "-1"]) {
      expect(await refusal(() => getCaseCard(deps(), { actor: teacher, caseId }))).toBe("notFound");
      expect(await refusal(() => completeStep(deps(), { actor: teacher, caseId, stepId: "informDeputy" }))).toBe("notFound");
      expect(await refusal(() => closeCase(deps(), { actor: teacher, caseId, reason: "x" }))).toBe("notFound");
    }
    expect(
      await refusal(() => reassignCase(deps(), { actor: schoolA.deputy, caseId: caseB, teacherMemberId: schoolA.otherTeacher.memberId! })),
    ).toBe("notFound");
    expect(await eventCount(schoolB.schoolId, caseB)).toBe(OPENING_EVENTS);
    expect(await createCaseRepository(database.prisma).findById(schoolA.schoolId, caseB)).toBeUndefined();
  });

  it("cannot be opened for a student of another school", async () => {
    expect(
      await refusal(() => openCase(deps(), { actor: schoolA.teacher, regulationId: "absence-criterion-22", studentId: schoolB.studentId })),
    ).toBe("notFound");
  });
});

describe("another teacher of the same school", () => {
  it("is refused, and the refusal is audited", async () => {
    const other = schoolA.otherTeacher;
    expect(await refusal(() => completeStep(deps(), { actor: other, caseId: caseA, stepId: "informDeputy" }))).toBe("forbidden");
    expect(await refusal(() => closeCase(deps(), { actor: other, caseId: caseA, reason: "x" }))).toBe("forbidden");
    expect(await refusal(() => getCaseCard(deps(), { actor: other, caseId: caseA }))).toBe("forbidden");
    const denied = await auditRows("access.denied", other);
    expect(denied.map((a) => [a.schoolId, a.subject, JSON.parse(a.detail).action])).toEqual([
      [schoolA.schoolId, `case:${caseA}`, "completeStep"],
      [schoolA.schoolId, `case:${caseA}`, "closeCase"],
      [schoolA.schoolId, `case:${caseA}`, "viewCase"],
    ]);
    expect(await eventCount(schoolA.schoolId, caseA)).toBe(OPENING_EVENTS);
  });
});

describe("a deputy", () => {
  it("views the case, and the lookup is audited", async () => {
    const card = await getCaseCard(deps(), { actor: schoolA.deputy, caseId: caseA });
    expect(card.state.id).toBe(caseA);
    expect(card.names[String(schoolA.teacher.memberId)]).toBe(schoolA.teacher.fullName);
    const viewed = await auditRows("case.viewed", schoolA.deputy);
    expect(viewed.map((a) => [a.schoolId, a.subject])).toEqual([[schoolA.schoolId, `case:${caseA}`]]);
  });

  it("cannot complete or skip steps, nor open cases", async () => {
    const deputy = schoolA.deputy;
    expect(await refusal(() => completeStep(deps(), { actor: deputy, caseId: caseA, stepId: "informDeputy" }))).toBe("forbidden");
    expect(await refusal(() => skipStep(deps(), { actor: deputy, caseId: caseA, stepId: "informDeputy", reason: "x" }))).toBe("forbidden");
    expect(
      await refusal(() => openCase(deps(), { actor: deputy, regulationId: "absence-criterion-22", studentId: schoolA.studentId })),
    ).toBe("forbidden");
    expect((await auditRows("access.denied", deputy)).map((a) => JSON.parse(a.detail).action)).toEqual([
      "completeStep",
      "completeStep",
      "openCase",
    ]);
    expect(await eventCount(schoolA.schoolId, caseA)).toBe(OPENING_EVENTS);
  });

  it("hands the case to another teacher, who may then work on it while the first may not", async () => {
    const { deputy, teacher, otherTeacher } = schoolA;
    expect(await refusal(() => reassignCase(deps(), { actor: deputy, caseId: caseA, teacherMemberId: teacher.memberId! }))).toBe(
      "sameTeacher",
    );
    expect(await refusal(() => reassignCase(deps(), { actor: deputy, caseId: caseA, teacherMemberId: schoolB.teacher.memberId! }))).toBe(
      "notFound",
    );
    expect(await refusal(() => reassignCase(deps(), { actor: deputy, caseId: caseA, teacherMemberId: deputy.memberId! }))).toBe(
      "invalidInput",
    );
    expect(await refusal(() => reassignCase(deps(), { actor: teacher, caseId: caseA, teacherMemberId: otherTeacher.memberId! }))).toBe(
      "forbidden",
    );

    const moved = await reassignCase(deps(), { actor: deputy, caseId: caseA, teacherMemberId: otherTeacher.memberId! });
    expect(moved.state.teacherId).toBe(String(otherTeacher.memberId));
    expect(moved.events).toEqual([
      {
        type: "caseReassigned",
        on: "2026-03-02",
        actorId: String(deputy.memberId),
        data: { fromTeacherId: String(teacher.memberId), toTeacherId: String(otherTeacher.memberId) },
      },
    ]);
    const cases = createCaseRepository(database.prisma);
    expect((await cases.listOpenByTeacher(schoolA.schoolId, otherTeacher.memberId!)).map((c) => c.state.id)).toEqual([caseA]);
    expect(await cases.listOpenByTeacher(schoolA.schoolId, teacher.memberId!)).toEqual([]);

    await completeStep(deps(), { actor: otherTeacher, caseId: caseA, stepId: "informDeputy" });
    expect(
      await refusal(() => completeStep(deps(), { actor: teacher, caseId: caseA, stepId: "trackStatus", answer: "notConfirmed" })),
    ).toBe("forbidden");
  });

  it("may close and reopen a case; the teacher hears about a closing by someone else", async () => {
    const closed = await closeCase(deps(), { actor: schoolA.deputy, caseId: caseA, reason: "movedAway" });
    expect(closed.notifications).toEqual([{ kind: "caseClosed", recipients: ["upbringingDeputy", "teacher"] }]);
    const reopened = await reopenCase(deps(), { actor: schoolA.deputy, caseId: caseA });
    expect(reopened.state.status).toBe("open");
    const events = await createCaseRepository(database.prisma).events(schoolA.schoolId, caseA);
    expect(events.slice(-2).map((e) => [e.type, e.actorId])).toEqual([
      ["caseClosed", String(schoolA.deputy.memberId)],
      ["caseReopened", String(schoolA.deputy.memberId)],
    ]);
  });
});

describe("someone without a membership", () => {
  it("is refused before anything is looked up", async () => {
    const outsider: Actor = { telegramId: 1, fullName: "", language: "ru", roles: [], installationAdmin: true };
    expect(await refusal(() => getCaseCard(deps(), { actor: outsider, caseId: caseA }))).toBe("forbidden");
    const specialist = await addPerson(database.prisma, schoolA.schoolId, "Соцпедагог", ["specialist"]);
    expect(await refusal(() => closeCase(deps(), { actor: specialist, caseId: caseA, reason: "x" }))).toBe("forbidden");
    expect((await getCaseCard(deps(), { actor: specialist, caseId: caseA })).state.id).toBe(caseA);
  });
});
