import { isLocalDate, type LocalDate } from "../dates.js";
import type { AnswerEffect, Form, Recipient, Regulation, RegulationStep, StepAnswer } from "../regulation/schema.js";
import { CaseError } from "./case-error.js";
import { withGapReason } from "./weekly-gaps.js";
import type { CaseEvent, CaseNotification, CaseState, StepMark, StepRecord, Transition } from "./case-state.js";

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
 * - An answer that awaits others («статуса ещё нет» with `awaitsOthers`) is also dated in the
 *   record's `awaitingOn`, which moves the step's deadline (derive-steps) and can be undone.
 * - Undoing takes back the step's last mark only (its completion or skip, its latest occurrence,
 *   or its latest "still waiting" answer) and logs markCorrected with what it was; earlier events
 *   stay. A completion or skip that a later step counts from cannot be undone while that step is
 *   marked. A flag set by the undone answer is withdrawn unless another answer still sets it.
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

export interface UndoLastMarkOptions {
  stepId: string;
  actorId: string;
  today: LocalDate;
}

export interface CorrectMarkOptions extends UndoLastMarkOptions {
  /** The mark that replaces the undone one: completed (or, for a recurring step, an occurrence) on `on`. */
  mark: { on: LocalDate; form?: Form; note?: string; answer?: string };
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
    const current = state.steps[stepId]!;
    const waiting = answer.awaitsOthers ? dated(current.awaitingOn ?? [], on) : undefined;
    next = transition(waiting ? withStep(state, stepId, { ...current, awaitingOn: waiting }) : state, {
      type: "stepAnswered",
      on,
      actorId,
      stepId,
      data: details,
    });
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

/** The step's last mark, the one undoLastMark takes back; undefined when nothing is recorded. */
export function lastMarkOf(regulation: Regulation, state: CaseState, stepId: string): StepMark | undefined {
  const record = state.steps[stepId];
  const step = regulation.steps.find((s) => s.id === stepId);
  if (!record || !step) return undefined;
  // Done by the opening itself (the notice arrived): a fact of the case, not a mark to take back.
  if (record.state === "done" && step.doneOnOpening) return undefined;
  if (record.state === "done") {
    return {
      kind: "completion",
      on: record.completedOn ?? state.openedOn,
      ...defined({ answer: record.answer, form: record.form, note: record.note }),
    };
  }
  if (record.state === "skipped")
    return { kind: "skip", on: record.completedOn ?? state.openedOn, ...defined({ reason: record.skipReason }) };
  const lastOccurrence = record.occurrences.at(-1);
  if (isRecurring(step) && lastOccurrence) return { kind: "occurrence", on: lastOccurrence };
  const lastWaiting = record.awaitingOn?.at(-1);
  if (lastWaiting) return { kind: "awaiting", on: lastWaiting, ...defined({ answer: awaitingAnswerOf(step)?.id }) };
  return undefined;
}

/**
 * A later step that counts from this one and is already marked, so this step's completion or
 * skip cannot be undone before that step's mark is.
 */
export function undoBlockedBy(regulation: Regulation, state: CaseState, stepId: string): RegulationStep | undefined {
  const mark = lastMarkOf(regulation, state, stepId);
  if (mark?.kind !== "completion" && mark?.kind !== "skip") return undefined;
  return regulation.steps.find((s) => {
    if (!("anchor" in s.timing) || s.timing.anchor.kind !== "stepCompleted" || s.timing.anchor.step !== stepId) return false;
    const record = state.steps[s.id];
    return record !== undefined && (record.state !== "open" || record.occurrences.length > 0 || (record.awaitingOn?.length ?? 0) > 0);
  });
}

export function undoLastMark(regulation: Regulation, state: CaseState, options: UndoLastMarkOptions): Transition {
  const { stepId, actorId, today } = options;
  const step = knownStep(regulation, state, stepId);
  assertDates(today);
  const mark = lastMarkOf(regulation, state, stepId);
  if (!mark) throw new CaseError("nothingToUndo", `step ${stepId} has no mark to undo`);
  const blocker = undoBlockedBy(regulation, state, stepId);
  if (blocker) throw new CaseError("laterStepMarked", `step ${blocker.id} counts from step ${stepId} and is marked`);

  const record = state.steps[stepId]!;
  let next: StepRecord;
  switch (mark.kind) {
    case "completion":
    case "skip": {
      const { completedOn: _on, completedBy: _by, form: _form, note: _note, answer: _answer, skipReason: _reason, ...rest } = record;
      next = { ...rest, state: "open" };
      break;
    }
    case "occurrence":
      next = { ...record, occurrences: withoutLast(record.occurrences, mark.on) };
      break;
    case "awaiting": {
      const awaitingOn = withoutLast(record.awaitingOn ?? [], mark.on);
      const { awaitingOn: _awaiting, ...rest } = record;
      next = awaitingOn.length > 0 ? { ...rest, awaitingOn } : rest;
      break;
    }
  }
  let corrected = withStep(state, stepId, next);
  const withdrawn = mark.kind === "completion" ? withdrawnFlags(regulation, corrected, step, mark.answer) : [];
  if (withdrawn.length > 0) corrected = { ...corrected, flags: corrected.flags.filter((f) => !withdrawn.includes(f)) };

  const data: EventData = { undone: mark.kind, on: mark.on, ...markDetails(mark) };
  if (withdrawn.length > 0) data.flagsWithdrawn = withdrawn.join(",");
  const result = transition(corrected, { type: "markCorrected", on: today, actorId, stepId, data });
  // The deputy heard of a completion or a contact (notify.onDone), so they hear it is taken back.
  const told = (mark.kind === "completion" || mark.kind === "occurrence") && step.notify.onDone.length > 0;
  return told
    ? { ...result, notifications: [{ kind: "markCorrected", recipients: [...step.notify.onDone], stepId, undone: mark }] }
    : result;
}

/**
 * Undo the step's last mark and mark it again in one change: the correction's notice names both
 * marks, instead of a correction followed by a separate «выполнено».
 */
export function correctMark(regulation: Regulation, state: CaseState, options: CorrectMarkOptions): Transition {
  const { stepId, actorId, today, mark } = options;
  const undone = undoLastMark(regulation, state, { stepId, actorId, today });
  const step = knownStep(regulation, state, stepId);
  const again = isRecurring(step)
    ? recordOccurrence(regulation, undone.state, { stepId, actorId, today, on: mark.on, form: mark.form, note: mark.note })
    : completeStep(regulation, undone.state, { stepId, actorId, today, ...mark });
  const redone = lastMarkOf(regulation, again.state, stepId);
  const told = undone.notifications.find((n) => n.kind === "markCorrected");
  const rest = again.notifications.filter((n) => !(told && n.kind === "stepDone" && n.stepId === stepId));
  const notifications: CaseNotification[] = told ? [{ ...told, ...(redone ? { redone } : {}) }, ...rest] : rest;
  return { state: again.state, events: [...undone.events, ...again.events], notifications };
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

// ---- corrections

function awaitingAnswerOf(step: RegulationStep): StepAnswer | undefined {
  return step.question?.answers.find((a) => a.awaitsOthers);
}

/** Flags the undone answer set that no other recorded answer of the case still sets. */
function withdrawnFlags(regulation: Regulation, state: CaseState, step: RegulationStep, answerId: string | undefined): string[] {
  const flagsOf = (s: RegulationStep, id: string | undefined): string[] =>
    (s.question?.answers.find((a) => a.id === id)?.effects ?? []).flatMap((e) => (e.kind === "flag" ? [e.flag] : []));
  const set = flagsOf(step, answerId);
  if (set.length === 0) return [];
  const stillSet = new Set(
    regulation.steps.flatMap((s) => (state.steps[s.id]?.state === "done" ? flagsOf(s, state.steps[s.id]!.answer) : [])),
  );
  return set.filter((flag) => state.flags.includes(flag) && !stillSet.has(flag));
}

function markDetails(mark: StepMark): EventData {
  switch (mark.kind) {
    case "completion":
      return defined({ answer: mark.answer, form: mark.form, note: mark.note });
    case "skip":
      return defined({ reason: mark.reason });
    case "occurrence":
      return {};
    case "awaiting":
      return defined({ answer: mark.answer });
  }
}

/** The list without one copy of `date` (the latest, as lists are kept sorted). */
function withoutLast(dates: readonly LocalDate[], date: LocalDate): LocalDate[] {
  const index = dates.lastIndexOf(date);
  return index === -1 ? [...dates] : [...dates.slice(0, index), ...dates.slice(index + 1)];
}

/** A sorted list of dates with `date` added once. */
function dated(dates: readonly LocalDate[], date: LocalDate): LocalDate[] {
  return dates.includes(date) ? [...dates] : [...dates, date].sort();
}

// ---- checks

/** The step, when the case is open and the step is neither done nor skipped. */
function openStep(regulation: Regulation, state: CaseState, stepId: string): RegulationStep {
  const step = knownStep(regulation, state, stepId);
  const record = state.steps[stepId];
  if (record && record.state !== "open") throw new CaseError("stepAlreadyResolved", `step ${stepId} is ${record.state}`);
  return step;
}

/** The step of an open case. */
function knownStep(regulation: Regulation, state: CaseState, stepId: string): RegulationStep {
  assertOpen(state);
  if (regulation.id !== state.regulationId) {
    throw new CaseError("wrongRegulation", `case ${state.id} follows ${state.regulationId}, not ${regulation.id}`);
  }
  const step = regulation.steps.find((s) => s.id === stepId);
  if (!step) throw new CaseError("unknownStep", `no step ${stepId} in ${regulation.id} v${regulation.version}`);
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
