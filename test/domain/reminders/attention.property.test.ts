import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadProductionYears } from "../../../src/calendar/load-production-calendar.js";
import { createSchoolCalendar, type Vacation } from "../../../src/domain/calendar/school-calendar.js";
import {
  CaseError,
  completeStep,
  deriveSteps,
  openCase,
  recordOccurrence,
  skipStep,
  undoLastMark,
  type CaseState,
} from "../../../src/domain/case/index.js";
import { addDays, type LocalDate } from "../../../src/domain/dates.js";
import { DEFAULT_SCHOOL_HOURS } from "../../../src/domain/reminders/delivery-window.js";
import { attentionFrom, createSchoolPlanner, type PlanRecipient } from "../../../src/domain/reminders/plan-reminders.js";
import type { Regulation } from "../../../src/domain/regulation/schema.js";
import { loadRegulations } from "../../../src/regulations/load-regulations.js";

/*
 * The incremental planner against a full sweep, over random case histories and calendar changes.
 * The full sweep plans the case at every instant; the incremental one only once the date stored
 * for the case has come, the date being computed afresh after each change of the case or of the
 * calendar (as the repository resets it and the planner job stores it). Any difference fails.
 */

const regulations = loadRegulations();
const definitions = regulations.list();
const productionYears = loadProductionYears();

const person = (userId: number): PlanRecipient => ({
  userId,
  fullName: `Person ${userId}`,
  reachable: true,
  reminderStartHour: null,
  reminderEndHour: null,
  mutedFrom: null,
  mutedUntil: null,
});

type Action =
  | { kind: "complete" | "occurrence" | "skip" | "undo"; day: number; step: number; answer: number }
  | { kind: "calendar"; day: number; weekLength: 5 | 6; vacations: { start: number; length: number }[] };

const stepAction = fc.record({
  kind: fc.constantFrom("complete" as const, "complete" as const, "occurrence" as const, "skip" as const, "undo" as const),
  day: fc.integer({ min: 0, max: 80 }),
  step: fc.integer({ min: 0, max: 7 }),
  answer: fc.integer({ min: 0, max: 3 }),
});
const calendarAction = fc.record({
  kind: fc.constant("calendar" as const),
  day: fc.integer({ min: 0, max: 80 }),
  weekLength: fc.constantFrom(5 as const, 6 as const),
  vacations: fc.array(fc.record({ start: fc.integer({ min: -10, max: 100 }), length: fc.integer({ min: 1, max: 14 }) }), { maxLength: 2 }),
});

const history = fc.record({
  regulation: fc.integer({ min: 0, max: definitions.length - 1 }),
  // Opening days from late August 2025 to June 2026: the annual dates and the holidays come into play.
  openedOffset: fc.integer({ min: 0, max: 300 }),
  weekLength: fc.constantFrom(5 as const, 6 as const),
  planDue: fc.option(fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) }), { nil: undefined }),
  actions: fc.array(fc.oneof({ weight: 5, arbitrary: stepAction }, { weight: 1, arbitrary: calendarAction }), { maxLength: 14 }),
});

function apply(
  regulation: Regulation,
  state: CaseState,
  action: Action & { kind: "complete" | "occurrence" | "skip" | "undo" },
  on: LocalDate,
): CaseState {
  const step = regulation.steps[action.step % regulation.steps.length]!;
  const base = { stepId: step.id, actorId: "10", on, today: on };
  const answers = step.question?.answers ?? [];
  const answer = answers.length > 0 ? answers[action.answer % answers.length]!.id : undefined;
  const form = step.forms?.[0];
  try {
    switch (action.kind) {
      case "complete":
        return completeStep(regulation, state, { ...base, ...(answer ? { answer } : {}), ...(form ? { form } : {}) }).state;
      case "occurrence":
        return recordOccurrence(regulation, state, { ...base, ...(form ? { form } : {}) }).state;
      case "skip":
        return skipStep(regulation, state, { ...base, reason: "не требуется" }).state;
      case "undo":
        return undoLastMark(regulation, state, { stepId: step.id, actorId: "10", today: on }).state;
    }
  } catch (error) {
    // A mark the engine refuses (not due yet, needs a plan, already done…) changes nothing.
    if (error instanceof CaseError) return state;
    throw error;
  }
}

describe("the incremental planner and a full sweep plan the same rows", () => {
  it("over random case histories and calendar changes", () => {
    fc.assert(
      fc.property(history, (h) => {
        const regulation = definitions[h.regulation]!;
        const openedOn = addDays("2025-08-25", h.openedOffset);
        const annualDates = h.planDue ? { upbringingPlanDue: h.planDue, upbringingAnalysisDue: h.planDue } : undefined;
        let calendar = createSchoolCalendar({ weekLength: h.weekLength, vacations: [], productionYears });
        let state = openCase(regulation, {
          id: "42",
          teacherId: "10",
          ...(regulation.subject === "class" ? { classLabel: "7Б" } : { studentId: "5" }),
          openedOn,
          today: openedOn,
          actorId: "10",
        }).state;
        const derive = (today: LocalDate) => deriveSteps(regulation, state, { calendar, today, ...(annualDates ? { annualDates } : {}) });
        let attention = attentionFrom(regulation, derive(openedOn), calendar, openedOn);
        const actions = [...h.actions].sort((a, b) => a.day - b.day);

        for (let offset = 0, next = 0; offset <= 90; offset++) {
          const today = addDays(openedOn, offset);
          for (; next < actions.length && actions[next]!.day === offset; next++) {
            const action = actions[next]!;
            if (action.kind === "calendar") {
              const vacations: Vacation[] = action.vacations.map((v) => ({
                from: addDays(openedOn, v.start),
                to: addDays(openedOn, v.start + v.length - 1),
              }));
              calendar = createSchoolCalendar({ weekLength: action.weekLength, vacations, productionYears });
            } else {
              state = apply(regulation, state, action, today);
            }
            // Reset by the change, stored again by the next run, which derives for its own day.
            attention = attentionFrom(regulation, derive(today), calendar, openedOn);
          }
          for (const hour of ["07:30", "09:00", "20:00"]) {
            const planner = createSchoolPlanner(
              {
                schoolId: 7,
                timeZone: "Europe/Moscow",
                calendar,
                hours: DEFAULT_SCHOOL_HOURS,
                hideNamesInPush: false,
                deputy: person(2),
                directors: [person(3)],
              },
              new Date(`${today}T${hour}:00+03:00`),
            );
            const item = {
              caseId: 42,
              state,
              regulation,
              views: derive(today),
              teacher: person(1),
              studentName: "Иванов Пётр",
              classLabel: "7Б",
            };
            const full = planner.plan(item).map((row) => row.key);
            const incremental = today >= attention ? planner.plan(item).map((row) => row.key) : [];
            expect(incremental, `${regulation.id} opened ${openedOn}, ${today} ${hour}, attention from ${attention}`).toEqual(full);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
