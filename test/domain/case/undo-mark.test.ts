import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CaseError,
  closeCase,
  completeStep,
  correctMark,
  lastMarkOf,
  openCase,
  recordOccurrence,
  skipStep,
  undoBlockedBy,
  undoLastMark,
  type CaseErrorCode,
  type CaseState,
} from "../../../src/domain/case/index.js";
import { regulationSchema, type Regulation } from "../../../src/domain/regulation/schema.js";

function readDefinition(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../regulations/${name}.json`, import.meta.url), "utf8"));
}

const absence: Regulation = regulationSchema.parse(readDefinition("absence-criterion-22"));

const TEACHER = "teacher-1";
const OPENED = "2026-12-01";
const TODAY = "2026-12-10";

function open(): CaseState {
  return openCase(absence, { id: "case-1", teacherId: TEACHER, openedOn: OPENED, today: OPENED, actorId: TEACHER }).state;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const done = (state: CaseState, stepId: string, on: string, extra: { answer?: string; form?: any; note?: string } = {}) =>
  completeStep(absence, state, { stepId, actorId: TEACHER, on, today: TODAY, ...extra }).state;

function refusal(run: () => unknown): CaseErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CaseError) return error.code;
    throw error;
  }
  return undefined;
}

/** Steps 1–5 done, so the weekly steps 6 and 7 run. */
function throughPlan(): CaseState {
  let state = open();
  state = done(state, "informDeputy", OPENED);
  state = done(state, "trackStatus", "2026-12-04", { answer: "notConfirmed" });
  state = done(state, "meetParents", "2026-12-07", { form: "personalMeeting" });
  return done(state, "developPlan", "2026-12-08");
}

describe("undoLastMark: a completed step", () => {
  it("reopens the step, logs what was undone, keeps the earlier events to the caller, and tells the deputy", () => {
    const before = deepFreeze(done(open(), "informDeputy", "2026-12-02", { form: "phone", note: "устно" }));
    const t = undoLastMark(absence, before, { stepId: "informDeputy", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.informDeputy).toEqual({ state: "open", occurrences: [] });
    expect(t.events).toEqual([
      {
        type: "markCorrected",
        on: TODAY,
        actorId: TEACHER,
        stepId: "informDeputy",
        data: { undone: "completion", on: "2026-12-02", form: "phone", note: "устно" },
      },
    ]);
    expect(t.notifications).toEqual([
      {
        kind: "markCorrected",
        recipients: ["upbringingDeputy"],
        stepId: "informDeputy",
        undone: { kind: "completion", on: "2026-12-02", form: "phone", note: "устно" },
      },
    ]);
    expect(before.steps.informDeputy!.state).toBe("done");
  });

  it("withdraws the flag the undone answer set («подтверждён» → familyTroubleConfirmed)", () => {
    const before = done(open(), "trackStatus", "2026-12-04", { answer: "confirmed" });
    expect(before.flags).toEqual(["familyTroubleConfirmed"]);
    const t = undoLastMark(absence, before, { stepId: "trackStatus", actorId: TEACHER, today: TODAY });
    expect(t.state.flags).toEqual([]);
    expect(t.state.steps.trackStatus!.state).toBe("open");
    expect(t.state.steps.trackStatus!.answer).toBeUndefined();
    expect(t.events[0]!.data).toEqual({
      undone: "completion",
      on: "2026-12-04",
      answer: "confirmed",
      flagsWithdrawn: "familyTroubleConfirmed",
    });
  });

  it("keeps the step's earlier «still waiting» answers when its completion is undone", () => {
    let state = open();
    state = completeStep(absence, state, {
      stepId: "trackStatus",
      actorId: TEACHER,
      on: "2026-12-04",
      today: TODAY,
      answer: "noStatusYet",
    }).state;
    state = done(state, "trackStatus", "2026-12-09", { answer: "notConfirmed" });
    const t = undoLastMark(absence, state, { stepId: "trackStatus", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.trackStatus).toEqual({ state: "open", occurrences: [], awaitingOn: ["2026-12-04"] });
  });

  it("refuses while a later step counting from it is marked, and says which", () => {
    const state = throughPlan();
    expect(refusal(() => undoLastMark(absence, state, { stepId: "trackStatus", actorId: TEACHER, today: TODAY }))).toBe("laterStepMarked");
    expect(undoBlockedBy(absence, state, "trackStatus")?.id).toBe("meetParents");
    expect(undoBlockedBy(absence, state, "developPlan")).toBeUndefined();
    // Step 5 is free: the weekly steps counting from it have nothing recorded yet.
    const t = undoLastMark(absence, state, { stepId: "developPlan", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.developPlan!.state).toBe("open");
  });

  it("refuses step 5 once a weekly step counting from it has a contact", () => {
    const state = recordOccurrence(absence, throughPlan(), {
      stepId: "keepInTouch",
      actorId: TEACHER,
      on: "2026-12-09",
      today: TODAY,
    }).state;
    expect(undoBlockedBy(absence, state, "developPlan")?.id).toBe("keepInTouch");
    expect(refusal(() => undoLastMark(absence, state, { stepId: "developPlan", actorId: TEACHER, today: TODAY }))).toBe("laterStepMarked");
  });

  it("allows undoing step 3 when step 4 counting from it is still open (step 4 waits again)", () => {
    const state = done(open(), "trackStatus", "2026-12-04", { answer: "notConfirmed" });
    expect(undoBlockedBy(absence, state, "trackStatus")).toBeUndefined();
    const t = undoLastMark(absence, state, { stepId: "trackStatus", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.trackStatus!.state).toBe("open");
  });
});

describe("undoLastMark: other marks", () => {
  it("removes the latest occurrence of a weekly step; the deputy was not told of it, so no notice", () => {
    let state = throughPlan();
    for (const on of ["2026-12-09", "2026-12-08"]) {
      state = recordOccurrence(absence, state, { stepId: "keepInTouch", actorId: TEACHER, on, today: TODAY }).state;
    }
    expect(lastMarkOf(absence, state, "keepInTouch")).toEqual({ kind: "occurrence", on: "2026-12-09" });
    const t = undoLastMark(absence, state, { stepId: "keepInTouch", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.keepInTouch!.occurrences).toEqual(["2026-12-08"]);
    expect(t.state.steps.keepInTouch!.state).toBe("open");
    expect(t.events[0]!.data).toEqual({ undone: "occurrence", on: "2026-12-09" });
    expect(t.notifications).toEqual([]);
  });

  it("reopens a skipped step without telling anyone, and keeps its occurrences", () => {
    let state = throughPlan();
    state = recordOccurrence(absence, state, { stepId: "implementPlan", actorId: TEACHER, on: "2026-12-09", today: TODAY }).state;
    state = skipStep(absence, state, { stepId: "implementPlan", actorId: TEACHER, on: TODAY, today: TODAY, reason: "план снят" }).state;
    const t = undoLastMark(absence, state, { stepId: "implementPlan", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.implementPlan).toEqual({ state: "open", occurrences: ["2026-12-09"] });
    expect(t.events[0]!.data).toEqual({ undone: "skip", on: TODAY, reason: "план снят" });
    expect(t.notifications).toEqual([]);
  });

  it("takes back the latest «статуса ещё нет», then the one before", () => {
    let state = open();
    for (const on of ["2026-12-08", "2026-12-09"]) {
      state = completeStep(absence, state, { stepId: "trackStatus", actorId: TEACHER, on, today: TODAY, answer: "noStatusYet" }).state;
    }
    expect(state.steps.trackStatus!.awaitingOn).toEqual(["2026-12-08", "2026-12-09"]);
    let t = undoLastMark(absence, state, { stepId: "trackStatus", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.trackStatus!.awaitingOn).toEqual(["2026-12-08"]);
    expect(t.events[0]!.data).toEqual({ undone: "awaiting", on: "2026-12-09", answer: "noStatusYet" });
    expect(t.notifications).toEqual([]);
    t = undoLastMark(absence, t.state, { stepId: "trackStatus", actorId: TEACHER, today: TODAY });
    expect(t.state.steps.trackStatus).toEqual({ state: "open", occurrences: [] });
  });

  it.each<[string, () => CaseState, string, CaseErrorCode]>([
    ["nothing recorded", open, "informDeputy", "nothingToUndo"],
    ["a step done by the opening itself (the notice)", open, "receiveNotice", "nothingToUndo"],
    ["an unknown step", open, "noSuchStep", "unknownStep"],
    [
      "a closed case",
      () =>
        closeCase(absence, done(open(), "informDeputy", OPENED), { reason: "returned", actorId: TEACHER, on: TODAY, today: TODAY }).state,
      "informDeputy",
      "caseClosed",
    ],
  ])("refuses %s", (_name, make, stepId, code) => {
    expect(refusal(() => undoLastMark(absence, make(), { stepId, actorId: TEACHER, today: TODAY }))).toBe(code);
  });

  it("refuses a bad date", () => {
    const state = done(open(), "informDeputy", OPENED);
    expect(refusal(() => undoLastMark(absence, state, { stepId: "informDeputy", actorId: TEACHER, today: "10.12.2026" }))).toBe(
      "invalidDate",
    );
  });
});

describe("correctMark", () => {
  it("replaces «подтверждён» by «не подтверждён»: flag withdrawn, one notice naming both marks, no second «выполнено»", () => {
    const before = deepFreeze(done(open(), "trackStatus", "2026-12-04", { answer: "confirmed" }));
    const t = correctMark(absence, before, {
      stepId: "trackStatus",
      actorId: TEACHER,
      today: TODAY,
      mark: { on: "2026-12-04", answer: "notConfirmed" },
    });
    expect(t.state.flags).toEqual([]);
    expect(t.state.steps.trackStatus).toMatchObject({ state: "done", answer: "notConfirmed", completedOn: "2026-12-04" });
    expect(t.events.map((e) => e.type)).toEqual(["markCorrected", "stepCompleted"]);
    expect(t.notifications).toEqual([
      {
        kind: "markCorrected",
        recipients: ["upbringingDeputy"],
        stepId: "trackStatus",
        undone: { kind: "completion", on: "2026-12-04", answer: "confirmed" },
        redone: { kind: "completion", on: "2026-12-04", answer: "notConfirmed" },
      },
    ]);
  });

  it("corrects «подтверждён» to «статуса ещё нет»: the step is open again and waits", () => {
    const before = done(open(), "trackStatus", "2026-12-04", { answer: "confirmed" });
    const t = correctMark(absence, before, {
      stepId: "trackStatus",
      actorId: TEACHER,
      today: TODAY,
      mark: { on: TODAY, answer: "noStatusYet" },
    });
    expect(t.state.steps.trackStatus).toEqual({ state: "open", occurrences: [], awaitingOn: [TODAY] });
    expect(t.notifications[0]!.redone).toEqual({ kind: "awaiting", on: TODAY, answer: "noStatusYet" });
  });

  it("corrects a weekly contact's date", () => {
    const state = recordOccurrence(absence, throughPlan(), {
      stepId: "keepInTouch",
      actorId: TEACHER,
      on: "2026-12-10",
      today: TODAY,
    }).state;
    const t = correctMark(absence, state, {
      stepId: "keepInTouch",
      actorId: TEACHER,
      today: TODAY,
      mark: { on: "2026-12-09", form: "phone" },
    });
    expect(t.state.steps.keepInTouch!.occurrences).toEqual(["2026-12-09"]);
    expect(t.events.map((e) => e.type)).toEqual(["markCorrected", "occurrenceRecorded"]);
    expect(t.notifications).toEqual([]);
  });

  it("after a skip the deputy was not told of, the new mark is an ordinary «выполнено» notice", () => {
    const state = skipStep(absence, open(), { stepId: "informDeputy", actorId: TEACHER, on: OPENED, today: TODAY, reason: "нет" }).state;
    const t = correctMark(absence, state, { stepId: "informDeputy", actorId: TEACHER, today: TODAY, mark: { on: "2026-12-02" } });
    expect(t.notifications).toEqual([{ kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "informDeputy" }]);
  });

  it("refuses a new mark the step does not accept, leaving nothing changed", () => {
    const before = done(open(), "trackStatus", "2026-12-04", { answer: "confirmed" });
    const run = () =>
      correctMark(absence, before, { stepId: "trackStatus", actorId: TEACHER, today: TODAY, mark: { on: TODAY, answer: "maybe" } });
    expect(refusal(run)).toBe("answerNotOffered");
    expect(before.steps.trackStatus!.answer).toBe("confirmed");
  });
});

describe("awaitsOthers in the schema", () => {
  it("refuses an answer that awaits others but completes the step", () => {
    const json = readDefinition("absence-criterion-22");
    json.steps[2].question.answers[2].completes = true;
    expect(regulationSchema.safeParse(json).success).toBe(false);
  });
});
