import type { TFunction } from "i18next";
import type { CaseCard } from "../../app/cases/get-case-card.js";
import type { CasePlan } from "../../app/plans/get-plan.js";
import type { StepStatus, StepView } from "../../domain/case/index.js";
import type { Regulation, RegulationStep } from "../../domain/regulation/schema.js";
import type { Language } from "../../i18n.js";
import { dueText, fullDate, shortDate, subjectLabel, truncate, windowText } from "./format.js";

/** Telegram's limit for a message's text. */
export const MESSAGE_LIMIT = 4096;

export const STATUS_ICONS: Record<StepStatus, string> = {
  done: "✅",
  skipped: "⏭",
  overdue: "🔴",
  dueToday: "🟠",
  dueSoon: "🟡",
  pending: "⚪",
  waiting: "⏳",
};

/** What a card shows, and what the person looking at it may do. */
export interface CardModel {
  card: CaseCard;
  /** For regulations with an ИПР. */
  plan?: CasePlan;
  canAct: boolean;
  canClose: boolean;
  /** «💬 Комментарий» and «Передать другому учителю» (case-comment feature). */
  canComment?: boolean;
  canReassign?: boolean;
  /** The step the buttons act on; the next action by default. */
  focusStepId?: string;
}

export interface FocusedStep {
  step: RegulationStep;
  view: StepView;
  index: number;
}

/** The step the card's buttons act on: the chosen open step, else the next action. */
export function focusOf(model: CardModel): FocusedStep | undefined {
  const { card } = model;
  if (card.state.status !== "open") return undefined;
  const chosen = model.focusStepId && card.state.steps[model.focusStepId]?.state === "open" ? model.focusStepId : card.nextStep?.stepId;
  const index = card.regulation.steps.findIndex((s) => s.id === chosen);
  if (index < 0) return undefined;
  return { step: card.regulation.steps[index]!, view: card.steps[index]!, index };
}

export function answerLabel(step: RegulationStep, answerId: string | undefined, lang: Language): string | undefined {
  return step.question?.answers.find((a) => a.id === answerId)?.label[lang];
}

export function flagLabel(regulation: Regulation, flag: string, lang: Language): string {
  for (const step of regulation.steps) {
    for (const answer of step.question?.answers ?? []) {
      for (const effect of answer.effects) if (effect.kind === "flag" && effect.flag === flag) return effect.label[lang];
    }
  }
  return flag;
}

/** When a step is due, in words: «до 25.11 (пн)», «с 28.11 до 02.12», «после шага 3» ... */
export function whenText(t: TFunction, regulation: Regulation, step: RegulationStep, view: StepView): string {
  if (view.status === "waiting") {
    const anchor = "anchor" in step.timing && step.timing.anchor.kind === "stepCompleted" ? step.timing.anchor.step : undefined;
    const number = regulation.steps.find((s) => s.id === anchor)?.number;
    return number ? t("card.afterStep", { number }) : t("card.waiting");
  }
  if (step.timing.kind === "recurring") {
    const parts = [
      view.lastOccurrenceOn ? t("card.lastOccurrence", { date: shortDate(view.lastOccurrenceOn) }) : t("card.noOccurrenceYet"),
    ];
    if (view.nextOccurrenceOn) parts.push(t("card.nextOccurrence", { when: dueText(t, view.nextOccurrenceOn) }));
    return withUrgency(t, parts.join("; "), view.status);
  }
  if (view.windowStartsOn && view.dueOn) return withUrgency(t, windowText(t, view.windowStartsOn, view.dueOn), view.status);
  if (view.dueOn) return withUrgency(t, dueText(t, view.dueOn), view.status);
  return t("card.asNeeded");
}

function withUrgency(t: TFunction, text: string, status: StepStatus): string {
  if (status === "overdue") return `${text}, ${t("card.overdue")}`;
  if (status === "dueToday") return `${text}, ${t("card.today")}`;
  return text;
}

/**
 * How much of the focused step's verbatim text fits. Every other line is a step's short title, so
 * an ordinary card stays well under a phone screen; only a very long step text is ever cut.
 */
const FOCUS_LIMITS = [1500, 700, 300, 0];
/** The card's text, fitted to one message: step titles, one line each, and the focused step in full. */
export function caseCardText(t: TFunction, lang: Language, model: CardModel): string {
  for (const focusLimit of FOCUS_LIMITS) {
    const text = composeCard(t, lang, model, focusLimit);
    if (text.length <= MESSAGE_LIMIT) return text;
  }
  return truncate(composeCard(t, lang, model, 0), MESSAGE_LIMIT);
}

/** A step's few words for lists, buttons and notices; its text cut short where a file has none. */
export function stepTitle(step: RegulationStep, lang: Language): string {
  return step.title?.[lang] ?? truncate(step.text[lang], 40);
}

/** The regulation's short name for headers and notices. */
export function regulationName(regulation: Regulation, lang: Language): string {
  return (regulation.shortTitle ?? regulation.title)[lang];
}

function composeCard(t: TFunction, lang: Language, model: CardModel, focusLimit: number): string {
  const { card } = model;
  const { state, regulation } = card;
  const focus = focusOf(model);
  const header = [
    card.student
      ? t("card.student", { name: card.student.fullName, classLabel: card.student.classLabel })
      : t("card.classCase", { classLabel: state.classLabel ?? "" }),
    t("card.regulation", { title: regulationName(regulation, lang) }),
  ];
  // A step done on opening («✅ 1. Уведомление … — 05.11») already dates the case.
  if (!regulation.steps.some((s) => s.doneOnOpening)) header.push(t("card.opened", { date: fullDate(state.openedOn) }));
  if (state.firstAbsenceOn) {
    const date = fullDate(state.firstAbsenceOn);
    header.push(state.daysMissed !== undefined ? t("card.absence", { date, count: state.daysMissed }) : t("card.absenceFrom", { date }));
  }
  if (card.deputy) header.push(t("card.deputy", { name: card.deputy.name }));
  if (state.status === "closed") {
    header.push(t("card.closed", { date: fullDate(state.closedOn ?? card.today), reason: closeReasonText(t, state.closeReason) }));
    if (state.closeNote) header.push(t("card.closeNote", { note: state.closeNote }));
  }
  for (const flag of state.flags) header.push(t("card.flag", { label: flagLabel(regulation, flag, lang) }));

  const lines = regulation.steps.flatMap((step, index) => stepLines(t, lang, model, step, card.steps[index]!));

  const footer: string[] = [];
  if (state.status === "open") {
    if (focus) {
      // The focused step's dates are on its line above; here its own words.
      const key = focus.step.id === card.nextStep?.stepId ? "card.next" : "card.selected";
      footer.push(t(key, { number: focus.step.number }));
      if (focusLimit > 0) footer.push(t("card.stepText", { text: truncate(focus.step.text[lang], focusLimit) }));
      if (focus.step.question && model.canAct) footer.push(t("card.question", { question: focus.step.question.text[lang] }));
    } else {
      footer.push(t("card.allResolved"));
    }
  }
  return [header.join("\n"), lines.join("\n"), footer.join("\n")].filter(Boolean).join("\n\n");
}

/** A step's line: status, number, title, date; the plan's files and measure count under the plan step. */
function stepLines(t: TFunction, lang: Language, model: CardModel, step: RegulationStep, view: StepView): string[] {
  const { plan } = model;
  const status = stepStatusText(t, lang, model, step, view);
  const lines = [`${STATUS_ICONS[view.status]} ${step.number}. ${stepTitle(step, lang)}${status ? ` — ${status}` : ""}`];
  // The measures themselves are the control step's buttons (☑️/▫️); the text counts them.
  if (plan && step.id === plan.planStepId) {
    for (const file of plan.files) lines.push(`   📎 ${truncate(file.fileName || t("plan.file"), 60)}`);
    if (plan.measures.length > 0) lines.push(`   ${t("card.planMeasures", { count: plan.measures.length })}`);
  }
  return lines;
}

function stepStatusText(t: TFunction, lang: Language, model: CardModel, step: RegulationStep, view: StepView): string {
  const { card } = model;
  const record = card.state.steps[step.id];
  if (record?.state === "done") {
    const parts = [shortDate(record.completedOn!)];
    const answer = answerLabel(step, record.answer, lang);
    if (answer) parts.push(answer);
    if (record.form) parts.push(t(`forms.${record.form}`));
    return parts.join(", ");
  }
  if (record?.state === "skipped") {
    return t("card.skippedOn", { date: shortDate(record.completedOn!), reason: truncate(record.skipReason ?? "", 40) });
  }
  if (card.state.status === "closed") {
    return record && record.occurrences.length > 0
      ? t("card.lastOccurrence", { date: shortDate(record.occurrences.at(-1)!) })
      : t("card.notMarked");
  }
  if (view.status === "waiting" && waitsForPrevious(card.regulation, step)) return "";
  const when = whenText(t, card.regulation, step, view);
  const answered = step.question ? lastAnswer(t, model, step, lang) : undefined;
  return answered ? `${when}; ${answered}` : when;
}

/** ⏳ says enough when a step waits for the one just above it; «после шага 5» only when it is another. */
function waitsForPrevious(regulation: Regulation, step: RegulationStep): boolean {
  const index = regulation.steps.indexOf(step);
  const anchor = "anchor" in step.timing && step.timing.anchor.kind === "stepCompleted" ? step.timing.anchor.step : undefined;
  return index > 0 && regulation.steps[index - 1]!.id === anchor;
}

/** The latest answer that left the step open («статуса ещё нет»). */
function lastAnswer(t: TFunction, model: CardModel, step: RegulationStep, lang: Language): string | undefined {
  const event = [...model.card.events].reverse().find((e) => e.type === "stepAnswered" && e.stepId === step.id);
  const answer = event ? answerLabel(step, String(event.data.answer ?? ""), lang) : undefined;
  return event && answer ? t("card.lastAnswer", { answer, date: shortDate(event.on) }) : undefined;
}

export function closeReasonText(t: TFunction, reason: string | undefined): string {
  if (!reason) return "";
  return t(`close.reasons.${reason}`, { defaultValue: reason });
}

export function caseTitle(card: CaseCard): string {
  return subjectLabel(card.student?.fullName, card.student?.classLabel ?? card.state.classLabel);
}
