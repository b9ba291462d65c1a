import { describe, expect, it } from "vitest";
import { registrationBrought } from "../../../src/app/plans/plan-steps.js";
import { completeStep, openCase, type CaseState } from "../../../src/domain/case/index.js";
import { loadRegulations } from "../../../src/regulations/load-regulations.js";

const catalog = loadRegulations();
const absence = catalog.current("absence-criterion-22");
const difficulty = catalog.current("interaction-2-difficulty");
const T = "t1";

function opened(regulation = absence): CaseState {
  return openCase(regulation, { id: "c1", teacherId: T, openedOn: "2026-11-16", today: "2026-11-16", actorId: T }).state;
}

function done(regulation: typeof absence, state: CaseState, stepId: string, on: string): CaseState {
  return completeStep(regulation, state, {
    stepId,
    actorId: T,
    on,
    today: on,
    ...(stepId === "trackStatus" ? { answer: "confirmed" } : {}),
  }).state;
}

describe("the date of registration (ВШУ) brought by the regulation's registration step", () => {
  const before = ["informDeputy", "trackStatus"].reduce((s, id) => done(absence, s, id, "2026-11-17"), opened());
  const after = done(absence, before, "meetParents", "2026-11-18");

  it("is the date step 4 of the absence regulation was done, when nothing is recorded", () => {
    expect(absence.registrationStep).toBe("meetParents");
    expect(registrationBrought(absence, before, after, null)).toBe("2026-11-18");
  });

  it("leaves a recorded date alone, and a transition that did not do the step", () => {
    expect(registrationBrought(absence, before, after, "2026-11-10")).toBeUndefined();
    expect(registrationBrought(absence, after, after, null)).toBeUndefined();
    expect(registrationBrought(absence, opened(), before, null)).toBeUndefined();
  });

  it("is nothing for a regulation without a registration step", () => {
    const state = opened(difficulty);
    expect(difficulty.registrationStep).toBeUndefined();
    expect(registrationBrought(difficulty, state, state, null)).toBeUndefined();
  });
});
