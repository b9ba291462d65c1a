import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CaseError,
  closeCase,
  completeStep,
  openCase,
  reassignCase,
  recordOccurrence,
  reopenCase,
  skipStep,
  type CaseErrorCode,
  type CaseState,
  type Transition,
} from "../../../src/domain/case/index.js";
import { regulationSchema, type Regulation } from "../../../src/domain/regulation/schema.js";

function readDefinition(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../regulations/${name}.json`, import.meta.url), "utf8"));
}

function loadRegulation(name: string): Regulation {
  return regulationSchema.parse(readDefinition(name));
}

/** A school's edit of a real definition, validated like any definition file. */
function variant(name: string, edit: (json: any) => void): Regulation {
  const json = readDefinition(name);
  edit(json);
  return regulationSchema.parse(json);
}

const absence = loadRegulation("absence-criterion-22");
const difficulty = loadRegulation("interaction-2-difficulty");

const TEACHER = "teacher-1";
const DEPUTY = "deputy-1";
// Thursday; the window of step 3 crosses 31.12 and the January holidays.
const OPENED = "2025-12-25";

function open(overrides: Partial<Parameters<typeof openCase>[1]> = {}): CaseState {
  return openCase(absence, {
    id: "case-1",
    teacherId: TEACHER,
    studentId: "student-1",
    classLabel: "7Б",
    openedOn: OPENED,
    today: OPENED,
    actorId: TEACHER,
    ...overrides,
  }).state;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Runs transitions in order, each on the state the previous one returned. */
function walk(state: CaseState, ...steps: Array<(s: CaseState) => Transition>): Transition {
  let last: Transition = { state, events: [], notifications: [] };
  for (const step of steps) last = step(deepFreeze(last.state));
  return last;
}

const done =
  (stepId: string, on: string, extra: object = {}) =>
  (s: CaseState) =>
    completeStep(absence, s, { stepId, actorId: TEACHER, on, today: on, ...extra });

function errorCode(run: () => unknown): CaseErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CaseError) return error.code;
    throw error;
  }
  return undefined;
}

describe("openCase", () => {
  it("opens every step of the definition, records the version and logs caseOpened", () => {
    const t = openCase(difficulty, {
      id: "case-1",
      teacherId: TEACHER,
      studentId: "student-1",
      openedOn: "2025-12-24",
      today: OPENED,
      actorId: TEACHER,
    });
    expect(t.state).toStrictEqual({
      id: "case-1",
      regulationId: "interaction-2-difficulty",
      regulationVersion: difficulty.version,
      teacherId: TEACHER,
      studentId: "student-1",
      status: "open",
      openedOn: "2025-12-24",
      flags: [],
      steps: Object.fromEntries(difficulty.steps.map((s) => [s.id, { state: "open", occurrences: [] }])),
    });
    expect(t.events).toStrictEqual([
      { type: "caseOpened", on: "2025-12-24", actorId: TEACHER, data: { regulationVersion: difficulty.version } },
    ]);
    expect(t.notifications).toStrictEqual([]);
  });

  it("marks a step done on opening, dated with the opening date even when backdated, and logs it after caseOpened", () => {
    const t = openCase(absence, {
      id: "case-1",
      teacherId: TEACHER,
      studentId: "student-1",
      openedOn: "2025-12-24",
      today: OPENED,
      actorId: TEACHER,
    });
    expect(t.state).toStrictEqual({
      id: "case-1",
      regulationId: "absence-criterion-22",
      regulationVersion: 1,
      teacherId: TEACHER,
      studentId: "student-1",
      status: "open",
      openedOn: "2025-12-24",
      flags: [],
      steps: Object.fromEntries(
        absence.steps.map((s) => [
          s.id,
          s.id === "receiveNotice"
            ? { state: "done", completedOn: "2025-12-24", completedBy: TEACHER, occurrences: [] }
            : { state: "open", occurrences: [] },
        ]),
      ),
    });
    expect(t.events).toStrictEqual([
      { type: "caseOpened", on: "2025-12-24", actorId: TEACHER, data: { regulationVersion: 1 } },
      { type: "stepCompleted", on: "2025-12-24", actorId: TEACHER, stepId: "receiveNotice", data: { onOpening: true } },
    ]);
    // Done on opening is not "done by the teacher": step 1 tells no one.
    expect(t.notifications).toStrictEqual([]);
  });

  it("credits the step done on opening to whoever opened the case", () => {
    const t = openCase(absence, { id: "case-1", teacherId: TEACHER, openedOn: OPENED, today: OPENED, actorId: DEPUTY });
    expect(t.state.steps.receiveNotice).toStrictEqual({ state: "done", completedOn: OPENED, completedBy: DEPUTY, occurrences: [] });
    expect(t.events[1]).toStrictEqual({
      type: "stepCompleted",
      on: OPENED,
      actorId: DEPUTY,
      stepId: "receiveNotice",
      data: { onOpening: true },
    });
  });

  it("records the first day of absence and the school days missed", () => {
    const state = open({ firstAbsenceOn: "2025-12-10", daysMissed: 12 });
    expect(state).toMatchObject({ openedOn: OPENED, firstAbsenceOn: "2025-12-10", daysMissed: 12 });
    // The first day of absence may be the opening day itself.
    expect(open({ firstAbsenceOn: OPENED })).toMatchObject({ firstAbsenceOn: OPENED });
    expect(open({ firstAbsenceOn: OPENED })).not.toHaveProperty("daysMissed");
    expect(open()).not.toHaveProperty("firstAbsenceOn");
    expect(open()).not.toHaveProperty("daysMissed");
  });

  it.each([
    ["a future opening date", { openedOn: "2025-12-26" }, "dateInFuture"],
    ["an impossible opening date", { openedOn: "2025-02-30" }, "invalidDate"],
    ["an invalid today", { today: "25.12.2025" }, "invalidDate"],
    ["a first day of absence after the opening date", { openedOn: "2025-12-24", firstAbsenceOn: OPENED }, "dateBeforeOpening"],
    ["an impossible first day of absence", { firstAbsenceOn: "2025-11-31" }, "invalidDate"],
  ] as const)("refuses %s", (_name, overrides, code) => {
    expect(errorCode(() => open(overrides))).toBe(code);
  });
});

describe("the absence regulation, walked through", () => {
  it("follows a case from the notice to the weekly duties (status not confirmed)", () => {
    // The notice opened the case: step 1 is done already, step 2 is the first to do.
    const opened = open();
    expect(opened.steps.receiveNotice).toStrictEqual({ state: "done", completedOn: OPENED, completedBy: TEACHER, occurrences: [] });

    let t = walk(opened, done("informDeputy", OPENED, { form: "phone", note: "  сообщила устно  " }));
    expect(t.state.steps.informDeputy).toMatchObject({ state: "done", form: "phone", note: "сообщила устно" });
    expect(t.events).toStrictEqual([
      { type: "stepCompleted", on: OPENED, actorId: TEACHER, stepId: "informDeputy", data: { form: "phone", note: "сообщила устно" } },
    ]);
    expect(t.notifications).toStrictEqual([{ kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "informDeputy" }]);

    // «статуса ещё нет»: logged and dated (it awaits the centre), the step stays open.
    const before = t.state;
    t = walk(before, done("trackStatus", "2025-12-30", { answer: "noStatusYet", form: "aisHelper" }));
    expect(t.state).toStrictEqual({
      ...before,
      steps: { ...before.steps, trackStatus: { state: "open", occurrences: [], awaitingOn: ["2025-12-30"] } },
    });
    expect(t.events).toStrictEqual([
      {
        type: "stepAnswered",
        on: "2025-12-30",
        actorId: TEACHER,
        stepId: "trackStatus",
        data: { form: "aisHelper", answer: "noStatusYet" },
      },
    ]);
    expect(t.notifications).toStrictEqual([]);

    t = walk(t.state, done("trackStatus", "2026-01-12", { answer: "notConfirmed" }));
    expect(t.state.steps.trackStatus).toMatchObject({ state: "done", completedOn: "2026-01-12", answer: "notConfirmed" });
    expect(t.state.flags).toStrictEqual([]);
    expect(t.state.status).toBe("open");
    expect(t.events.map((e) => e.type)).toStrictEqual(["stepCompleted"]);
    expect(t.notifications).toStrictEqual([{ kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "trackStatus" }]);

    t = walk(t.state, done("meetParents", "2026-01-14", { form: "personalMeeting" }), done("developPlan", "2026-01-20"));
    // Steps 4 and 5 tell the deputy too (the plan reaches them with the notice).
    expect(t.notifications).toStrictEqual([{ kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "developPlan" }]);

    const contact = (on: string) => (s: CaseState) =>
      recordOccurrence(absence, s, { stepId: "keepInTouch", actorId: TEACHER, on, today: "2026-01-28", form: "phone" });
    t = walk(t.state, contact("2026-01-28"), contact("2026-01-22"));
    expect(t.state.steps.keepInTouch).toStrictEqual({ state: "open", occurrences: ["2026-01-22", "2026-01-28"] });
    expect(t.events).toStrictEqual([
      { type: "occurrenceRecorded", on: "2026-01-22", actorId: TEACHER, stepId: "keepInTouch", data: { form: "phone" } },
    ]);

    t = walk(t.state, (s) =>
      recordOccurrence(absence, s, { stepId: "implementPlan", actorId: TEACHER, on: "2026-01-27", today: "2026-01-28" }),
    );
    expect(t.state.steps.implementPlan).toStrictEqual({ state: "open", occurrences: ["2026-01-27"] });
    expect(t.events[0]).not.toHaveProperty("data");
    expect(JSON.parse(JSON.stringify(t.state))).toStrictEqual(t.state);
  });

  it("flags a confirmed family trouble once and notifies the deputy", () => {
    const t = walk(open(), done("trackStatus", "2025-12-30", { answer: "confirmed" }));
    expect(t.state.flags).toStrictEqual(["familyTroubleConfirmed"]);
    expect(t.state.steps.trackStatus).toMatchObject({ state: "done", answer: "confirmed" });
    expect(t.events).toStrictEqual([
      { type: "stepCompleted", on: "2025-12-30", actorId: TEACHER, stepId: "trackStatus", data: { answer: "confirmed" } },
      { type: "caseFlagged", on: "2025-12-30", actorId: TEACHER, stepId: "trackStatus", data: { flag: "familyTroubleConfirmed" } },
    ]);
    expect(t.notifications).toStrictEqual([{ kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "trackStatus" }]);
  });
});

describe("answer effects a school may configure", () => {
  // The shipped definition only flags and records; these edits exercise the other effects.
  const edited = variant("absence-criterion-22", (json) => {
    const answers = json.steps.find((s: { id: string }) => s.id === "trackStatus").question.answers;
    answers[0].effects.push(
      { kind: "flag", flag: "familyTroubleConfirmed", label: { ru: "повтор", en: "repeat" } },
      { kind: "openLinkedCase", regulation: "family-trouble-confirmed" },
    );
    answers[1].effects = [{ kind: "closeCase", reason: "familyTroubleNotConfirmed" }];
  });
  const answer =
    (answerId: string, actorId = TEACHER) =>
    (s: CaseState) =>
      completeStep(edited, s, { stepId: "trackStatus", actorId, on: "2025-12-30", today: "2026-01-05", answer: answerId });

  it("adds a flag once and requests the linked case", () => {
    const t = walk(open(), answer("confirmed"));
    expect(t.state.flags).toStrictEqual(["familyTroubleConfirmed"]);
    expect(t.events.map((e) => e.type)).toStrictEqual(["stepCompleted", "caseFlagged", "linkedCaseRequested"]);
    expect(t.events[2]).toStrictEqual({
      type: "linkedCaseRequested",
      on: "2025-12-30",
      actorId: TEACHER,
      stepId: "trackStatus",
      data: { regulationId: "family-trouble-confirmed" },
    });
    expect(t.notifications).toStrictEqual([
      { kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "trackStatus" },
      {
        kind: "linkedCaseRequested",
        recipients: ["upbringingDeputy"],
        stepId: "trackStatus",
        linkedRegulationId: "family-trouble-confirmed",
      },
    ]);
  });

  it("closes the case with the answer's reason", () => {
    const t = walk(open(), answer("notConfirmed", DEPUTY));
    expect(t.state).toMatchObject({ status: "closed", closedOn: "2025-12-30", closeReason: "familyTroubleNotConfirmed" });
    expect(t.state).not.toHaveProperty("closeNote");
    expect(t.events.map((e) => e.type)).toStrictEqual(["stepCompleted", "caseClosed"]);
    expect(t.notifications).toStrictEqual([
      { kind: "stepDone", recipients: ["upbringingDeputy"], stepId: "trackStatus" },
      { kind: "caseClosed", recipients: ["upbringingDeputy", "teacher"] },
    ]);
  });
});

describe("recordOccurrence", () => {
  it("keeps occurrences sorted and notifies per occurrence when the definition asks", () => {
    const opened = openCase(difficulty, {
      id: "c",
      teacherId: TEACHER,
      openedOn: "2025-10-01",
      today: "2025-10-01",
      actorId: TEACHER,
    }).state;
    const t = walk(opened, (s) =>
      recordOccurrence(difficulty, s, {
        stepId: "coordinateAgreements",
        actorId: TEACHER,
        on: "2025-10-08",
        today: "2025-10-08",
        form: "corporateEmail",
        note: "итоги недели",
      }),
    );
    expect(t.state.steps.coordinateAgreements).toStrictEqual({ state: "open", occurrences: ["2025-10-08"] });
    expect(t.events[0]?.data).toStrictEqual({ form: "corporateEmail", note: "итоги недели" });
    expect(t.notifications).toStrictEqual([{ kind: "stepDone", recipients: ["deputy"], stepId: "coordinateAgreements" }]);
  });
});

describe("skipStep", () => {
  it("resolves the step with the reason and its date", () => {
    const t = walk(open(), (s) =>
      skipStep(absence, s, {
        stepId: "meetParents",
        actorId: DEPUTY,
        on: "2026-01-12",
        today: "2026-01-13",
        reason: " семья выбыла из Москвы ",
      }),
    );
    expect(t.state.steps.meetParents).toStrictEqual({
      state: "skipped",
      completedOn: "2026-01-12",
      completedBy: DEPUTY,
      skipReason: "семья выбыла из Москвы",
      occurrences: [],
    });
    expect(t.events).toStrictEqual([
      { type: "stepSkipped", on: "2026-01-12", actorId: DEPUTY, stepId: "meetParents", data: { reason: "семья выбыла из Москвы" } },
    ]);
    expect(t.notifications).toStrictEqual([]);
  });

  it("can skip a recurring step", () => {
    const t = walk(open(), (s) =>
      skipStep(absence, s, { stepId: "implementPlan", actorId: TEACHER, on: OPENED, today: OPENED, reason: "ИПР не составлялся" }),
    );
    expect(t.state.steps.implementPlan?.state).toBe("skipped");
  });
});

describe("close, reopen, reassign", () => {
  it("closes with a reason and note; closing by someone else tells the teacher", () => {
    const byTeacher = closeCase(absence, deepFreeze(open()), {
      reason: "returnedToSchool",
      note: "вернулся 12.01",
      actorId: TEACHER,
      on: "2026-01-12",
      today: "2026-01-13",
    });
    expect(byTeacher.state).toMatchObject({
      status: "closed",
      closedOn: "2026-01-12",
      closeReason: "returnedToSchool",
      closeNote: "вернулся 12.01",
    });
    expect(byTeacher.events).toStrictEqual([
      { type: "caseClosed", on: "2026-01-12", actorId: TEACHER, data: { reason: "returnedToSchool", note: "вернулся 12.01" } },
    ]);
    expect(byTeacher.notifications).toStrictEqual([{ kind: "caseClosed", recipients: ["upbringingDeputy"] }]);

    const byDeputy = closeCase(absence, open(), { reason: "transferred", actorId: DEPUTY, on: OPENED, today: OPENED });
    expect(byDeputy.notifications).toStrictEqual([{ kind: "caseClosed", recipients: ["upbringingDeputy", "teacher"] }]);
    expect(byDeputy.state).not.toHaveProperty("closeNote");
  });

  it("reopens where the case stopped", () => {
    const progressed = walk(open(), done("informDeputy", OPENED)).state;
    const closed = closeCase(absence, progressed, {
      reason: "returnedToSchool",
      note: "n",
      actorId: TEACHER,
      on: OPENED,
      today: OPENED,
    }).state;
    const t = reopenCase(deepFreeze(closed), { actorId: DEPUTY, today: "2026-01-13" });
    expect(t.state).toStrictEqual(progressed);
    expect(t.events).toStrictEqual([
      { type: "caseReopened", on: "2026-01-13", actorId: DEPUTY, data: { closeReason: "returnedToSchool" } },
    ]);
    expect(walk(t.state, done("trackStatus", "2026-01-13", { answer: "notConfirmed" })).state.steps.trackStatus?.state).toBe("done");
  });

  it("reassigns to another teacher", () => {
    const t = reassignCase(deepFreeze(open()), { teacherId: "teacher-2", actorId: DEPUTY, today: "2026-01-13" });
    expect(t.state.teacherId).toBe("teacher-2");
    expect(t.events).toStrictEqual([
      { type: "caseReassigned", on: "2026-01-13", actorId: DEPUTY, data: { fromTeacherId: TEACHER, toTeacherId: "teacher-2" } },
    ]);
  });
});

describe("refused transitions", () => {
  const opened = deepFreeze(open());
  const closed = deepFreeze(closeCase(absence, opened, { reason: "r", actorId: TEACHER, on: OPENED, today: OPENED }).state);
  const informed = deepFreeze(walk(opened, done("informDeputy", OPENED)).state);
  const skipped = deepFreeze(
    skipStep(absence, opened, { stepId: "keepInTouch", actorId: TEACHER, on: OPENED, today: OPENED, reason: "r" }).state,
  );
  const noForms = variant("absence-criterion-22", (json) => {
    json.steps[1].forms = [];
  });
  const base = { actorId: TEACHER, on: "2026-01-12", today: "2026-01-12" };
  const complete =
    (s: CaseState, options: object, regulation = absence) =>
    () =>
      completeStep(regulation, s, { ...base, stepId: "informDeputy", ...options });
  const occurrence = (s: CaseState, options: object) => () => recordOccurrence(absence, s, { ...base, stepId: "keepInTouch", ...options });
  const skip = (s: CaseState, options: object) => () => skipStep(absence, s, { ...base, stepId: "meetParents", reason: "r", ...options });
  const close = (s: CaseState, options: object) => () => closeCase(absence, s, { ...base, reason: "r", ...options });

  it.each<[string, () => unknown, CaseErrorCode]>([
    ["completing a step of a closed case", complete(closed, {}), "caseClosed"],
    ["recording an occurrence on a closed case", occurrence(closed, {}), "caseClosed"],
    ["skipping a step of a closed case", skip(closed, {}), "caseClosed"],
    ["reassigning a closed case", () => reassignCase(closed, { teacherId: "t2", actorId: DEPUTY, today: OPENED }), "caseClosed"],
    ["closing a closed case", close(closed, {}), "caseClosed"],
    ["reopening an open case", () => reopenCase(opened, { actorId: DEPUTY, today: OPENED }), "caseNotClosed"],
    ["an unknown step", complete(opened, { stepId: "callPolice" }), "unknownStep"],
    ["a definition of another regulation", complete(opened, { stepId: "sendMemo" }, difficulty), "wrongRegulation"],
    ["a question left unanswered", complete(opened, { stepId: "trackStatus" }), "answerRequired"],
    ["an answer not offered", complete(opened, { stepId: "trackStatus", answer: "maybe" }), "answerNotOffered"],
    ["an answer to a step without a question", complete(opened, { answer: "confirmed" }), "noQuestion"],
    ["a form the step does not list", complete(opened, { form: "eJournal" }), "formNotAllowed"],
    ["any form on a step without forms", complete(opened, { form: "phone" }, noForms), "formNotAllowed"],
    ["a form the recurring step does not list", occurrence(opened, { form: "corporateEmail" }), "formNotAllowed"],
    ["completing before the case opened", complete(opened, { on: "2025-12-24" }), "dateBeforeOpening"],
    ["an occurrence before the case opened", occurrence(opened, { on: "2025-12-24" }), "dateBeforeOpening"],
    ["skipping before the case opened", skip(opened, { on: "2025-12-24" }), "dateBeforeOpening"],
    ["closing before the case opened", close(opened, { on: "2025-12-24" }), "dateBeforeOpening"],
    ["completing in the future", complete(opened, { on: "2026-01-13" }), "dateInFuture"],
    ["an occurrence in the future", occurrence(opened, { on: "2026-01-13" }), "dateInFuture"],
    ["skipping in the future", skip(opened, { on: "2026-01-13" }), "dateInFuture"],
    ["closing in the future", close(opened, { on: "2026-01-13" }), "dateInFuture"],
    ["completing a done step", complete(informed, {}), "stepAlreadyResolved"],
    ["completing the step done on opening", complete(opened, { stepId: "receiveNotice", form: "aisHelper" }), "stepAlreadyResolved"],
    ["skipping the step done on opening", skip(opened, { stepId: "receiveNotice" }), "stepAlreadyResolved"],
    ["skipping a done step", skip(informed, { stepId: "informDeputy" }), "stepAlreadyResolved"],
    ["an occurrence on a skipped step", occurrence(skipped, {}), "stepAlreadyResolved"],
    ["an occurrence on a one-off step", occurrence(opened, { stepId: "informDeputy" }), "notRecurring"],
    ["completing a recurring step", complete(opened, { stepId: "keepInTouch" }), "recurringStep"],
    ["reassigning to the same teacher", () => reassignCase(opened, { teacherId: TEACHER, actorId: DEPUTY, today: OPENED }), "sameTeacher"],
    ["an impossible date", complete(opened, { on: "2026-02-30" }), "invalidDate"],
    ["a malformed today", occurrence(opened, { today: "12.01.2026" }), "invalidDate"],
    ["a malformed today on reassign", () => reassignCase(opened, { teacherId: "t2", actorId: DEPUTY, today: "x" }), "invalidDate"],
    ["a malformed today on reopen", () => reopenCase(closed, { actorId: DEPUTY, today: "" }), "invalidDate"],
    ["skipping without a reason", skip(opened, { reason: "   " }), "reasonRequired"],
    ["closing without a reason", close(opened, { reason: "" }), "reasonRequired"],
  ])("refuses %s", (_name, run, code) => {
    expect(errorCode(run)).toBe(code);
  });

  it("throws a CaseError whose message is for logs", () => {
    expect(complete(opened, { stepId: "callPolice" })).toThrowError(/callPolice/);
  });
});
