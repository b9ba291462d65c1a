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

interface TextLimits {
  resolved: number;
  other: number;
  focus: number;
}

const FITTING: TextLimits[] = [
  { resolved: Infinity, other: Infinity, focus: Infinity },
  { resolved: 90, other: Infinity, focus: Infinity },
  { resolved: 40, other: 160, focus: Infinity },
  { resolved: 20, other: 60, focus: Infinity },
  { resolved: 0, other: 30, focus: 1500 },
];

/** The card's text, shortened to fit one message: the focused step stays whole longest. */
export function caseCardText(t: TFunction, lang: Language, model: CardModel): string {
  for (const limits of FITTING) {
    const text = composeCard(t, lang, model, limits);
    if (text.length <= MESSAGE_LIMIT) return text;
  }
  return truncate(composeCard(t, lang, model, FITTING.at(-1)!), MESSAGE_LIMIT);
}

function composeCard(t: TFunction, lang: Language, model: CardModel, limits: TextLimits): string {
  const { card } = model;
  const { state, regulation } = card;
  const focus = focusOf(model);
  const header = [
    card.student
      ? t("card.student", { name: card.student.fullName, classLabel: card.student.classLabel })
      : t("card.classCase", { classLabel: state.classLabel ?? "" }),
    t("card.regulation", { title: regulation.title[lang] }),
    t("card.opened", { date: fullDate(state.openedOn) }),
  ];
  if (card.deputy) header.push(t("card.deputy", { name: card.deputy.name }));
  if (state.status === "closed") {
    header.push(t("card.closed", { date: fullDate(state.closedOn ?? card.today), reason: closeReasonText(t, state.closeReason) }));
    if (state.closeNote) header.push(t("card.closeNote", { note: state.closeNote }));
  }
  for (const flag of state.flags) header.push(t("card.flag", { label: flagLabel(regulation, flag, lang) }));

  const lines = regulation.steps.flatMap((step, index) => {
    const view = card.steps[index]!;
    const resolved = view.status === "done" || view.status === "skipped";
    const limit = focus?.index === index ? limits.focus : resolved ? limits.resolved : limits.other;
    return stepLines(t, lang, model, step, view, limit);
  });

  const footer: string[] = [];
  if (state.status === "open") {
    if (focus) {
      const key = focus.step.id === card.nextStep?.stepId ? "card.next" : "card.selected";
      footer.push(t(key, { number: focus.step.number, when: whenText(t, regulation, focus.step, focus.view) }));
      if (focus.step.question && model.canAct) footer.push(t("card.question", { question: focus.step.question.text[lang] }));
    } else {
      footer.push(t("card.allResolved"));
    }
  }
  return [header.join("\n"), lines.join("\n"), footer.join("\n")].filter(Boolean).join("\n\n");
}

function stepLines(t: TFunction, lang: Language, model: CardModel, step: RegulationStep, view: StepView, limit: number): string[] {
  const { card, plan } = model;
  const text = limit === 0 ? "" : ` ${truncate(step.text[lang], limit)}`;
  const status = stepStatusText(t, lang, model, step, view);
  const lines = [`${STATUS_ICONS[view.status]} ${step.number}.${text} — ${status}`];
  if (plan && step.id === plan.planStepId) {
    for (const file of plan.files) lines.push(`   📎 ${file.fileName || t("plan.file")}`);
    if (plan.measures.length > 0) lines.push(`   ${t("card.planMeasures", { count: plan.measures.length })}`);
  }
  if (plan && step.id === plan.controlStepId && card.state.status === "open") {
    for (const measure of plan.measures) lines.push(`   ${measure.doneOn ? "☑️" : "▫️"} ${truncate(measure.what, 60)}`);
  }
  return lines;
}

function stepStatusText(t: TFunction, lang: Language, model: CardModel, step: RegulationStep, view: StepView): string {
  const { card } = model;
  const record = card.state.steps[step.id];
  if (record?.state === "done") {
    const parts = [t("card.doneOn", { date: shortDate(record.completedOn!) })];
    const answer = answerLabel(step, record.answer, lang);
    if (answer) parts.push(t("card.answer", { answer }));
    if (record.form) parts.push(t("card.form", { form: t(`forms.${record.form}`) }));
    return parts.join(", ");
  }
  if (record?.state === "skipped") {
    return t("card.skippedOn", { date: shortDate(record.completedOn!), reason: truncate(record.skipReason ?? "", 80) });
  }
  if (card.state.status === "closed") {
    return record && record.occurrences.length > 0
      ? t("card.lastOccurrence", { date: shortDate(record.occurrences.at(-1)!) })
      : t("card.notMarked");
  }
  const when = whenText(t, card.regulation, step, view);
  const answered = step.question ? lastAnswer(t, model, step, lang) : undefined;
  return answered ? `${when}; ${answered}` : when;
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
