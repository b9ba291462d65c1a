import type { CaseEvent, CaseNotification, CaseState, StepMark } from "../../domain/case/index.js";
import { formatRussianDate, type LocalDate } from "../../domain/dates.js";
import { subjectLabel } from "../../domain/people/names.js";
import { directorOf } from "../../domain/people/roles.js";
import type { NoticeLine, NoticeParam, NoticePayload, PlannedNotification } from "../../domain/reminders/notification.js";
import type { Recipient, Regulation, RegulationStep } from "../../domain/regulation/schema.js";
import { createDeputyRepository, type StaffContact } from "../../repositories/deputy-repository.js";
import { createPlanRepository, type PlanMeasureRecord } from "../../repositories/plan-repository.js";
import { createSchoolRepository } from "../../repositories/school-repository.js";
import type { Actor } from "../actor.js";
import { noticeRow } from "../notices/notice-row.js";
import { REMINDER_DATA } from "../reminders/compose-message.js";
import { planStepOf } from "../plans/plan-steps.js";
import type { CaseServiceDeps, LoadedCase } from "./case-service.js";
import { deputyOfCase } from "./case-deputy.js";

/*
 * What the regulation says to tell when a step is done or a case is closed (`notify.onDone`),
 * as outbox notices written in the same transaction as the change. Each names what a deputy
 * needs at a glance: the student and class, the regulation's short name, the step, the answer
 * or form, the date, and the teacher.
 */

const NOTE_MAX = 300;
const PLAN_ITEMS_SHOWN = 10;

/** Notices waiting for the change's revision, which makes their keys. */
export type OutcomeDraft = (revision: number) => PlannedNotification[];

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(" ");
  return `${space > max / 2 ? head.slice(0, space) : head}…`;
}

function stepTitle(step: RegulationStep): { ru: string; en: string } {
  return step.title ?? { ru: cut(step.text.ru, 60), en: cut(step.text.en, 60) };
}

function regulationName(regulation: Regulation): { ru: string; en: string } {
  return regulation.shortTitle ?? regulation.title;
}

/** "The deputy" (either word in a regulation) is the case's deputy in charge. */
function recipientsOf(
  roles: readonly Recipient[],
  staff: readonly StaffContact[],
  teacherMemberId: number,
  deputy: StaffContact | undefined,
): StaffContact[] {
  const found: StaffContact[] = [];
  for (const role of roles) {
    const person =
      role === "upbringingDeputy" || role === "deputy"
        ? deputy
        : role === "director"
          ? directorOf(staff)
          : role === "teacher"
            ? staff.find((m) => m.memberId === teacherMemberId)
            : undefined;
    if (person && !found.some((f) => f.userId === person.userId)) found.push(person);
  }
  return found;
}

function planLines(measures: readonly PlanMeasureRecord[]): NoticeLine[] {
  if (measures.length === 0) return [{ key: "outcome.planEmpty" }];
  const lines: NoticeLine[] = [{ key: "outcome.planTitle", params: { count: measures.length } }];
  measures.slice(0, PLAN_ITEMS_SHOWN).forEach((m, i) => {
    lines.push({
      key: m.dueOn ? "outcome.planItemDue" : "outcome.planItem",
      params: { n: i + 1, what: cut(m.what, 120), who: cut(m.who, 60), ...(m.dueOn ? { due: formatRussianDate(m.dueOn) } : {}) },
    });
  });
  if (measures.length > PLAN_ITEMS_SHOWN) lines.push({ key: "outcome.planMore", params: { count: measures.length - PLAN_ITEMS_SHOWN } });
  return lines;
}

interface Facts {
  subject: string;
  regulation: Regulation;
  teacher: string;
  actor: Actor;
  state: CaseState;
}

/**
 * The regulation, why the case was opened and when, and who runs it: «Основание: более 10
 * учебных дней без уважительной причины (критерий №22), уведомление от 05.11.2025», «Пропущено
 * 12 учебных дней подряд, с 20.10.2025».
 */
function common(facts: Facts): NoticeLine[] {
  const { regulation, state } = facts;
  const opened = formatRussianDate(state.openedOn);
  const reason = regulation.opening.reason;
  const notice = regulation.opening.date === "notice";
  const why: NoticeLine[] = reason ? [{ key: notice ? "outcome.triggerNotice" : "outcome.trigger", params: { reason, date: opened } }] : [];
  if (state.firstAbsenceOn) {
    const since = formatRussianDate(state.firstAbsenceOn);
    why.push(
      state.daysMissed !== undefined
        ? { key: "outcome.missed", params: { count: state.daysMissed, date: since } }
        : { key: "outcome.missedSince", params: { date: since } },
    );
  }
  return [
    { key: "outcome.regulation", params: { name: regulationName(regulation) } },
    ...why,
    // With a notice, its date above is the opening date.
    ...(reason && notice ? [] : [{ key: "outcome.opened", params: { date: opened } }]),
    { key: "outcome.teacher", params: { name: facts.teacher } },
    ...(facts.actor.fullName !== facts.teacher ? [{ key: "outcome.markedBy", params: { name: facts.actor.fullName } }] : []),
  ];
}

function stepDoneNotice(
  facts: Facts,
  state: CaseState,
  step: RegulationStep,
  plan: readonly PlanMeasureRecord[] | undefined,
): { payload: Omit<NoticePayload, "buttons">; urgent: boolean } {
  const record = state.steps[step.id];
  const answer = record?.answer ? step.question?.answers.find((a) => a.id === record.answer) : undefined;
  const on = record?.state === "done" ? (record.completedOn ?? state.openedOn) : (record?.occurrences.at(-1) ?? state.openedOn);
  const urgent = answer?.urgent ?? false;
  const lines: NoticeLine[] = [
    {
      // A weekly step is not done once and for all: each contact or check is recorded.
      key: urgent ? "outcome.stepDoneUrgent" : step.timing.kind === "recurring" ? "outcome.occurrence" : "outcome.stepDone",
      params: { subject: facts.subject, number: step.number, title: stepTitle(step) },
    },
    ...(answer ? [{ key: "outcome.answer", params: { answer: answer.label } }] : []),
    ...(record?.form ? [{ key: "outcome.form", params: { form: { t: `forms.${record.form}` } } }] : []),
    { key: "outcome.date", params: { date: formatRussianDate(on) } },
    ...(record?.note ? [{ key: "outcome.note", params: { note: cut(record.note, NOTE_MAX) } }] : []),
    ...common(facts),
    ...(plan ? planLines(plan) : []),
  ];
  return { payload: { lines }, urgent };
}

/** «Без единой отметки: шаг 6 «Контроль ИПР», …» and why, when the case was closed over weekly steps never recorded. */
function gapLines(regulation: Regulation, events: readonly CaseEvent[]): NoticeLine[] {
  const data = events.find((e) => e.type === "caseClosed")?.data;
  if (typeof data?.gapSteps !== "string" || typeof data.gapReason !== "string") return [];
  const steps = data.gapSteps.split(",").flatMap((id) => regulation.steps.filter((s) => s.id === id));
  const list = (lang: "ru" | "en", open: string, close: string) =>
    steps.map((s) => `${s.number} ${open}${stepTitle(s)[lang]}${close}`).join(", ");
  return [
    { key: "outcome.gaps", params: { steps: { ru: list("ru", "«", "»"), en: list("en", "“", "”") } } },
    { key: "outcome.gapReason", params: { reason: cut(data.gapReason, NOTE_MAX) } },
  ];
}

/** A mark as «Было: …» or «Теперь: …»: the answer, or that the step was done or recorded, with the form and date. */
function markLine(prefix: "was" | "now", step: RegulationStep, mark: StepMark): NoticeLine {
  const answer = "answer" in mark ? step.question?.answers.find((a) => a.id === mark.answer) : undefined;
  const what: NoticeParam = answer
    ? { t: "outcome.correction.answer", params: { answer: answer.label } }
    : { t: `outcome.correction.${mark.kind}` };
  const params: Record<string, NoticeParam> = { what, date: formatRussianDate(mark.on) };
  if ("form" in mark && mark.form) params.form = { t: `forms.${mark.form}` };
  return { key: `outcome.correction.${prefix}${params.form ? "WithForm" : ""}`, params };
}

function correctedNotice(facts: Facts, step: RegulationStep, undone: StepMark, redone: StepMark | undefined) {
  const urgentAnswer = (mark: StepMark | undefined) =>
    mark && "answer" in mark ? (step.question?.answers.find((a) => a.id === mark.answer)?.urgent ?? false) : false;
  const lines: NoticeLine[] = [
    { key: "outcome.correction.title", params: { subject: facts.subject, number: step.number, title: stepTitle(step) } },
    markLine("was", step, undone),
    redone ? markLine("now", step, redone) : { key: "outcome.correction.reopened" },
    ...common(facts),
  ];
  // A correction of an urgent outcome («подтверждён») travels as urgently as the outcome did.
  return { payload: { lines }, urgent: urgentAnswer(undone) || urgentAnswer(redone) };
}

function closedNotice(facts: Facts, state: CaseState, events: readonly CaseEvent[]): NoticeLine[] {
  return [
    { key: "outcome.closed", params: { subject: facts.subject } },
    { key: "outcome.reason", params: { reason: { t: `close.reasons.${state.closeReason ?? "other"}` } } },
    ...(state.closeNote ? [{ key: "outcome.note", params: { note: cut(state.closeNote, NOTE_MAX) } }] : []),
    ...gapLines(facts.regulation, events),
    { key: "outcome.date", params: { date: formatRussianDate(state.closedOn ?? state.openedOn) } },
    ...common(facts),
  ];
}

/**
 * Reads whom to tell and what (before the transaction); the rows get their keys from the
 * revision the change is saved under.
 */
export async function draftOutcomeNotices(
  deps: CaseServiceDeps,
  loaded: LoadedCase,
  actor: Actor,
  next: { state: CaseState; notifications: readonly CaseNotification[]; events?: readonly CaseEvent[] },
  document?: { base64: string; fileName: string },
): Promise<OutcomeDraft> {
  const wanted = next.notifications.filter((n) => n.kind === "stepDone" || n.kind === "caseClosed" || n.kind === "markCorrected");
  if (wanted.length === 0) return () => [];
  const { stored, regulation, at } = loaded;
  const staff = await createDeputyRepository(deps.db).staff(stored.schoolId);
  const student =
    stored.studentId !== null ? await createSchoolRepository(deps.db).findStudent(stored.schoolId, stored.studentId) : undefined;
  const teacher = staff.find((m) => m.memberId === stored.teacherMemberId)?.fullName ?? "";
  const facts: Facts = {
    subject: subjectLabel(student?.fullName, next.state.classLabel ?? student?.classLabel),
    regulation,
    teacher,
    actor,
    state: next.state,
  };
  const planStep = planStepOf(regulation);
  const deputy = deputyOfCase(staff, stored, regulation);

  const notices: { kind: string; stepId: string; to: StaffContact[]; payload: Omit<NoticePayload, "buttons">; urgent: boolean }[] = [];
  for (const notification of wanted) {
    const to = recipientsOf(notification.recipients, staff, stored.teacherMemberId, deputy).filter((p) => p.userId !== actor.userId);
    if (to.length === 0) continue;
    if (notification.kind === "caseClosed") {
      notices.push({
        kind: "closed",
        stepId: "-",
        to,
        payload: { lines: closedNotice(facts, next.state, next.events ?? []) },
        urgent: false,
      });
      continue;
    }
    const step = regulation.steps.find((s) => s.id === notification.stepId);
    if (!step) continue;
    if (notification.kind === "markCorrected") {
      if (notification.undone) {
        notices.push({ kind: "corrected", stepId: step.id, to, ...correctedNotice(facts, step, notification.undone, notification.redone) });
      }
      continue;
    }
    const plan = step.id === planStep?.id ? await createPlanRepository(deps.db).measures(stored.schoolId, stored.state.id) : undefined;
    notices.push({ kind: "step", stepId: step.id, to, ...stepDoneNotice(facts, next.state, step, plan) });
  }
  const caseId = Number(stored.state.id);
  return (revision) =>
    notices.flatMap((notice) =>
      notice.to.map((person) =>
        noticeRow({
          key: `outcome:${caseId}:${revision}:${notice.kind}:${notice.stepId}:${person.userId}`,
          schoolId: stored.schoolId,
          userId: person.userId,
          caseId,
          at,
          urgent: notice.urgent,
          payload: {
            ...notice.payload,
            buttons: [[{ label: { key: "outcome.open" }, data: REMINDER_DATA.open(caseId) }]],
            ...(document && notice.kind === "step" ? { document } : {}),
          },
        }),
      ),
    );
}
