import { addDays, type LocalDate } from "../dates.js";
import type { SchoolDays } from "../calendar/types.js";
import type { Regulation, RegulationStep, StepTiming } from "../regulation/schema.js";
import { CaseError } from "./case-error.js";
import type { CaseState, StepRecord } from "./case-state.js";

/*
 * Where each step of a case stands on `today`. Deadlines are never stored: they follow from the
 * definition, the recorded dates and the school's calendar, so a corrected calendar or a
 * backdated completion moves them without any migration.
 *
 * Choices:
 * - A closed case raises no alarms. Its recurring steps show "done" when at least one
 *   occurrence was recorded and "skipped" otherwise; its other open steps keep their dates but
 *   show "pending" (or "waiting" when their anchor was never reached), never due or overdue.
 *   nextAction is for open cases; for a closed one the caller shows none.
 * - A recurring step counts from its anchor or its latest occurrence, whichever is later: a
 *   contact made before the duty began does not shorten the first period.
 * - "dueSoon" means the deadline is after today but no later than the next school day, or that
 *   today is inside a step's window.
 * - An answer that awaits others («статуса ещё нет», `awaitsOthers`) given on or after the
 *   deadline moves it to the next school day after the answer: waiting on the family centre is
 *   not the teacher's lateness while they keep answering each school day. `postponedFrom` keeps
 *   the regulation's own deadline.
 */

export type StepStatus = "waiting" | "pending" | "dueSoon" | "dueToday" | "overdue" | "done" | "skipped";

export interface StepView {
  stepId: string;
  number: string;
  status: StepStatus;
  dueOn?: LocalDate;
  windowStartsOn?: LocalDate;
  lastOccurrenceOn?: LocalDate;
  nextOccurrenceOn?: LocalDate;
  anchorOn?: LocalDate;
  /** The latest day the teacher answered that the step awaits others (open steps only). */
  awaitingOthersOn?: LocalDate;
  /** The regulation's deadline, when an answer awaiting others has moved `dueOn` past it. */
  postponedFrom?: LocalDate;
  /** An annual step announced ahead (`announceSchoolDays`): the school day its announcement starts. */
  announcedOn?: LocalDate;
}

export interface AnnualDate {
  month: number;
  day: number;
}

export interface DeriveStepsOptions {
  calendar: SchoolDays;
  today: LocalDate;
  /** The school's own dates for annual steps, by the timing's `setting` id. */
  annualDates?: Record<string, AnnualDate>;
}

interface Schedule {
  dueOn?: LocalDate;
  windowStartsOn?: LocalDate;
  nextOccurrenceOn?: LocalDate;
  announcedOn?: LocalDate;
}

/** Steps in the definition's order. `regulation` must be the version the case was opened under. */
export function deriveSteps(regulation: Regulation, state: CaseState, options: DeriveStepsOptions): StepView[] {
  if (regulation.id !== state.regulationId) {
    throw new CaseError("wrongRegulation", `case ${state.id} follows ${state.regulationId}, not ${regulation.id}`);
  }
  return regulation.steps.map((step) => viewStep(step, state, options));
}

const ATTENTION: Partial<Record<StepStatus, number>> = { overdue: 0, dueToday: 1, dueSoon: 2, pending: 3 };

/** The step to show first: overdue, then due today, due soon, pending; earlier deadlines first. */
export function nextAction(views: readonly StepView[]): StepView | undefined {
  const candidates = views.filter((v) => ATTENTION[v.status] !== undefined);
  const byUrgency = (a: StepView, b: StepView) => ATTENTION[a.status]! - ATTENTION[b.status]! || compareDue(a.dueOn, b.dueOn);
  return [...candidates].sort(byUrgency)[0];
}

const OPEN_RECORD: StepRecord = { state: "open", occurrences: [] };
const NO_SCHEDULE: Schedule = {};

// Hot path (the planner derives every open case on every run): plain property writes, no spreads.
function viewStep(step: RegulationStep, state: CaseState, options: DeriveStepsOptions): StepView {
  // A record is missing only if the caller passed another version of the definition.
  const record: StepRecord = state.steps[step.id] ?? OPEN_RECORD;
  const anchorOn = anchorDate(step.timing, state);
  const occurrences = record.occurrences;
  const lastOccurrenceOn = occurrences.length > 0 ? occurrences[occurrences.length - 1] : undefined;
  const anchored = "anchor" in step.timing;
  let schedule = anchored && !anchorOn ? NO_SCHEDULE : scheduleOf(step.timing, anchorOn, lastOccurrenceOn, state, options);
  const awaiting = record.state === "open" ? record.awaitingOn : undefined;
  const awaitingOthersOn = awaiting && awaiting.length > 0 ? awaiting[awaiting.length - 1] : undefined;
  let postponedFrom: LocalDate | undefined;
  if (awaitingOthersOn !== undefined && schedule.dueOn !== undefined && awaitingOthersOn >= schedule.dueOn && state.status === "open") {
    postponedFrom = schedule.dueOn;
    // The cached schedules are shared: a postponed one is a copy.
    schedule = { ...schedule, dueOn: options.calendar.addSchoolDays(awaitingOthersOn, 1) };
  }
  const view: StepView = {
    stepId: step.id,
    number: step.number,
    status: statusOf(step, record, state, anchored, anchorOn, schedule, options),
  };
  if (schedule.dueOn !== undefined) view.dueOn = schedule.dueOn;
  if (schedule.windowStartsOn !== undefined) view.windowStartsOn = schedule.windowStartsOn;
  if (schedule.nextOccurrenceOn !== undefined) view.nextOccurrenceOn = schedule.nextOccurrenceOn;
  if (lastOccurrenceOn !== undefined) view.lastOccurrenceOn = lastOccurrenceOn;
  if (anchorOn !== undefined) view.anchorOn = anchorOn;
  if (awaitingOthersOn !== undefined) view.awaitingOthersOn = awaitingOthersOn;
  if (postponedFrom !== undefined) view.postponedFrom = postponedFrom;
  if (schedule.announcedOn !== undefined) view.announcedOn = schedule.announcedOn;
  return view;
}

/** The date the step's clock starts; undefined while the anchor step is still open. */
function anchorDate(timing: StepTiming, state: CaseState): LocalDate | undefined {
  if (!("anchor" in timing)) return undefined;
  if (timing.anchor.kind === "caseOpened") return state.openedOn;
  const anchorStep = state.steps[timing.anchor.step];
  // A skipped anchor step also starts the clock, from its skip date.
  return anchorStep && anchorStep.state !== "open" ? anchorStep.completedOn : undefined;
}

function scheduleOf(
  timing: StepTiming,
  anchor: LocalDate | undefined,
  lastOccurrenceOn: LocalDate | undefined,
  state: CaseState,
  options: DeriveStepsOptions,
): Schedule {
  const { calendar } = options;
  const anchorOn = anchor!;
  switch (timing.kind) {
    case "onReceipt":
    case "withinSchoolDays":
    case "windowSchoolDays":
      return schoolDaySchedule(calendar, timing, anchorOn);
    case "recurring": {
      const next = addDaysCached(lastOccurrenceOn && lastOccurrenceOn > anchorOn ? lastOccurrenceOn : anchorOn, timing.everyDays);
      return { dueOn: next, nextOccurrenceOn: next };
    }
    case "annual": {
      const date = options.annualDates?.[timing.setting] ?? { month: timing.defaultMonth, day: timing.defaultDay };
      const dueOn = nextAnnualDate(date, state.openedOn);
      if (!timing.announceSchoolDays) return { dueOn };
      return { dueOn, announcedOn: schoolDaysBefore(calendar, dueOn, timing.announceSchoolDays) };
    }
    case "asNeeded":
      return NO_SCHEDULE;
  }
}

/*
 * Deadlines counted in school days depend only on the calendar, the timing and the anchor date,
 * and many cases share them: each is computed once per calendar (the planner derives every open
 * case on every run). The schedules are shared, read-only objects.
 */
const schoolDaySchedules = new WeakMap<SchoolDays, WeakMap<StepTiming, Map<LocalDate, Schedule>>>();

function schoolDaySchedule(calendar: SchoolDays, timing: StepTiming, anchorOn: LocalDate): Schedule {
  let byTiming = schoolDaySchedules.get(calendar);
  if (!byTiming) schoolDaySchedules.set(calendar, (byTiming = new WeakMap()));
  let byAnchor = byTiming.get(timing);
  if (!byAnchor) byTiming.set(timing, (byAnchor = new Map()));
  let schedule = byAnchor.get(anchorOn);
  if (!schedule) {
    switch (timing.kind) {
      case "onReceipt":
        schedule = { dueOn: calendar.nextSchoolDayOnOrAfter(anchorOn) };
        break;
      case "withinSchoolDays":
        schedule = { dueOn: calendar.addSchoolDays(anchorOn, timing.days) };
        break;
      case "windowSchoolDays":
        schedule = { windowStartsOn: calendar.addSchoolDays(anchorOn, timing.from), dueOn: calendar.addSchoolDays(anchorOn, timing.to) };
        break;
      default:
        throw new Error(`not a school-day timing: ${timing.kind}`);
    }
    byAnchor.set(anchorOn, schedule);
  }
  return schedule;
}

function statusOf(
  step: RegulationStep,
  record: StepRecord,
  state: CaseState,
  anchored: boolean,
  anchorOn: LocalDate | undefined,
  schedule: Schedule,
  options: DeriveStepsOptions,
): StepStatus {
  if (record.state !== "open") return record.state;
  if (state.status === "closed" && step.timing.kind === "recurring") {
    return record.occurrences.length > 0 ? "done" : "skipped";
  }
  if (anchored && !anchorOn) return "waiting";
  const { dueOn, windowStartsOn, announcedOn } = schedule;
  if (!dueOn || state.status === "closed") return "pending";
  return urgency(dueOn, windowStartsOn ?? announcedOn, options);
}

function urgency(dueOn: LocalDate, windowStartsOn: LocalDate | undefined, { today, calendar }: DeriveStepsOptions): StepStatus {
  if (today > dueOn) return "overdue";
  if (today === dueOn) return "dueToday";
  if (windowStartsOn && today >= windowStartsOn) return "dueSoon";
  return dueOn <= calendar.addSchoolDays(today, 1) ? "dueSoon" : "pending";
}

/** Calendar days are pure arithmetic on a small set of dates: remember them. */
const addDaysMemo = new Map<string, LocalDate>();
function addDaysCached(date: LocalDate, days: number): LocalDate {
  const key = `${date}+${days}`;
  let result = addDaysMemo.get(key);
  if (result === undefined) {
    result = addDays(date, days);
    if (addDaysMemo.size > 100_000) addDaysMemo.clear();
    addDaysMemo.set(key, result);
  }
  return result;
}

/** The `n`th school day before `date`: [result, date) holds exactly n school days. */
function schoolDaysBefore(calendar: SchoolDays, date: LocalDate, n: number): LocalDate {
  let day = date;
  // A year back at most: a calendar with no school days before `date` announces on the date itself.
  for (let counted = 0, steps = 0; counted < n && steps < 366; steps++) {
    day = addDays(day, -1);
    if (calendar.isSchoolDay(day)) counted++;
  }
  return day;
}

/** The first `month`/`day` on or after `from`; a day past the month's end means its last day. */
function nextAnnualDate({ month, day }: AnnualDate, from: LocalDate): LocalDate {
  const year = Number(from.slice(0, 4));
  const thisYear = annualDateIn(year, month, day);
  return thisYear >= from ? thisYear : annualDateIn(year + 1, month, day);
}

function annualDateIn(year: number, month: number, day: number): LocalDate {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(day, lastDay))}`;
}

function compareDue(a: LocalDate | undefined, b: LocalDate | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
