import { addDays, type LocalDate } from "../dates.js";
import type { SchoolDays } from "../calendar/types.js";
import type { CaseState, StepView } from "../case/index.js";
import type { Regulation, RegulationStep } from "../regulation/schema.js";
import {
  deliveryTime,
  digestHoursFor,
  hoursFor,
  isOpen,
  type HourWindow,
  type PersonalHours,
  type SchoolHours,
} from "./delivery-window.js";
import { instantAt, localClock, type LocalClock } from "./local-time.js";
import {
  notificationKey,
  type DigestKind,
  type NoticePayload,
  type NotificationKind,
  type PlannedNotification,
  type StepPayload,
  type SubjectLabel,
} from "./notification.js";
import { subjectLabel } from "./subject-label.js";

/*
 * What is due, as outbox rows, for one school at one instant. Pure: the caller derives the step
 * views and loads the people; this decides who hears what and when.
 *
 * Choices:
 * - Teacher items are planned only while the teacher's digest hours are open on a school day, so
 *   each one says what is true today; at night and on days off nothing is planned for them and
 *   the first run of the next school day's hours says it.
 * - No silent deadline: a dated step is named on the school day before it is due ("dueSoon", the
 *   next school day per the calendar, so Friday names Monday's), on the day, and after. An annual
 *   step with `announceSchoolDays` is also announced once that many school days ahead ("announced",
 *   keyed by the first day of the announcement, so a muted teacher hears it when the mute ends).
 * - Escalations are planned at any hour and wait for the recipient's hours. Their key's date is
 *   the day the escalation became due, so each lateness of a step is escalated once; a step that
 *   falls late again (a recurring duty's next period) is a new lateness.
 * - Mute (vacation) and snooze silence the teacher's own items only, never the escalations.
 * - Rows older than STALE_DAYS are not planned any more, so purging old sent rows can never make
 *   an escalation go out twice.
 * - A step that awaits others (an `awaitsOthers` answer, e.g. «статуса ещё нет», moved its
 *   deadline: derive-steps) is not the teacher's lateness: on the day of the answer the teacher
 *   hears nothing more of it, the next school day the digest asks the question again, and the
 *   deputy is told once, keyed by the regulation's own deadline, that the answer has not come.
 */

export interface PlanRecipient extends PersonalHours {
  userId: number;
  fullName: string;
  reachable: boolean;
  /** Vacation mute, local dates inclusive; either end may be open. */
  mutedFrom: LocalDate | null;
  mutedUntil: LocalDate | null;
}

export interface SchoolPlanSettings {
  schoolId: number;
  timeZone: string;
  calendar: SchoolDays;
  hours: SchoolHours;
  hideNamesInPush: boolean;
  /** The deputy for upbringing, else any deputy of the school (for a case that names none). */
  deputy?: PlanRecipient;
  directors: readonly PlanRecipient[];
  /**
   * The school's choice: routine lateness goes on to the director `directorAfterDays` after the
   * deputy. Off (the default), it stays with the deputy; emergencies go to the director regardless.
   */
  escalateToDirector?: boolean;
}

export interface PlanOptions {
  /** A step later than this many school days goes to the deputy (default 1). */
  graceDays: number;
  /** Still late this many school days after that, it goes to the director where the school turned that on (default 3). */
  directorAfterDays: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { graceDays: 1, directorAfterDays: 3 };

/** Escalations and emergencies older than this are not planned again (see the purge). */
export const STALE_DAYS = 30;
/** An emergency case is announced within this many days of its opening. */
const EMERGENCY_DAYS = 3;

export interface CaseToPlan {
  caseId: number;
  state: CaseState;
  /** The version the case was opened under. */
  regulation: Regulation;
  /** deriveSteps(regulation, state, today) in the definition's order. */
  views: readonly StepView[];
  teacher: PlanRecipient;
  /** The case's deputy in charge (the school's deputy when not given). */
  deputy?: PlanRecipient;
  studentName?: string;
  classLabel?: string;
  /** Step id → the date its reminders resume for the teacher. */
  snoozedUntil?: ReadonlyMap<string, LocalDate>;
}

export interface SchoolPlanner {
  clock: LocalClock;
  plan(item: CaseToPlan): PlannedNotification[];
}

export function isMuted(person: Pick<PlanRecipient, "mutedFrom" | "mutedUntil">, date: LocalDate): boolean {
  if (!person.mutedFrom && !person.mutedUntil) return false;
  return (!person.mutedFrom || person.mutedFrom <= date) && (!person.mutedUntil || date <= person.mutedUntil);
}

/** The digest item a step's view calls for today, if any. */
export function digestKindOf(view: StepView, today: LocalDate, nextSchoolDay: LocalDate): DigestKind | undefined {
  switch (view.status) {
    case "overdue":
      return "overdue";
    case "dueToday":
      return "dueToday";
    case "dueSoon":
      if (view.dueOn && view.dueOn <= nextSchoolDay) return "dueSoon";
      if (view.windowStartsOn === today) return "windowOpens";
      return view.announcedOn !== undefined && view.announcedOn <= today ? "announced" : undefined;
    default:
      return undefined;
  }
}

/** A planner for one school at `now`; build one per school per run (it memoises per run). */
export function createSchoolPlanner(school: SchoolPlanSettings, now: Date, options: PlanOptions = DEFAULT_PLAN_OPTIONS): SchoolPlanner {
  const { calendar, timeZone, hours } = school;
  const clock = localClock(now, timeZone);
  const today = clock.date;
  const nextSchoolDay = calendar.addSchoolDays(today, 1);
  const memo = new Map<string, unknown>();
  const remember = <T>(key: string, make: () => T): T => {
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  };

  /** Open digest hours of a person right now, and when today's end of them is. */
  const digestOpen = (person: PersonalHours): { open: boolean; expiresAt: string } => {
    const window = digestHoursFor(hours, person);
    return remember(`d${window.start}-${window.end}`, () => ({
      open: isOpen(clock, calendar, window),
      expiresAt: instantAt(today, window.end, timeZone).toISOString(),
    }));
  };
  const sendAt = (person: PersonalHours): Date => {
    const window: HourWindow = hoursFor(hours, person);
    return remember(`s${window.start}-${window.end}`, () => deliveryTime({ now, clock, timeZone, calendar, window }));
  };

  const staleFrom = addDays(today, -STALE_DAYS);
  const emergencyFrom = addDays(today, -EMERGENCY_DAYS);
  const run: PlannerRun = { school, options, now, today, nextSchoolDay, staleFrom, emergencyFrom, digestOpen, sendAt };
  return { clock, plan: (item) => planCase(run, item) };
}

interface PlannerRun {
  school: SchoolPlanSettings;
  options: PlanOptions;
  now: Date;
  today: LocalDate;
  nextSchoolDay: LocalDate;
  staleFrom: LocalDate;
  emergencyFrom: LocalDate;
  digestOpen(person: PersonalHours): { open: boolean; expiresAt: string };
  sendAt(person: PersonalHours): Date;
}

/** What planning one case needs at hand; one object per case instead of a closure per step. */
interface CaseContext {
  run: PlannerRun;
  item: CaseToPlan;
  out: PlannedNotification[];
  digest: { open: boolean; expiresAt: string } | undefined;
  subject: SubjectLabel | undefined;
}

const ATTENTION_STATUSES: ReadonlySet<string> = new Set(["overdue", "dueToday", "dueSoon"]);

function calls(step: RegulationStep | undefined, view: StepView): step is RegulationStep {
  if (!step) return false;
  return ATTENTION_STATUSES.has(view.status) || (step.urgent && view.status !== "done" && view.status !== "skipped");
}

function stepOf(steps: Regulation["steps"], index: number, view: StepView): RegulationStep | undefined {
  return steps[index]?.id === view.stepId ? steps[index] : steps.find((s) => s.id === view.stepId);
}

/** Whether any step of the case may call for a row today: most cases are skipped before any more work. */
export function mayNeedPlanning(regulation: Regulation, views: readonly StepView[]): boolean {
  for (let i = 0; i < views.length; i++) if (calls(stepOf(regulation.steps, i, views[i]!), views[i]!)) return true;
  return false;
}

/** Stored for a case with nothing dated: only a change of the case can bring it to the planner again. */
export const NO_ATTENTION = "9999-12-31";

/**
 * The first local date on which `calls` may hold for a step of the open case, as its state and the
 * school's calendar stand: what lets the planner read only the cases with something due. It does
 * not depend on the day it is computed: a step calls from the first day it is «due soon» (its
 * window, its announcement, or the last school day before its date) and goes on calling until it
 * is marked; an urgent step calls from the opening. `views` are deriveSteps' for any day.
 */
export function attentionFrom(regulation: Regulation, views: readonly StepView[], calendar: SchoolDays, openedOn: LocalDate): LocalDate {
  let first: LocalDate = NO_ATTENTION;
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    const step = stepOf(regulation.steps, i, view);
    if (!step || view.status === "done" || view.status === "skipped") continue;
    if (step.urgent) return openedOn < first ? openedOn : first;
    if (view.dueOn === undefined) continue;
    let from = lastSchoolDayBefore(calendar, view.dueOn);
    if (view.windowStartsOn !== undefined && view.windowStartsOn < from) from = view.windowStartsOn;
    if (view.announcedOn !== undefined && view.announcedOn < from) from = view.announcedOn;
    if (from < first) first = from;
  }
  return first;
}

/** The last school day before `date` (from it on, `date` is «due soon»); a year back at most. */
function lastSchoolDayBefore(calendar: SchoolDays, date: LocalDate): LocalDate {
  let day = addDays(date, -1);
  for (let steps = 0; steps < 366 && !calendar.isSchoolDay(day); steps++) day = addDays(day, -1);
  return day;
}

// Runs for every open case on every sweep: no closures, nothing built before it is needed.
function planCase(run: PlannerRun, item: CaseToPlan): PlannedNotification[] {
  if (item.state.status !== "open") return [];
  const { today, school } = run;
  const { teacher } = item;
  const ctx: CaseContext = {
    run,
    item,
    out: [],
    digest: teacher.reachable && !isMuted(teacher, today) ? run.digestOpen(teacher) : undefined,
    subject: undefined,
  };
  const steps = item.regulation.steps;
  for (let i = 0; i < item.views.length; i++) {
    const view = item.views[i]!;
    const step = stepOf(steps, i, view);
    if (!calls(step, view)) continue;
    const urgent = step.urgent && view.status !== "done" && view.status !== "skipped";

    if (urgent && item.state.openedOn >= run.emergencyFrom) {
      for (const person of others(ctx, school.directors.length > 0 ? school.directors : [item.deputy ?? school.deputy])) {
        push(
          ctx,
          person.userId,
          step,
          "emergency",
          item.state.openedOn,
          payloadOf(ctx, step, view, item.state.openedOn, { teacherName: teacher.fullName }),
          run.now,
          true,
        );
      }
    }

    // Answered today that the step awaits others: nothing more to ask the teacher today.
    if (step.actor === "teacher" && ctx.digest?.open && view.awaitingOthersOn !== today) {
      const snoozed = item.snoozedUntil?.get(step.id);
      const kind = snoozed !== undefined && today < snoozed ? undefined : digestKindOf(view, today, run.nextSchoolDay);
      if (kind) teacherItem(ctx, step, view, kind, kind === "announced" ? view.announcedOn! : today);
    }

    if (view.postponedFrom && step.notify.onLate.length > 0) stillAwaited(ctx, step, view, view.postponedFrom);

    if (view.status === "overdue" && view.dueOn && step.notify.onLate.length > 0) escalate(ctx, step, view, view.dueOn);
  }
  return ctx.out;
}

function escalate(ctx: CaseContext, step: RegulationStep, view: StepView, dueOn: LocalDate): void {
  const { run, item } = ctx;
  const { calendar } = run.school;
  const toDeputyOn = calendar.addSchoolDays(dueOn, run.options.graceDays + 1);
  if (run.today < toDeputyOn || toDeputyOn < run.staleFrom) return;
  const late = { teacherName: item.teacher.fullName, lateSchoolDays: calendar.schoolDaysBetween(dueOn, run.today) };
  const deputies = others(ctx, [item.deputy ?? run.school.deputy]);
  for (const deputy of deputies) {
    push(ctx, deputy.userId, step, "escalationDeputy", toDeputyOn, payloadOf(ctx, step, view, toDeputyOn, late), run.sendAt(deputy));
  }
  if (deputies.length > 0) teacherItem(ctx, step, view, "toldDeputy", toDeputyOn);

  if (!run.school.escalateToDirector) return;
  const toDirectorOn = calendar.addSchoolDays(toDeputyOn, run.options.directorAfterDays);
  if (run.today < toDirectorOn || toDirectorOn < run.staleFrom) return;
  const directors = others(ctx, run.school.directors);
  for (const director of directors) {
    push(
      ctx,
      director.userId,
      step,
      "escalationDirector",
      toDirectorOn,
      payloadOf(ctx, step, view, toDirectorOn, late),
      run.sendAt(director),
    );
  }
  if (directors.length > 0) teacherItem(ctx, step, view, "toldDirector", toDirectorOn);
}

/**
 * The deputy hears once (the key's date is the regulation's deadline) that the step still waits
 * on others after its deadline: the student, the regulation, the teacher's answer, the notice
 * date and the school days since.
 */
function stillAwaited(ctx: CaseContext, step: RegulationStep, view: StepView, deadline: LocalDate): void {
  const { run, item } = ctx;
  if (deadline < run.staleFrom) return;
  const deputies = others(ctx, [run.school.deputy]);
  if (deputies.length === 0) return;
  const subject = subjectOf(ctx);
  const answer = step.question?.answers.find((a) => a.awaitsOthers);
  const openedOn = item.state.openedOn;
  const payload: NoticePayload = {
    lines: [
      {
        key: "awaiting.title",
        params: {
          subject: [subject.name, subject.classLabel].filter(Boolean).join(", "),
          number: step.number,
          title: step.title ?? step.text,
        },
      },
      ...(answer && view.awaitingOthersOn
        ? [{ key: "awaiting.answer", params: { answer: answer.label, date: { date: view.awaitingOthersOn } } }]
        : []),
      { key: "awaiting.deadline", params: { date: { date: deadline } } },
      { key: "outcome.regulation", params: { name: item.regulation.shortTitle ?? item.regulation.title } },
      {
        key: "awaiting.since",
        params: {
          date: { date: openedOn },
          days: { t: "common.schoolDays", params: { count: run.school.calendar.schoolDaysBetween(openedOn, run.today) } },
        },
      },
      ...(item.teacher.fullName ? [{ key: "outcome.teacher", params: { name: item.teacher.fullName } }] : []),
      { key: "awaiting.noEscalation" },
    ],
  };
  for (const deputy of deputies) push(ctx, deputy.userId, step, "notice", deadline, payload, run.sendAt(deputy));
}

function subjectOf(ctx: CaseContext): SubjectLabel {
  const { item } = ctx;
  ctx.subject ??= subjectLabel(item.studentName, item.classLabel ?? item.state.classLabel, ctx.run.school.hideNamesInPush);
  return ctx.subject;
}

function teacherItem(ctx: CaseContext, step: RegulationStep, view: StepView, kind: DigestKind, date: LocalDate): void {
  if (!ctx.digest?.open) return;
  push(ctx, ctx.item.teacher.userId, step, kind, date, payloadOf(ctx, step, view, date, { expiresAt: ctx.digest.expiresAt }), ctx.run.now);
}

function others(ctx: CaseContext, people: readonly (PlanRecipient | undefined)[]): PlanRecipient[] {
  return people.filter((p): p is PlanRecipient => p !== undefined && p.reachable && p.userId !== ctx.item.teacher.userId);
}

function push(
  ctx: CaseContext,
  userId: number,
  step: RegulationStep,
  kind: NotificationKind,
  date: LocalDate,
  payload: StepPayload | NoticePayload,
  notBefore: Date,
  urgent = false,
): void {
  ctx.out.push({
    key: notificationKey(userId, ctx.item.caseId, step.id, kind, date),
    schoolId: ctx.run.school.schoolId,
    userId,
    caseId: ctx.item.caseId,
    kind,
    urgent,
    notBefore,
    payload,
  });
}

function payloadOf(ctx: CaseContext, step: RegulationStep, view: StepView, date: LocalDate, extra: Partial<StepPayload>): StepPayload {
  const { item } = ctx;
  const payload: StepPayload = {
    caseId: item.caseId,
    regulationId: item.regulation.id,
    regulationVersion: item.regulation.version,
    stepId: step.id,
    stepNumber: step.number,
    subject: subjectOf(ctx),
    date,
    ...extra,
  };
  if (view.dueOn) payload.dueOn = view.dueOn;
  if (view.windowStartsOn) payload.windowStartsOn = view.windowStartsOn;
  if (step.timing.kind === "recurring") payload.recurring = true;
  if (view.postponedFrom) payload.askAgain = true;
  if (view.announcedOn && view.dueOn) payload.schoolDaysLeft = ctx.run.school.calendar.schoolDaysBetween(ctx.run.today, view.dueOn);
  return payload;
}
