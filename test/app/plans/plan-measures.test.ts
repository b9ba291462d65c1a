import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.js";
import { fixtureDeps, fixtureRegulations, movableClock, seedCaseWorld, type CaseWorld } from "../../support/case-fixtures.js";
import { completeStep } from "../../../src/app/cases/complete-step.js";
import { closeCase } from "../../../src/app/cases/close-case.js";
import { markStep } from "../../../src/app/cases/mark-step.js";
import { addPlanMeasure } from "../../../src/app/plans/add-plan-measure.js";
import { attachPlanFile } from "../../../src/app/plans/attach-plan-file.js";
import { getPlan } from "../../../src/app/plans/get-plan.js";
import { togglePlanMeasure } from "../../../src/app/plans/toggle-plan-measure.js";
import { controlStepOf, planStepOf } from "../../../src/app/plans/plan-steps.js";
import type { Regulation } from "../../../src/domain/regulation/schema.js";

let db: TestDatabase;
const clock = movableClock("2026-11-16");
let world: CaseWorld;

beforeAll(async () => {
  db = await createTestDatabase();
  world = await seedCaseWorld(db.prisma, { telegramBase: 7100, now: clock.now });
});
afterAll(async () => {
  await db.destroy();
});

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) return String(error.code);
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A case of the absence regulation with steps 1–5 done on its opening day (step 1 on opening; the plan as a scanned file). */
async function caseWithPlan(): Promise<string> {
  clock.set("2026-11-16");
  const caseId = String(await world.openCase());
  const deps = fixtureDeps(db.prisma, clock.now);
  for (const stepId of ["informDeputy", "meetParents"]) {
    await completeStep(deps, { actor: world.teacher, caseId, stepId });
  }
  await attachPlanFile(deps, { actor: world.teacher, caseId, telegramFile: "file-0", fileName: "ИПР (скан).pdf" });
  await completeStep(deps, { actor: world.teacher, caseId, stepId: "developPlan" });
  await completeStep(deps, { actor: world.teacher, caseId, stepId: "trackStatus", answer: "notConfirmed" });
  return caseId;
}

describe("which steps carry the plan", () => {
  it("finds them in the definition: the step that starts recurring steps, and the first of those", () => {
    const absence = fixtureRegulations.current("absence-criterion-22");
    expect(planStepOf(absence)?.id).toBe("developPlan");
    expect(controlStepOf(absence)?.id).toBe("implementPlan");
    // Section II: the weekly coordination of what the meeting agreed is checked against a plan too.
    expect(planStepOf(fixtureRegulations.current("interaction-2-difficulty"))?.id).toBe("organiseMeeting");
    expect(controlStepOf(fixtureRegulations.current("interaction-2-difficulty"))?.id).toBe("coordinateAgreements");
    expect(planStepOf(fixtureRegulations.current("interaction-1-emergency"))).toBeUndefined();
  });

  it("does not depend on the step ids", () => {
    const renamed: Regulation = {
      ...fixtureRegulations.current("absence-criterion-22"),
      steps: fixtureRegulations.current("absence-criterion-22").steps.map((step) => {
        const rename = (id: string) => (id === "developPlan" ? "draftIpr" : id === "implementPlan" ? "checkIpr" : id);
        const timing =
          "anchor" in step.timing && step.timing.anchor.kind === "stepCompleted"
            ? { ...step.timing, anchor: { kind: "stepCompleted" as const, step: rename(step.timing.anchor.step) } }
            : step.timing;
        return { ...step, id: rename(step.id), timing } as Regulation["steps"][number];
      }),
    };
    expect(planStepOf(renamed)?.id).toBe("draftIpr");
    expect(controlStepOf(renamed)?.id).toBe("checkIpr");
  });
});

describe("recording the ИПР", () => {
  it("may be drawn up while the plan step is open; is refused for others and on a closed case", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const early = String(await world.openCase());
    await addPlanMeasure(deps, { actor: world.teacher, caseId: early, what: "Контроль", who: "кл. рук." });
    expect(await getPlan(deps, { actor: world.teacher, caseId: early })).toMatchObject({
      ready: false,
      planStepId: "developPlan",
      measures: [{ what: "Контроль" }],
    });

    const caseId = await caseWithPlan();
    const colleague = await world.addPerson(7150, "Кузнецов Игорь", ["teacher"]);
    expect(await refusal(() => addPlanMeasure(deps, { actor: colleague, caseId, what: "Контроль", who: "я" }))).toBe("forbidden");
    const stranger = await seedCaseWorld(db.prisma, { telegramBase: 7200, now: clock.now });
    expect(await refusal(() => addPlanMeasure(deps, { actor: stranger.teacher, caseId, what: "Контроль", who: "я" }))).toBe("notFound");
    expect(await refusal(() => addPlanMeasure(deps, { actor: world.teacher, caseId, what: "  ", who: "я" }))).toBe("invalidInput");
    // An area that is not one of the four (a forged button) is refused too.
    expect(
      await refusal(() => addPlanMeasure(deps, { actor: world.teacher, caseId, what: "беседа", who: "я", area: "school" as never })),
    ).toBe("invalidInput");

    await closeCase(deps, { actor: world.teacher, caseId, reason: "returnedToSchool", gapReason: "вернулся сразу после ИПР" });
    expect(await refusal(() => addPlanMeasure(deps, { actor: world.teacher, caseId, what: "Контроль", who: "я" }))).toBe("caseClosed");
    expect(await db.prisma.planMeasure.count({ where: { caseId: Number(caseId) } })).toBe(0);
  });

  it("keeps measures in the order added, and files of kind «plan»", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const caseId = await caseWithPlan();
    await addPlanMeasure(deps, {
      actor: world.teacher,
      caseId,
      what: " Ежедневный   контроль посещаемости ",
      who: "классный руководитель",
      dueOn: "2026-12-01",
    });
    await addPlanMeasure(deps, { actor: world.teacher, caseId, what: "Консультация психолога", who: "педагог-психолог" });
    await attachPlanFile(deps, { actor: world.teacher, caseId, telegramFile: "file-1", fileName: "ИПР.docx" });
    const plan = await getPlan(deps, { actor: world.deputy, caseId });
    expect(plan).toMatchObject({ ready: true, open: true, controlStepId: "implementPlan" });
    expect(plan.measures.map((m) => [m.what, m.who, m.dueOn, m.doneOn])).toEqual([
      ["Ежедневный контроль посещаемости", "классный руководитель", "2026-12-01", undefined],
      ["Консультация психолога", "педагог-психолог", undefined, undefined],
    ]);
    expect(plan.files).toMatchObject([
      { kind: "plan", fileName: "ИПР (скан).pdf" },
      { kind: "plan", telegramFile: "file-1", fileName: "ИПР.docx", addedBy: world.teacher.memberId },
    ]);
    const audit = await db.prisma.auditEvent.findMany({ where: { subject: `case:${caseId}`, action: { startsWith: "plan." } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["plan.fileAttached", "plan.fileAttached", "plan.measureAdded", "plan.measureAdded"]);
  });
});

describe("the plan step needs plan content", () => {
  it("is refused with «planEmpty» by every way of marking it until a measure or a plan file exists", async () => {
    clock.set("2026-11-16");
    const deps = fixtureDeps(db.prisma, clock.now);
    const caseId = String(await world.openCase());
    for (const stepId of ["informDeputy", "meetParents"]) {
      await completeStep(deps, { actor: world.teacher, caseId, stepId });
    }
    expect(await getPlan(deps, { actor: world.teacher, caseId })).toMatchObject({ ready: true, measures: [], files: [] });
    const before = await db.prisma.case.findUniqueOrThrow({ where: { id: Number(caseId) } });
    const stepId = "developPlan";
    expect(await refusal(() => completeStep(deps, { actor: world.teacher, caseId, stepId }))).toBe("planEmpty");
    expect(await refusal(() => completeStep(deps, { actor: world.teacher, caseId, stepId, form: "personalMeeting" }))).toBe("planEmpty");
    expect(await refusal(() => markStep(deps, { actor: world.teacher, caseId, stepId, recurring: false, on: "2026-11-16" }))).toBe(
      "planEmpty",
    );
    expect(await refusal(() => markStep(deps, { actor: world.teacher, caseId, stepId, recurring: false, note: "обсудили" }))).toBe(
      "planEmpty",
    );
    const after = await db.prisma.case.findUniqueOrThrow({ where: { id: Number(caseId) } });
    expect(after.revision).toBe(before.revision);

    // With one measure in the plan, the step is done.
    await addPlanMeasure(deps, { actor: world.teacher, caseId, what: "Ежедневный контроль посещаемости", who: "кл. рук." });
    const done = await completeStep(deps, { actor: world.teacher, caseId, stepId });
    expect(done.state.steps.developPlan).toMatchObject({ state: "done", completedOn: "2026-11-16" });
  });
});

describe("ticking measures", () => {
  it("records one check of the plan per day, in the same change as the tick", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const caseId = await caseWithPlan();
    const first = await addPlanMeasure(deps, { actor: world.teacher, caseId, what: "Контроль посещаемости", who: "кл. рук." });
    const second = await addPlanMeasure(deps, { actor: world.teacher, caseId, what: "Визит домой", who: "соц. педагог" });
    clock.set("2026-11-18");
    expect(await togglePlanMeasure(deps, { actor: world.teacher, caseId, measureId: first })).toEqual({
      done: true,
      occurrenceRecorded: true,
    });
    expect(await togglePlanMeasure(deps, { actor: world.teacher, caseId, measureId: second })).toEqual({
      done: true,
      occurrenceRecorded: false,
    });
    expect(await togglePlanMeasure(deps, { actor: world.teacher, caseId, measureId: second })).toEqual({
      done: false,
      occurrenceRecorded: false,
    });
    clock.set("2026-11-20");
    expect(await togglePlanMeasure(deps, { actor: world.teacher, caseId, measureId: second })).toEqual({
      done: true,
      occurrenceRecorded: true,
    });

    const row = await db.prisma.case.findUniqueOrThrow({ where: { id: Number(caseId) } });
    expect(JSON.parse(row.steps).implementPlan.occurrences).toEqual(["2026-11-18", "2026-11-20"]);
    const events = await db.prisma.caseEvent.findMany({ where: { caseId: Number(caseId), type: "occurrenceRecorded" } });
    expect(events.map((e) => [e.stepId, e.on])).toEqual([
      ["implementPlan", "2026-11-18"],
      ["implementPlan", "2026-11-20"],
    ]);
    const measures = await db.prisma.planMeasure.findMany({ where: { caseId: Number(caseId) }, orderBy: { position: "asc" } });
    expect(measures.map((m) => m.doneOn)).toEqual(["2026-11-18", "2026-11-20"]);
  });

  it("refuses a measure of another case and another teacher's tick; nothing changes", async () => {
    const deps = fixtureDeps(db.prisma, clock.now);
    const one = await caseWithPlan();
    const two = await caseWithPlan();
    const measure = await addPlanMeasure(deps, { actor: world.teacher, caseId: one, what: "Контроль", who: "кл. рук." });
    expect(await refusal(() => togglePlanMeasure(deps, { actor: world.teacher, caseId: two, measureId: measure }))).toBe("notFound");
    const colleague = await world.addPerson(7160, "Орлова Нина", ["teacher"]);
    expect(await refusal(() => togglePlanMeasure(deps, { actor: colleague, caseId: one, measureId: measure }))).toBe("forbidden");
    const row = await db.prisma.planMeasure.findUniqueOrThrow({ where: { id: measure } });
    expect(row.doneOn).toBeNull();
  });
});
