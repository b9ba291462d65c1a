import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { getOpenStep } from "../../../src/app/cases/get-open-step.js";
import { openCase } from "../../../src/app/cases/open-case.js";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { caseDeps, refusal, seedSchool, testClock, type SchoolFixture } from "./fixtures.js";

/** The step a «Заметка» / «Другая дата» / «Не требуется» dialogue works on: the use case asks the policy. */

let database: TestDatabase;
let school: SchoolFixture;
const clock = testClock("2026-03-02T07:00:00Z");
const deps = () => caseDeps(database.prisma, clock.now);

async function openAbsenceCase(): Promise<string> {
  return (await openCase(deps(), { actor: school.teacher, regulationId: "absence-criterion-22", studentId: school.studentId })).state.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  school = await seedSchool(database.prisma, "Школа шагов");
});
afterAll(() => database.destroy());

describe("getOpenStep", () => {
  it("gives the case's teacher an open step with the card", async () => {
    const caseId = await openAbsenceCase();
    // Step 1 is done on opening: step 2 is the first open one.
    const { card, step } = await getOpenStep(deps(), { actor: school.teacher, caseId, stepIndex: 1 });
    expect(step.id).toBe("informDeputy");
    expect(card.state.id).toBe(caseId);
  });

  it("refuses whoever may not complete the case's steps, and audits it", async () => {
    const caseId = await openAbsenceCase();
    // The deputy sees the case but does not run it; another teacher does not even see it.
    expect(await refusal(() => getOpenStep(deps(), { actor: school.deputy, caseId, stepIndex: 1 }))).toBe("forbidden");
    expect(await refusal(() => getOpenStep(deps(), { actor: school.otherTeacher, caseId, stepIndex: 1 }))).toBe("forbidden");
    const denied = await database.prisma.auditEvent.count({ where: { action: "access.denied", actorId: school.deputy.userId! } });
    expect(denied).toBeGreaterThan(0);
  });

  it("refuses a step that is unknown or already resolved, and any step of a closed case", async () => {
    const caseId = await openAbsenceCase();
    expect(await refusal(() => getOpenStep(deps(), { actor: school.teacher, caseId, stepIndex: 99 }))).toBe("unknownStep");
    // Step 1, done on opening, is resolved from the start.
    expect(await refusal(() => getOpenStep(deps(), { actor: school.teacher, caseId, stepIndex: 0 }))).toBe("stepAlreadyResolved");
    await completeStep(deps(), { actor: school.teacher, caseId, stepId: "informDeputy" });
    expect(await refusal(() => getOpenStep(deps(), { actor: school.teacher, caseId, stepIndex: 1 }))).toBe("stepAlreadyResolved");
    await closeCase(deps(), { actor: school.teacher, caseId, reason: "returnedToSchool" });
    expect(await refusal(() => getOpenStep(deps(), { actor: school.teacher, caseId, stepIndex: 2 }))).toBe("caseClosed");
  });
});
