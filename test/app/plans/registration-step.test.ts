import { describe, expect, it } from "vitest";
import { registrationChange } from "../../../src/app/plans/plan-steps.js";
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

/** The same state with step 4's mark moved to `on` (a correction), or taken away (an undo). */
function withMeeting(state: CaseState, on: string | undefined): CaseState {
  const record = state.steps.meetParents!;
  const { completedOn: _on, completedBy: _by, ...open } = record;
  return {
    ...state,
    steps: { ...state.steps, meetParents: on ? { ...record, state: "done", completedOn: on } : { ...open, state: "open" } },
  };
}

describe("the date of registration (ВШУ) follows the regulation's registration step", () => {
  const before = ["informDeputy", "trackStatus"].reduce((s, id) => done(absence, s, id, "2026-11-17"), opened());
  const after = done(absence, before, "meetParents", "2026-11-18");

  it("is the date step 4 of the absence regulation was done, when nothing is recorded", () => {
    expect(absence.registrationStep).toBe("meetParents");
    expect(registrationChange(absence, before, after, null)).toBe("2026-11-18");
  });

  it("moves with a corrected date and goes with an undone mark, while it is the step's", () => {
    const corrected = withMeeting(after, "2026-11-17");
    expect(registrationChange(absence, after, corrected, "2026-11-18")).toBe("2026-11-17");
    expect(registrationChange(absence, after, withMeeting(after, undefined), "2026-11-18")).toBeNull();
  });

  it("leaves a date recorded by hand alone, and a transition that did not touch the step", () => {
    expect(registrationChange(absence, before, after, "2026-11-10")).toBeUndefined();
    expect(registrationChange(absence, after, withMeeting(after, "2026-11-17"), "2026-11-10")).toBeUndefined();
    expect(registrationChange(absence, after, withMeeting(after, undefined), "2026-11-10")).toBeUndefined();
    expect(registrationChange(absence, after, after, null)).toBeUndefined();
    expect(registrationChange(absence, opened(), before, null)).toBeUndefined();
  });

  it("is nothing for a regulation without a registration step", () => {
    const state = opened(difficulty);
    expect(difficulty.registrationStep).toBeUndefined();
    expect(registrationChange(difficulty, state, state, null)).toBeUndefined();
  });
});
