import { isLocalDate, type LocalDate } from "../dates.js";
import type { AnswerEffect, Form, Recipient, Regulation, RegulationStep, StepAnswer } from "../regulation/schema.js";
import { CaseError } from "./case-error.js";
import { withGapReason } from "./weekly-gaps.js";
import type { CaseEvent, CaseState, StepRecord, Transition } from "./case-state.js";

/*
 * The case lifecycle as pure functions: each takes the current state and returns the next state
 * with the audit events and notifications the application must persist and send. Nothing here
 * reads the clock: `today` is the school's local date, passed in.
 *
 * Choices:
 * - A recurring step ("не реже 1 раза в неделю") never completes: completeStep refuses it with
 *   "recurringStep"; the teacher records occurrences until the case closes (or skips the step).
 *   Each occurrence sends the step's notify.onDone, e.g. "informs the deputy of progress".
 * - A skipped step keeps its skip date in `completedOn`, so a step anchored on it can start.
 * - A completing answer is logged as stepCompleted (with the answer); an answer that does not
 *   complete («статуса ещё нет») as stepAnswered, leaving the step open and the record unchanged.
 * - Closing notifies the deputy for upbringing, and the teacher when someone else closed it.
 * - Closing leaves open steps as they were, so reopening resumes the case where it stopped.
 */

type EventData = NonNullable<CaseEvent["data"]>;

export interface OpenCaseOptions {
  id: string;
  teacherId: string;
  studentId?: string;
  classLabel?: string;
  openedOn: LocalDate;
  /** The first day of absence and the school days counted from it to `openedOn`. */
  firstAbsenceOn?: LocalDate;
  daysMissed?: number;
  today: LocalDate;
  actorId: string;
}

export interface CompleteStepOptions {
  stepId: string;
  actorId: string;
  on: LocalDate;
  today: LocalDate;
  form?: Form;
  note?: string;
  answer?: string;
}

export interface RecordOccurrenceOptions {
  stepId: string;
  actorId: string;
  on: LocalDate;
  today: LocalDate;
  form?: Form;
  note?: string;
}

export interface SkipStepOptions {
  stepId: string;
  actorId: string;
  on: LocalDate;
  today: LocalDate;
  reason: string;
}

export interface ReassignCaseOptions {
  teacherId: string;
  actorId: string;
  today: LocalDate;
}

export interface CloseCaseOptions {
  reason: string;
  note?: string;
  /** Why a weekly step that had started was never recorded; required when there is one. */
  gapReason?: string;
  actorId: string;
  on: LocalDate;
  today: LocalDate;
}

export interface ReopenCaseOptions {
  actorId: string;
  today: LocalDate;
}

export function openCase(regulation: Regulation, options: OpenCaseOptions): Transition {
  const { openedOn, today, actorId } = options;
  assertDates(openedOn, today);
  if (openedOn > today) throw new CaseError("dateInFuture", `opened on ${openedOn}, after today ${today}`);
  const { firstAbsenceOn, daysMissed } = options;
  if (firstAbsenceOn !== undefined) {
    if (!isLocalDate(firstAbsenceOn)) throw new CaseError("invalidDate", `not a date: ${firstAbsenceOn}`);
    if (firstAbsenceOn > openedOn) throw new CaseError("dateBeforeOpening", `first absence ${firstAbsenceOn} after opening ${openedOn}`);
  }
  const steps: Record<string, StepRecord> = {};
  const events: CaseEvent[] = [{ type: "caseOpened", on: openedOn, actorId, data: { regulationVersion: regulation.version } }];
  for (const step of regulation.steps) {
    if (step.doneOnOpening) {
      steps[step.id] = { state: "done", completedOn: openedOn, completedBy: actorId, occurrences: [] };
      events.push({ type: "stepCompleted", on: openedOn, actorId, stepId: step.id, data: { onOpening: true } });
    } else {
      steps[step.id] = { state: "open", occurrences: [] };
    }
  }
  const state: CaseState = {
    id: options.id,
    regulationId: regulation.id,
    regulationVersion: regulation.version,
    teacherId: options.teacherId,
    ...defined({ studentId: options.studentId, classLabel: options.classLabel }),
    status: "open",
    openedOn,
    ...defined({ firstAbsenceOn, daysMissed }),
    flags: [],
    steps,
  };
  return { state, events, notifications: [] };
}

export function completeStep(regulation: Regulation, state: CaseState, options: CompleteStepOptions): Transition {
  const { stepId, actorId, on } = options;
  const step = openStep(regulation, state, stepId);
  if (isRecurring(step)) throw new CaseError("recurringStep", `step ${stepId} is recurring: record occurrences`);
  assertOnWithinCase(state, on, options.today);
  assertForm(step, options.form);
  const answer = chosenAnswer(step, options.answer);
  const note = cleanText(options.note);
  const details = defined({ form: options.form, note, answer: answer?.id });

  let next: Transition;
  if (answer && !answer.completes) {
    next = transition(state, { type: "stepAnswered", on, actorId, stepId, data: details });
  } else {
    const record: StepRecord = { ...state.steps[stepId]!, state: "done", completedOn: on, completedBy: actorId, ...details };
    next = transition(withStep(state, stepId, record), { type: "stepCompleted", on, actorId, stepId, ...withData(details) });
    next = notifyDone(next, step);
  }
  for (const effect of answer?.effects ?? []) next = applyEffect(next, effect, { stepId, actorId, on });
  return next;
}

export function recordOccurrence(regulation: Regulation, state: CaseState, options: RecordOccurrenceOptions): Transition {
  const { stepId, actorId, on } = options;
  const step = openStep(regulation, state, stepId);
  if (!isRecurring(step)) throw new CaseError("notRecurring", `step ${stepId} is not recurring`);
  assertOnWithinCase(state, on, options.today);
  assertForm(step, options.form);
  const current = state.steps[stepId]!;
  const occurrences = [...current.occurrences, on].sort();
  const details = defined({ form: options.form, note: cleanText(options.note) });
  const next = transition(withStep(state, stepId, { ...current, occurrences }), {
    type: "occurrenceRecorded",
    on,
    actorId,
    stepId,
    ...withData(details),
  });
  return notifyDone(next, step);
}

export function skipStep(regulation: Regulation, state: CaseState, options: SkipStepOptions): Transition {
  const { stepId, actorId, on } = options;
  openStep(regulation, state, stepId);
  assertOnWithinCase(state, on, options.today);
  const reason = requireReason(options.reason);
  const record: StepRecord = { ...state.steps[stepId]!, state: "skipped", completedOn: on, completedBy: actorId, skipReason: reason };
  return transition(withStep(state, stepId, record), { type: "stepSkipped", on, actorId, stepId, data: { reason } });
}

export function reassignCase(state: CaseState, options: ReassignCaseOptions): Transition {
  const { teacherId, actorId, today } = options;
  assertOpen(state);
  assertDates(today);
  if (teacherId === state.teacherId) throw new CaseError("sameTeacher", `case ${state.id} is already ${teacherId}'s`);
  return transition(
    { ...state, teacherId },
    { type: "caseReassigned", on: today, actorId, data: { fromTeacherId: state.teacherId, toTeacherId: teacherId } },
  );
}

export function closeCase(regulation: Regulation, state: CaseState, options: CloseCaseOptions): Transition {
  assertOpen(state);
  assertOnWithinCase(state, options.on, options.today);
  const reason = requireReason(options.reason);
  const gaps = withGapReason(regulation, state, options.gapReason);
  return close(transition(gaps.state), {
    reason,
    note: cleanText(options.note),
    actorId: options.actorId,
    on: options.on,
    data: gaps.data,
  });
}

export function reopenCase(state: CaseState, options: ReopenCaseOptions): Transition {
  const { actorId, today } = options;
  if (state.status !== "closed") throw new CaseError("caseNotClosed", `case ${state.id} is open`);
  assertDates(today);
  const { closedOn: _closedOn, closeReason, closeNote: _closeNote, ...rest } = state;
  return transition({ ...rest, status: "open" }, { type: "caseReopened", on: today, actorId, data: { closeReason: closeReason ?? null } });
}

// ---- effects of answers

interface EffectContext {
  stepId: string;
  actorId: string;
  on: LocalDate;
}

function applyEffect(t: Transition, effect: AnswerEffect, ctx: EffectContext): Transition {
  switch (effect.kind) {
    case "record":
      return t;
    case "flag":
      return addFlag(t, effect.flag, ctx);
    case "openLinkedCase":
      return requestLinkedCase(t, effect.regulation, ctx);
    case "closeCase":
      return t.state.status === "closed" ? t : close(t, { reason: effect.reason, actorId: ctx.actorId, on: ctx.on });
  }
}

function addFlag(t: Transition, flag: string, { stepId, actorId, on }: EffectContext): Transition {
  if (t.state.flags.includes(flag)) return t;
  return {
    ...t,
    state: { ...t.state, flags: [...t.state.flags, flag] },
    events: [...t.events, { type: "caseFlagged", on, actorId, stepId, data: { flag } }],
  };
}

function requestLinkedCase(t: Transition, regulationId: string, { stepId, actorId, on }: EffectContext): Transition {
  return {
    ...t,
    events: [...t.events, { type: "linkedCaseRequested", on, actorId, stepId, data: { regulationId } }],
    notifications: [
      ...t.notifications,
      { kind: "linkedCaseRequested", recipients: ["upbringingDeputy"], stepId, linkedRegulationId: regulationId },
    ],
  };
}

function close(
  t: Transition,
  options: { reason: string; note?: string | undefined; actorId: string; on: LocalDate; data?: EventData },
): Transition {
  const { reason, note, actorId, on } = options;
  const state: CaseState = { ...t.state, status: "closed", closedOn: on, closeReason: reason, ...defined({ closeNote: note }) };
  const recipients: Recipient[] = actorId === state.teacherId ? ["upbringingDeputy"] : ["upbringingDeputy", "teacher"];
  return {
    state,
    events: [...t.events, { type: "caseClosed", on, actorId, data: { reason, ...defined({ note }), ...options.data } }],
    notifications: [...t.notifications, { kind: "caseClosed", recipients }],
  };
}

function notifyDone(t: Transition, step: RegulationStep): Transition {
  if (step.notify.onDone.length === 0) return t;
  return { ...t, notifications: [...t.notifications, { kind: "stepDone", recipients: [...step.notify.onDone], stepId: step.id }] };
}

// ---- checks

/** The step, when the case is open and the step is neither done nor skipped. */
function openStep(regulation: Regulation, state: CaseState, stepId: string): RegulationStep {
  assertOpen(state);
  if (regulation.id !== state.regulationId) {
    throw new CaseError("wrongRegulation", `case ${state.id} follows ${state.regulationId}, not ${regulation.id}`);
  }
  const step = regulation.steps.find((s) => s.id === stepId);
  if (!step) throw new CaseError("unknownStep", `no step ${stepId} in ${regulation.id} v${regulation.version}`);
  const record = state.steps[stepId];
  if (record && record.state !== "open") throw new CaseError("stepAlreadyResolved", `step ${stepId} is ${record.state}`);
  return step;
}

function assertOpen(state: CaseState): void {
  if (state.status === "closed") throw new CaseError("caseClosed", `case ${state.id} is closed`);
}

function assertDates(...dates: LocalDate[]): void {
  for (const date of dates) if (!isLocalDate(date)) throw new CaseError("invalidDate", `not a date: ${date}`);
}

function assertOnWithinCase(state: CaseState, on: LocalDate, today: LocalDate): void {
  assertDates(on, today);
  if (on < state.openedOn) throw new CaseError("dateBeforeOpening", `${on} is before the case opened on ${state.openedOn}`);
  if (on > today) throw new CaseError("dateInFuture", `${on} is after today ${today}`);
}

function assertForm(step: RegulationStep, form: Form | undefined): void {
  if (form !== undefined && !step.forms.includes(form)) {
    throw new CaseError("formNotAllowed", `form ${form} is not offered for step ${step.id}`);
  }
}

function chosenAnswer(step: RegulationStep, answerId: string | undefined): StepAnswer | undefined {
  if (!step.question) {
    if (answerId !== undefined) throw new CaseError("noQuestion", `step ${step.id} asks no question`);
    return undefined;
  }
  if (answerId === undefined) throw new CaseError("answerRequired", `step ${step.id} needs an answer`);
  const answer = step.question.answers.find((a) => a.id === answerId);
  if (!answer) throw new CaseError("answerNotOffered", `answer ${answerId} is not offered for step ${step.id}`);
  return answer;
}

function requireReason(reason: string): string {
  const clean = cleanText(reason);
  if (!clean) throw new CaseError("reasonRequired", "a reason is required");
  return clean;
}

// ---- helpers

function isRecurring(step: RegulationStep): boolean {
  return step.timing.kind === "recurring";
}

function withStep(state: CaseState, stepId: string, record: StepRecord): CaseState {
  return { ...state, steps: { ...state.steps, [stepId]: record } };
}

function transition(state: CaseState, ...events: CaseEvent[]): Transition {
  return { state, events, notifications: [] };
}

function cleanText(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function withData(data: EventData): { data?: EventData } {
  return Object.keys(data).length > 0 ? { data } : {};
}

/** Drops undefined values, so optional fields are absent rather than `undefined` in stored JSON. */
function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
