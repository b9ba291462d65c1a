import { describe, expect, it } from "vitest";
import {
  CaseError,
  closeCase,
  completeStep,
  GAP_REASON_MAX,
  openCase,
  recordOccurrence,
  reopenCase,
  skipStep,
  unrecordedWeeklySteps,
  type CaseErrorCode,
  type CaseState,
} from "../../../src/domain/case/index.js";
import { loadRegulations } from "../../../src/regulations/load-regulations.js";

/*
 * Closing a case over a weekly step that had started and was never recorded needs a reason.
 * The absence case: steps 6 and 7 (weekly) start when step 5 (the ИПР) is done.
 */

const regulations = loadRegulations();
const absence = regulations.current("absence-criterion-22");
const council = regulations.current("interaction-4-council");
const ON = "2026-03-02";
const base = { actorId: "t1", on: ON, today: ON };

function opened(regulation = absence): CaseState {
  return openCase(regulation, { id: "c1", teacherId: "t1", openedOn: ON, today: ON, actorId: "t1" }).state;
}

/** Steps 1–5 done (step 1 on opening): the weekly steps 6 and 7 have started. */
function planDone(): CaseState {
  let s = opened();
  for (const stepId of ["informDeputy", "meetParents", "developPlan"]) s = completeStep(absence, s, { ...base, stepId }).state;
  return completeStep(absence, s, { ...base, stepId: "trackStatus", answer: "notConfirmed" }).state;
}

function refusal(run: () => unknown): CaseErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CaseError) return error.code;
    throw error;
  }
  return undefined;
}

const close = (s: CaseState, gapReason?: string) =>
  closeCase(absence, s, { ...base, reason: "returnedToSchool", ...(gapReason !== undefined ? { gapReason } : {}) });

describe("weekly steps never recorded", () => {
  it.each<[string, () => CaseState, string[]]>([
    ["none before their anchor (step 5) is done", () => opened(), []],
    ["both weekly steps once step 5 is done", planDone, ["implementPlan", "keepInTouch"]],
    [
      "only the one without an occurrence",
      () => recordOccurrence(absence, planDone(), { ...base, stepId: "keepInTouch" }).state,
      ["implementPlan"],
    ],
    [
      "not a skipped one (its reason is already given)",
      () => skipStep(absence, planDone(), { ...base, stepId: "implementPlan", reason: "план не составлялся" }).state,
      ["keepInTouch"],
    ],
  ])("%s", (_name, state, expected) => {
    expect(unrecordedWeeklySteps(absence, state()).map((s) => s.id)).toEqual(expected);
  });

  it("counts a weekly step anchored on the opening from the start (section IV, step 1)", () => {
    expect(unrecordedWeeklySteps(council, opened(council)).map((s) => s.id)).toEqual(["identifyStudents"]);
  });
});

describe("closing over a gap", () => {
  it("is refused without a reason, with a blank one, and with one too long", () => {
    expect(refusal(() => close(planDone()))).toBe("gapReasonRequired");
    expect(refusal(() => close(planDone(), "   "))).toBe("gapReasonRequired");
    expect(refusal(() => close(planDone(), "я".repeat(GAP_REASON_MAX + 1)))).toBe("gapReasonTooLong");
    expect(refusal(() => close(planDone(), "я".repeat(GAP_REASON_MAX)))).toBeUndefined();
  });

  it("needs no reason when there is no gap", () => {
    expect(close(opened()).state.status).toBe("closed");
    expect(close(opened()).events[0]!.data).toStrictEqual({ reason: "returnedToSchool" });
  });

  it("keeps the trimmed reason on each gap and in the caseClosed event", () => {
    const t = close(planDone(), "  ученик вернулся   на следующий день после ИПР ");
    const reason = "ученик вернулся на следующий день после ИПР";
    expect(t.state.steps.implementPlan).toMatchObject({ state: "open", gapReason: reason });
    expect(t.state.steps.keepInTouch).toMatchObject({ state: "open", gapReason: reason });
    expect(t.state.steps.developPlan).not.toHaveProperty("gapReason");
    expect(t.events).toStrictEqual([
      {
        type: "caseClosed",
        on: ON,
        actorId: "t1",
        data: { reason: "returnedToSchool", gapSteps: "implementPlan,keepInTouch", gapReason: reason },
      },
    ]);
  });

  it("asks again after a reopening while the step is still unrecorded", () => {
    const reopened = reopenCase(close(planDone(), "вернулся").state, { actorId: "t1", today: ON }).state;
    expect(refusal(() => close(reopened))).toBe("gapReasonRequired");
  });
});
