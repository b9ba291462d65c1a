import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import {
  closeCase,
  completeStep,
  deriveSteps,
  nextAction,
  openCase,
  recordOccurrence,
  skipStep,
  type CaseState,
  type StepView,
} from "../../../src/domain/case/index.js";
import { createSchoolCalendar } from "../../../src/domain/calendar/school-calendar.js";
import { addDays } from "../../../src/domain/dates.js";
import { regulationSchema, type Regulation } from "../../../src/domain/regulation/schema.js";

function readDefinition(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../regulations/${name}.json`, import.meta.url), "utf8"));
}

const loadRegulation = (name: string): Regulation => regulationSchema.parse(readDefinition(name));

const absence = loadRegulation("absence-criterion-22");
const upbringing = loadRegulation("interaction-3-upbringing");
const council = loadRegulation("interaction-4-council");

const productionYears = loadProductionYears();
// Vacations left out so that the expected dates below follow the production calendar alone:
// non-working 31.12.2025 and 1, 2, 5–9.01.2026, plus weekends.
const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears });

const TEACHER = "teacher-1";
const OPENED = "2025-12-25"; // Thursday

function openOn(regulation: Regulation, openedOn: string): CaseState {
  return openCase(regulation, { id: "c", teacherId: TEACHER, openedOn, today: openedOn, actorId: TEACHER }).state;
}

type Action = (s: CaseState) => CaseState;
const complete =
  (stepId: string, on: string, answer?: string): Action =>
  (s) =>
    completeStep(absence, s, { stepId, actorId: TEACHER, on, today: on, ...(answer ? { answer } : {}) }).state;
const occurrence =
  (stepId: string, on: string): Action =>
  (s) =>
    recordOccurrence(absence, s, { stepId, actorId: TEACHER, on, today: on }).state;
const skip =
  (stepId: string, on: string): Action =>
  (s) =>
    skipStep(absence, s, { stepId, actorId: TEACHER, on, today: on, reason: "не требуется" }).state;
const close =
  (on: string): Action =>
  (s) =>
    closeCase(absence, s, { reason: "returnedToSchool", actorId: TEACHER, on, today: on, gapReason: "контроль плана вёл заместитель" })
      .state;

function absenceCase(...actions: Action[]): CaseState {
  return actions.reduce((s, act) => act(s), openOn(absence, OPENED));
}

function view(state: CaseState, today: string, stepId: string, regulation = absence): StepView {
  const found = deriveSteps(regulation, state, { calendar, today }).find((v) => v.stepId === stepId);
  if (!found) throw new Error(`no view for ${stepId}`);
  return found;
}

const status = (state: CaseState, today: string, stepId: string) => view(state, today, stepId).status;

// Step 1 is done on opening. Up to step 3 "not confirmed" on 12.01; steps 4 and 5 done on 14.01 and 20.01.
const uptoStep3 = [complete("informDeputy", OPENED), complete("trackStatus", "2026-01-12", "notConfirmed")];
const uptoStep5 = [...uptoStep3, complete("meetParents", "2026-01-14"), complete("developPlan", "2026-01-20")];

describe("the absence regulation opened on Thursday 25.12.2025", () => {
  const opened = absenceCase();

  it("dates every step on opening; step 1, done on opening, keeps its date", () => {
    expect(deriveSteps(absence, opened, { calendar, today: OPENED })).toStrictEqual([
      { stepId: "receiveNotice", number: "1", status: "done", dueOn: OPENED, anchorOn: OPENED },
      { stepId: "informDeputy", number: "2", status: "dueToday", dueOn: OPENED, anchorOn: OPENED },
      // School days after 25.12: 26, 29, 30 | 31.12 and 1–11.01 off | 12.01, 13.01.
      { stepId: "trackStatus", number: "3", status: "pending", windowStartsOn: "2025-12-30", dueOn: "2026-01-13", anchorOn: OPENED },
      { stepId: "meetParents", number: "4", status: "waiting" },
      { stepId: "developPlan", number: "5", status: "waiting" },
      { stepId: "implementPlan", number: "6", status: "waiting" },
      { stepId: "keepInTouch", number: "7", status: "waiting" },
    ]);
  });

  it.each([
    ["2025-12-25", "dueToday", "pending"],
    ["2025-12-26", "overdue", "pending"],
    ["2025-12-29", "overdue", "pending"],
    ["2025-12-30", "overdue", "dueSoon"],
    ["2026-01-03", "overdue", "dueSoon"],
    ["2026-01-12", "overdue", "dueSoon"],
    ["2026-01-13", "overdue", "dueToday"],
    ["2026-01-14", "overdue", "overdue"],
  ])("on %s: step 2 is %s, step 3 is %s, step 1 is never due", (today, informDeputy, trackStatus) => {
    expect(status(opened, today, "receiveNotice")).toBe("done");
    expect(status(opened, today, "informDeputy")).toBe(informDeputy);
    expect(status(opened, today, "trackStatus")).toBe(trackStatus);
  });

  it("keeps step 3 open after «статуса ещё нет»", () => {
    const answered = completeStep(absence, opened, {
      stepId: "trackStatus",
      actorId: TEACHER,
      on: "2025-12-30",
      today: "2026-01-14",
      answer: "noStatusYet",
    }).state;
    expect(status(answered, "2026-01-14", "trackStatus")).toBe("overdue");
    expect(status(answered, "2026-01-14", "meetParents")).toBe("waiting");
  });

  it.each([
    ["2026-01-12", "pending"],
    ["2026-01-13", "dueSoon"],
    ["2026-01-14", "dueToday"],
    ["2026-01-15", "overdue"],
  ])("counts step 4 from step 3's outcome: on %s it is %s", (today, expected) => {
    const state = absenceCase(...uptoStep3);
    expect(view(state, today, "trackStatus")).toMatchObject({ status: "done" });
    expect(view(state, today, "meetParents")).toStrictEqual({
      stepId: "meetParents",
      number: "4",
      status: expected,
      anchorOn: "2026-01-12",
      dueOn: "2026-01-14",
    });
  });

  it("counts step 5 five school days from step 4", () => {
    const state = absenceCase(...uptoStep3, complete("meetParents", "2026-01-14"));
    expect(view(state, "2026-01-20", "developPlan")).toStrictEqual({
      stepId: "developPlan",
      number: "5",
      status: "dueSoon",
      anchorOn: "2026-01-14",
      dueOn: "2026-01-21",
    });
    expect(status(state, "2026-01-22", "developPlan")).toBe("overdue");
  });

  it("starts a step anchored on a skipped step from the skip date", () => {
    const state = absenceCase(skip("trackStatus", "2026-01-13"));
    expect(view(state, "2026-01-13", "trackStatus").status).toBe("skipped");
    expect(view(state, "2026-01-13", "meetParents")).toMatchObject({ status: "pending", anchorOn: "2026-01-13", dueOn: "2026-01-15" });
  });

  it("marks the confirmed branch done like any other outcome", () => {
    const state = absenceCase(complete("trackStatus", "2026-01-12", "confirmed"));
    expect(state.flags).toStrictEqual(["familyTroubleConfirmed"]);
    expect(view(state, "2026-01-12", "meetParents")).toMatchObject({ status: "pending", dueOn: "2026-01-14" });
  });
});

describe("weekly steps 6 and 7", () => {
  const planned = absenceCase(...uptoStep5);

  it.each([
    ["2026-01-23", "pending"],
    ["2026-01-26", "dueSoon"],
    ["2026-01-27", "dueToday"],
    ["2026-01-28", "overdue"],
  ])("become overdue 7 calendar days after step 5 without a contact: %s is %s", (today, expected) => {
    expect(view(planned, today, "keepInTouch")).toStrictEqual({
      stepId: "keepInTouch",
      number: "7",
      status: expected,
      anchorOn: "2026-01-20",
      dueOn: "2026-01-27",
      nextOccurrenceOn: "2026-01-27",
    });
  });

  it.each([
    ["2026-01-28", "pending"],
    ["2026-02-03", "dueSoon"],
    ["2026-02-04", "dueToday"],
    ["2026-02-05", "overdue"],
  ])("reset after an occurrence on 28.01: %s is %s", (today, expected) => {
    const contacted = occurrence("keepInTouch", "2026-01-28")(planned);
    expect(view(contacted, today, "keepInTouch")).toMatchObject({
      status: expected,
      lastOccurrenceOn: "2026-01-28",
      nextOccurrenceOn: "2026-02-04",
      dueOn: "2026-02-04",
    });
    expect(status(contacted, today, "implementPlan")).toBe("overdue");
  });

  it("counts from the anchor when the last contact came before it", () => {
    const early = absenceCase(...uptoStep3, occurrence("keepInTouch", "2026-01-15"));
    expect(view(early, "2026-01-16", "keepInTouch")).toStrictEqual({
      stepId: "keepInTouch",
      number: "7",
      status: "waiting",
      lastOccurrenceOn: "2026-01-15",
    });
    const later = [complete("meetParents", "2026-01-14"), complete("developPlan", "2026-01-20")].reduce((s, a) => a(s), early);
    expect(view(later, "2026-01-20", "keepInTouch")).toMatchObject({ lastOccurrenceOn: "2026-01-15", nextOccurrenceOn: "2026-01-27" });
  });

  it("keeps a due date on a weekend in calendar days", () => {
    const saturday = occurrence("keepInTouch", "2026-01-24")(planned);
    expect(view(saturday, "2026-01-30", "keepInTouch")).toMatchObject({ status: "dueSoon", dueOn: "2026-01-31" });
    expect(status(saturday, "2026-02-01", "keepInTouch")).toBe("overdue");
  });
});

describe("a closed case", () => {
  it("shows recurring steps done when they have occurrences and skipped otherwise", () => {
    const state = absenceCase(...uptoStep5, occurrence("keepInTouch", "2026-01-22"), close("2026-02-10"));
    const statuses = deriveSteps(absence, state, { calendar, today: "2026-03-01" }).map((v) => [v.stepId, v.status]);
    expect(Object.fromEntries(statuses)).toStrictEqual({
      receiveNotice: "done",
      informDeputy: "done",
      trackStatus: "done",
      meetParents: "done",
      developPlan: "done",
      implementPlan: "skipped",
      keepInTouch: "done",
    });
  });

  it("keeps open steps' dates but never shows them due or overdue", () => {
    const state = absenceCase(close("2025-12-26"));
    const views = deriveSteps(absence, state, { calendar, today: "2026-02-01" });
    expect(views.slice(0, 4)).toStrictEqual([
      { stepId: "receiveNotice", number: "1", status: "done", dueOn: OPENED, anchorOn: OPENED },
      { stepId: "informDeputy", number: "2", status: "pending", dueOn: OPENED, anchorOn: OPENED },
      { stepId: "trackStatus", number: "3", status: "pending", windowStartsOn: "2025-12-30", dueOn: "2026-01-13", anchorOn: OPENED },
      { stepId: "meetParents", number: "4", status: "waiting" },
    ]);
  });
});

describe("every timing kind", () => {
  it.each([
    // onReceipt: the same school day, or the next one.
    ["onReceipt on a school day", "2025-12-25", "informDeputy", { dueOn: "2025-12-25" }],
    ["onReceipt on a Saturday", "2025-12-27", "informDeputy", { dueOn: "2025-12-29" }],
    ["onReceipt on 31.12", "2025-12-31", "informDeputy", { dueOn: "2026-01-12" }],
    // windowSchoolDays 3..5 from a Saturday: 29, 30 | 12, 13, 14.
    ["a window from a Saturday", "2025-12-27", "trackStatus", { windowStartsOn: "2026-01-12", dueOn: "2026-01-14" }],
    ["a window in an ordinary week", "2026-02-02", "trackStatus", { windowStartsOn: "2026-02-05", dueOn: "2026-02-09" }],
    // 23.02.2026 is a holiday: 19, 20, 24.
    ["a window over 23 February", "2026-02-18", "trackStatus", { windowStartsOn: "2026-02-24", dueOn: "2026-02-26" }],
  ] as const)("%s", (_name, openedOn, stepId, expected) => {
    expect(view(openOn(absence, openedOn), openedOn, stepId)).toMatchObject(expected);
  });

  it("withinSchoolDays counts school days after the anchor over 9 March 2026", () => {
    const state = [complete("trackStatus", "2026-03-05", "notConfirmed")].reduce((s, a) => a(s), openOn(absence, "2026-02-26"));
    // 06.03 (Fri), then 09.03 is the day off for 8 March: 10.03.
    expect(view(state, "2026-03-05", "meetParents")).toMatchObject({ anchorOn: "2026-03-05", dueOn: "2026-03-10" });
  });

  it("recurring every 14 days from opening (interaction IV.1)", () => {
    const state = openOn(council, "2025-10-01");
    expect(view(state, "2025-10-14", "identifyStudents", council)).toStrictEqual({
      stepId: "identifyStudents",
      number: "1",
      status: "dueSoon",
      anchorOn: "2025-10-01",
      dueOn: "2025-10-15",
      nextOccurrenceOn: "2025-10-15",
    });
  });

  it("asNeeded is pending without a date", () => {
    expect(view(openOn(council, "2025-10-01"), "2026-05-01", "informDeputy", council)).toStrictEqual({
      stepId: "informDeputy",
      number: "2",
      status: "pending",
    });
  });

  // Both annual steps are announced 10 school days ahead: from then on they are due soon.
  it.each([
    ["the default date in the opening year", "2025-09-01", undefined, "presentPlan", "2025-09-15", "2025-09-01", "dueSoon"],
    ["the default date on the opening day", "2025-09-15", undefined, "presentPlan", "2025-09-15", "2025-09-01", "dueToday"],
    ["the next year's date after it passed", "2025-09-16", undefined, "presentPlan", "2026-09-15", "2026-09-01", "pending"],
    // 31.05.2026 is a Sunday; 11.05 is the day off for 9 May.
    ["the analysis in May", "2025-09-01", undefined, "presentAnalysis", "2026-05-31", "2026-05-18", "pending"],
    [
      "the school's own date",
      "2025-09-01",
      { upbringingPlanDue: { month: 9, day: 20 } },
      "presentPlan",
      "2025-09-20",
      "2025-09-08",
      "pending",
    ],
    // 23.02.2026 is a holiday.
    [
      "a day past the month's end",
      "2025-09-01",
      { upbringingAnalysisDue: { month: 2, day: 30 } },
      "presentAnalysis",
      "2026-02-28",
      "2026-02-13",
      "pending",
    ],
  ])("annual: %s", (_name, openedOn, annualDates, stepId, dueOn, announcedOn, status) => {
    const views = deriveSteps(upbringing, openOn(upbringing, openedOn), {
      calendar,
      today: openedOn,
      ...(annualDates ? { annualDates } : {}),
    });
    expect(views.find((v) => v.stepId === stepId)).toStrictEqual({
      stepId,
      number: stepId === "presentPlan" ? "1" : "4",
      status,
      dueOn,
      announcedOn,
    });
    // [announcedOn, dueOn) holds 10 school days, whether the date itself is one or not.
    expect(calendar.schoolDaysBetween(addDays(announcedOn, -1), addDays(dueOn, -1))).toBe(10);
  });

  it.each([
    ["2025-08-29", "pending"],
    ["2025-09-01", "dueSoon"],
    ["2025-09-12", "dueSoon"],
    ["2025-09-15", "dueToday"],
    ["2025-09-16", "overdue"],
  ])("annual on %s is %s", (today, expected) => {
    expect(view(openOn(upbringing, "2025-08-25"), today, "presentPlan", upbringing).status).toBe(expected);
  });

  it("uses the school's vacations", () => {
    const withVacation = createSchoolCalendar({ weekLength: 5, vacations: [{ from: "2025-12-27", to: "2026-01-11" }], productionYears });
    const [, , trackStatus] = deriveSteps(absence, openOn(absence, OPENED), { calendar: withVacation, today: OPENED });
    // 26.12, then the vacation: 12, 13, 14, 15.01.
    expect(trackStatus).toMatchObject({ windowStartsOn: "2026-01-13", dueOn: "2026-01-15" });
  });
});

describe("the definition version", () => {
  it("derives with the definition it is given; nothing is read from elsewhere", () => {
    const v2json = readDefinition("absence-criterion-22");
    v2json.version = 2;
    v2json.steps[1].timing = { kind: "withinSchoolDays", days: 2, anchor: { kind: "caseOpened" } };
    const v2 = regulationSchema.parse(v2json);
    const state = absenceCase();
    const snapshot = structuredClone(state);

    const dueWith = (regulation: Regulation) => view(state, OPENED, "informDeputy", regulation).dueOn;
    expect(dueWith(absence)).toBe("2025-12-25");
    expect(dueWith(v2)).toBe("2025-12-29");
    expect(dueWith(absence)).toBe("2025-12-25");
    expect(state).toStrictEqual(snapshot);
    expect(state.regulationVersion).toBe(1);
    expect(completeStep(v2, state, { stepId: "informDeputy", actorId: TEACHER, on: OPENED, today: OPENED }).state.regulationVersion).toBe(
      1,
    );
  });

  it("refuses a definition of another regulation", () => {
    expect(() => deriveSteps(council, absenceCase(), { calendar, today: OPENED })).toThrowError(
      expect.objectContaining({ code: "wrongRegulation" }),
    );
  });
});

describe("nextAction", () => {
  const v = (stepId: string, status: StepView["status"], dueOn?: string): StepView => ({
    stepId,
    number: stepId,
    status,
    ...(dueOn ? { dueOn } : {}),
  });

  it.each<[string, StepView[], string | undefined]>([
    [
      "overdue first, earliest first",
      [v("a", "pending", "2026-01-10"), v("b", "dueSoon", "2026-01-06"), v("c", "overdue", "2026-01-05"), v("d", "overdue", "2026-01-03")],
      "d",
    ],
    ["then due today", [v("a", "dueSoon", "2026-01-06"), v("b", "dueToday", "2026-01-05"), v("c", "pending", "2026-01-07")], "b"],
    ["then due soon", [v("a", "pending", "2026-01-07"), v("b", "dueSoon", "2026-01-06")], "b"],
    ["pending by due date, undated last", [v("a", "pending"), v("b", "pending", "2026-02-01"), v("c", "pending", "2026-01-20")], "c"],
    ["the definition's order on a tie", [v("a", "overdue", "2026-01-05"), v("b", "overdue", "2026-01-05")], "a"],
    ["nothing when all is done, skipped or waiting", [v("a", "done"), v("b", "skipped"), v("c", "waiting")], undefined],
  ])("%s", (_name, views, expected) => {
    expect(nextAction(views)?.stepId).toBe(expected);
  });

  it("picks step 2 on the opening day: step 1 is done on opening", () => {
    expect(nextAction(deriveSteps(absence, absenceCase(), { calendar, today: OPENED }))).toMatchObject({
      stepId: "informDeputy",
      status: "dueToday",
    });
  });

  it("picks the overdue weekly contact in a real case", () => {
    const state = absenceCase(...uptoStep5, occurrence("implementPlan", "2026-01-27"));
    expect(nextAction(deriveSteps(absence, state, { calendar, today: "2026-01-28" }))).toMatchObject({
      stepId: "keepInTouch",
      status: "overdue",
    });
  });
});
