import type { TFunction } from "i18next";
import type { CallbackButton, CallbackKeyboard } from "../../domain/messages/inline-keyboard.js";
import { weekday, type LocalDate } from "../../domain/dates.js";
import type { RegulationCatalog } from "../../domain/regulation/catalog.js";
import type { Language } from "../../i18n.js";
import type { MessagePlan, OutboxItem } from "../../domain/reminders/group-messages.js";
import type { NoticePayload, StepPayload, SubjectLabel, UnreachablePayload } from "../../domain/reminders/notification.js";
import { renderNotice } from "../notices/render-notice.js";
import { composeSosMessage, isSosKind } from "../sos/compose-sos-message.js";
import { composeDeputyDigest } from "../deputy/compose-deputy-digest.js";
import { composeMeetingReminder, isMeetingReminderKind } from "../meetings/compose-meeting-reminder.js";
import { composeCouncilReview } from "../council/review-prompt.js";
import { defineCallback, int, oneOf } from "../callback-data.js";

/*
 * Turns grouped outbox rows into the text and buttons of one Telegram message, in the
 * recipient's language. The first line names the task and never the student's situation; a
 * student appears only as "Иванов П., 7Б" (or the class alone), further down.
 */

export interface ComposedMessage {
  text: string;
  replyMarkup?: CallbackKeyboard;
  /** Sent as a document with the text as its caption. */
  document?: { bytes: Buffer; fileName: string };
}

/** Callback data of the reminder buttons: "rm:o:<case>" opens the card, "rm:z:<case>:<step index>" snoozes. */
export const REMINDER_OPEN = defineCallback("rm", { action: oneOf("o"), caseId: int() });
export const REMINDER_SNOOZE = defineCallback("rm", { action: oneOf("z"), caseId: int(), stepIndex: int(99) });
/** "rm:r:<case>:<step index>": a weekly step's check or contact, recorded today from the digest. */
export const REMINDER_OCCURRENCE = defineCallback("rm", { action: oneOf("r"), caseId: int(), stepIndex: int(99) });

export const REMINDER_DATA = {
  open: (caseId: number) => REMINDER_OPEN.encode({ action: "o", caseId }),
  snooze: (caseId: number, stepIndex: number) => REMINDER_SNOOZE.encode({ action: "z", caseId, stepIndex }),
  occurrence: (caseId: number, stepIndex: number) => REMINDER_OCCURRENCE.encode({ action: "r", caseId, stepIndex }),
} as const;

/** Telegram allows 100 buttons; a digest this long says the rest in text only. */
const MAX_BUTTON_ROWS = 30;
const QUOTE_LENGTH = 90;

export function dateText(t: TFunction, date: LocalDate): string {
  return t("reminders.date", { date: `${date.slice(8, 10)}.${date.slice(5, 7)}`, weekday: t(`common.weekdays.${weekday(date)}`) });
}

function subjectText(subject: SubjectLabel): string {
  return [subject.name, subject.classLabel].filter(Boolean).join(", ");
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/, "")}…`;
}

export function composeMessage(t: TFunction, lang: Language, regulations: RegulationCatalog, message: MessagePlan): ComposedMessage {
  switch (message.group) {
    case "digest":
      return composeDigest(t, lang, regulations, message.items);
    case "escalations":
      return composeEscalations(t, lang, regulations, message.items);
    case "single":
      return composeSingle(t, lang, message.items[0]!);
  }
}

/** The step's own words, its title where the file has one, and its index in the case's version. */
function stepText(regulations: RegulationCatalog, lang: Language, p: StepPayload): { text: string; title?: string; index: number } {
  try {
    const steps = regulations.get(p.regulationId, p.regulationVersion).steps;
    const index = steps.findIndex((s) => s.id === p.stepId);
    const title = steps[index]?.title?.[lang];
    return { text: index >= 0 ? steps[index]!.text[lang] : "", ...(title ? { title } : {}), index };
  } catch {
    return { text: "", index: -1 };
  }
}

function questionOf(regulations: RegulationCatalog, lang: Language, p: StepPayload): string | undefined {
  try {
    return regulations.get(p.regulationId, p.regulationVersion).steps.find((s) => s.id === p.stepId)?.question?.text[lang];
  } catch {
    return undefined;
  }
}

/** The regulation's short name and the step's title, for a deputy who needs to know what is late. */
function regulationAndStep(regulations: RegulationCatalog, lang: Language, p: StepPayload): { regulation?: string; step?: string } {
  try {
    const regulation = regulations.get(p.regulationId, p.regulationVersion);
    const step = regulation.steps.find((s) => s.id === p.stepId);
    return { regulation: (regulation.shortTitle ?? regulation.title)[lang], ...(step?.title ? { step: step.title[lang] } : {}) };
  } catch {
    return {};
  }
}

/** «Иванов П., 7Б — Связь с семьёй»: the student and the step's title (a quote of its text when it has none). */
function quoteLine(t: TFunction, subject: SubjectLabel, step: { text: string; title?: string } | undefined): string {
  const what = step?.title ?? (step?.text ? t("reminders.quote", { text: truncate(step.text, QUOTE_LENGTH) }) : "");
  const parts = [subjectText(subject), what].filter(Boolean);
  return parts.length > 0 ? `   ${parts.join(" — ")}` : "";
}

function composeDigest(t: TFunction, lang: Language, regulations: RegulationCatalog, items: readonly OutboxItem[]): ComposedMessage {
  const payloads = items.map((i) => i.payload as StepPayload);
  const date = payloads.reduce((max, p) => (p.date > max ? p.date : max), payloads[0]!.date);
  const lines = [t("reminders.digestTitle", { date: dateText(t, date), count: items.length }), ""];
  const keyboard: CallbackButton[][] = [];
  items.forEach((item, i) => {
    const p = payloads[i]!;
    const n = i + 1;
    const told = item.kind === "toldDeputy" || item.kind === "toldDirector";
    // A step waiting on others (the family centre's status): its question, asked again each school day.
    const question = p.askAgain && (item.kind === "dueToday" || item.kind === "dueSoon") ? questionOf(regulations, lang, p) : undefined;
    const variant = question
      ? "askAgain"
      : p.recurring && ["overdue", "dueToday", "dueSoon"].includes(item.kind)
        ? `${item.kind}Recurring`
        : item.kind;
    const step = stepText(regulations, lang, p);
    const { index } = step;
    lines.push(
      `${n}. ${t(`reminders.item.${variant}`, {
        number: p.stepNumber,
        due: p.dueOn ? dateText(t, p.dueOn) : "",
        ...(question ? { question } : {}),
        ...(p.schoolDaysLeft !== undefined ? { left: t("common.schoolDays", { count: p.schoolDaysLeft }) } : {}),
      })}`,
    );
    const quote = quoteLine(t, p.subject, told ? undefined : step);
    if (quote) lines.push(quote);
    // A weekly check or contact is one tap from here; any other step is «Открыть», then its button.
    if (!told && p.recurring && index >= 0 && keyboard.length < MAX_BUTTON_ROWS) {
      const title = step.title ?? t("reminders.stepNumber", { number: p.stepNumber });
      keyboard.push([{ text: t("reminders.occurrenceToday", { n, title }), callback_data: REMINDER_DATA.occurrence(p.caseId, index) }]);
    }
    if (!told && index >= 0 && keyboard.length < MAX_BUTTON_ROWS) {
      keyboard.push([
        { text: t("reminders.open", { n }), callback_data: REMINDER_DATA.open(p.caseId) },
        { text: t("reminders.snooze", { n }), callback_data: REMINDER_DATA.snooze(p.caseId, index) },
      ]);
    }
  });
  return { text: lines.join("\n"), ...(keyboard.length > 0 ? { replyMarkup: { inline_keyboard: keyboard } } : {}) };
}

function composeEscalations(t: TFunction, lang: Language, regulations: RegulationCatalog, items: readonly OutboxItem[]): ComposedMessage {
  const director = items.every((i) => i.kind === "escalationDirector");
  const lines = [t(director ? "escalation.titleDirector" : "escalation.title", { count: items.length }), ""];
  const keyboard: CallbackButton[][] = [];
  items.forEach((item, i) => {
    const p = item.payload as StepPayload;
    const n = i + 1;
    const late = t("common.schoolDays", { count: p.lateSchoolDays ?? 0 });
    const named = regulationAndStep(regulations, lang, p);
    const due = p.dueOn ? dateText(t, p.dueOn) : "";
    lines.push(
      `${n}. ${named.step ? t("escalation.itemTitled", { number: p.stepNumber, title: named.step, late, due }) : t("escalation.item", { number: p.stepNumber, late, due })}`,
    );
    lines.push(
      `   ${[subjectText(p.subject), p.teacherName ? t("escalation.teacher", { name: p.teacherName }) : ""].filter(Boolean).join(" · ")}`,
    );
    if (named.regulation) lines.push(`   ${t("escalation.regulation", { name: named.regulation })}`);
    const { text } = stepText(regulations, lang, p);
    if (text) lines.push(`   ${t("reminders.quote", { text: truncate(text, QUOTE_LENGTH) })}`);
    if (keyboard.length < MAX_BUTTON_ROWS)
      keyboard.push([{ text: t("escalation.open", { n }), callback_data: REMINDER_DATA.open(p.caseId) }]);
  });
  return { text: lines.join("\n"), replyMarkup: { inline_keyboard: keyboard } };
}

function composeSingle(t: TFunction, lang: Language, item: OutboxItem): ComposedMessage {
  if (item.kind === "notice") {
    const notice = renderNotice(t, lang, item.payload as NoticePayload);
    return {
      text: notice.text,
      ...(notice.buttons ? { replyMarkup: { inline_keyboard: notice.buttons } } : {}),
      ...(notice.document ? { document: notice.document } : {}),
    };
  }
  if (isSosKind(item.kind)) return composeSosMessage(t, item);
  if (item.kind === "deputyDigest") return composeDeputyDigest(t, lang, item);
  if (item.kind === "councilReview") return composeCouncilReview(t, item);
  if (isMeetingReminderKind(item.kind)) return composeMeetingReminder(t, item);
  if (item.kind === "userUnreachable") {
    const p = item.payload as UnreachablePayload;
    return { text: t(p.teacher ? "delivery.unreachableTeacher" : "delivery.unreachableStaff", { name: p.fullName }) };
  }
  const p = item.payload as StepPayload;
  return {
    text: t("escalation.emergency", { subject: subjectText(p.subject), teacher: p.teacherName ?? "" }),
    replyMarkup: { inline_keyboard: [[{ text: t("escalation.openOne"), callback_data: REMINDER_DATA.open(p.caseId) }]] },
  };
}
