import { loadProductionYears } from "../../src/calendar/load-production-calendar.js";
import { createSchoolCalendar } from "../../src/domain/calendar/school-calendar.js";
import { completeStep, deriveSteps, openCase, recordOccurrence, type CaseState } from "../../src/domain/case/index.js";
import { addDays, maxDate, type LocalDate } from "../../src/domain/dates.js";
import type { Regulation } from "../../src/domain/regulation/schema.js";
import { loadRegulations } from "../../src/regulations/load-regulations.js";

/*
 * Case states as teachers leave them, shared by the planner bench and the city seed: the same
 * pseudo-random walk through each regulation's steps, so both benches see alike data.
 */

/** A repeatable pseudo-random sequence in [0, 1). */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * A better repeatable sequence (mulberry32) for new data: `random`'s low-quality steps skew draws
 * near 1 (a 1 % pick came out 0.1 %); `random` stays as it is for the planner's data.
 */
export function random32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface CaseSubject {
  id: string;
  /** The member id of the class teacher: the case's teacher and the actor of every mark. */
  teacherId: string;
  studentId?: string;
  classLabel?: string;
  openedOn: LocalDate;
  firstAbsenceOn?: LocalDate;
  daysMissed?: number;
}

/**
 * Opens a case and walks it up to `today` the way most teachers do: each step by its deadline (half
 * the time a day early), the weekly duties every 5–6 days, an as-needed step half the time. About
 * one case in seven stalls at some step and falls late (and gets escalated). `today` is the day the
 * walk stops (the default, or e.g. the day a case was closed).
 */
export function createCaseProgressor(defaultToday: LocalDate) {
  const calendar = createSchoolCalendar({ weekLength: 5, vacations: [], productionYears: loadProductionYears() });
  return (regulation: Regulation, subject: CaseSubject, rnd: () => number, today = defaultToday): CaseState => {
    const { openedOn, teacherId: actorId } = subject;
    let state = openCase(regulation, { ...subject, today, actorId }).state;
    const stallAt = rnd() < 0.15 ? Math.floor(rnd() * regulation.steps.length) : regulation.steps.length;
    regulation.steps.forEach((step, index) => {
      if (index >= stallAt) return;
      const view = deriveSteps(regulation, state, { calendar, today })[index]!;
      if (view.status === "waiting" || view.status === "done") return;
      const anchor = view.anchorOn ?? openedOn;
      try {
        if (step.timing.kind === "recurring") {
          for (let on = addDays(anchor, 5 + Math.floor(rnd() * 2)); on <= today; on = addDays(on, 5 + Math.floor(rnd() * 2))) {
            state = recordOccurrence(regulation, state, { stepId: step.id, actorId, on, today, form: step.forms[0] }).state;
          }
        } else if (step.timing.kind !== "asNeeded" || rnd() < 0.5) {
          const due = view.dueOn ?? anchor;
          const on = due <= today ? (rnd() < 0.5 || due === anchor ? due : maxDate(anchor, addDays(due, -1))) : undefined;
          if (!on || on > today) return;
          const options = { stepId: step.id, actorId, on, today, form: step.forms[0] };
          state = (
            step.question
              ? completeStep(regulation, state, { ...options, answer: "notConfirmed" })
              : completeStep(regulation, state, options)
          ).state;
        }
      } catch {
        // A step the random walk cannot take (e.g. a date before its anchor) stays open.
      }
    });
    return state;
  };
}

/**
 * The planner bench's cases (80 % absence, 10 % council, 10 % difficulty, opened over the last 12
 * weeks), always the same for the same `count`.
 */
export function plannerCaseStates(count: number, today: LocalDate): { regulationId: string; state: CaseState }[] {
  const regulations = loadRegulations();
  const absence = regulations.current("absence-criterion-22");
  const council = regulations.current("interaction-4-council");
  const difficulty = regulations.current("interaction-2-difficulty");
  const progress = createCaseProgressor(today);
  const rnd = random(42);
  const out: { regulationId: string; state: CaseState }[] = [];
  for (let i = 0; i < count; i++) {
    const pick = rnd();
    const regulation: Regulation = pick < 0.8 ? absence : pick < 0.9 ? council : difficulty;
    const openedOn = addDays(today, -Math.floor(rnd() * 84));
    out.push({ regulationId: regulation.id, state: progress(regulation, { id: String(i), teacherId: "1", openedOn }, rnd) });
  }
  return out;
}
