import type { TFunction } from "i18next";
import type { CaseCard } from "../../app/cases/get-case-card.js";
import type { StoredCaseEvent } from "../../app/cases/get-case-card.js";
import type { Language } from "../../i18n.js";
import { answerLabel, caseTitle, closeReasonText, flagLabel, MESSAGE_LIMIT } from "./case-card-view.js";
import { parentGender } from "../../domain/people/parent-meetings.js";
import { fullDate, truncate } from "./format.js";

/** Every event of the case, oldest first: when, who, what. The oldest give way when it is too long. */
export function chronologyText(t: TFunction, lang: Language, card: CaseCard): string {
  const header = t("card.chronology.title", { subject: caseTitle(card) });
  const lines = card.events.map((event) => {
    const who = event.actorId ? (card.names[event.actorId] ?? t("card.chronology.someone")) : t("card.chronology.system");
    return t("card.chronology.line", { date: fullDate(event.on), who, what: chronologyEventText(t, lang, card, event) });
  });
  let dropped = 0;
  const compose = () =>
    [header, ...(dropped > 0 ? [t("card.chronology.earlier", { count: dropped })] : []), ...lines.slice(dropped)].join("\n");
  while (compose().length > MESSAGE_LIMIT && dropped < lines.length) dropped++;
  return compose();
}

/** What one event says, as the chronology and the case file word it. */
export function chronologyEventText(t: TFunction, lang: Language, card: CaseCard, event: StoredCaseEvent): string {
  const step = card.regulation.steps.find((s) => s.id === event.stepId);
  const number = step?.number ?? "";
  const data = event.data;
  const details: string[] = [];
  const answer = step ? answerLabel(step, typeof data.answer === "string" ? data.answer : undefined, lang) : undefined;
  if (typeof data.form === "string") details.push(t(`forms.${data.form}`));
  const note = typeof data.note === "string" ? t("card.chronology.note", { note: truncate(data.note, 300) }) : "";
  const withDetails = (text: string) => `${text}${answer ? `: ${answer}` : ""}${details.length ? ` (${details.join(", ")})` : ""}${note}`;
  switch (event.type) {
    case "caseOpened":
      return t("card.chronology.caseOpened");
    case "stepCompleted":
      return withDetails(t("card.chronology.stepCompleted", { number }));
    case "stepAnswered":
      return withDetails(t("card.chronology.stepAnswered", { number }));
    case "occurrenceRecorded":
      return withDetails(t("card.chronology.occurrenceRecorded", { number }));
    case "stepSkipped":
      return t("card.chronology.stepSkipped", { number, reason: String(data.reason ?? "") });
    case "caseFlagged":
      return t("card.chronology.caseFlagged", { label: flagLabel(card.regulation, String(data.flag ?? ""), lang) });
    case "caseReassigned":
      return t("card.chronology.caseReassigned", { name: card.names[String(data.toTeacherId ?? "")] ?? "" });
    case "caseClosed":
      return t("card.chronology.caseClosed", { reason: closeReasonText(t, String(data.reason ?? "")) }) + note + gapsText(t, card, data);
    case "caseReopened":
      return t("card.chronology.caseReopened");
    case "comment":
      if (typeof data.attachment === "string") return t("card.chronology.attachment", { name: truncate(data.attachment, 100) });
      return (step ? t("card.chronology.stepNote", { number }) : t("comment.chronology")) + note;
    case "linkedCaseRequested":
      return t("card.chronology.linkedCaseRequested", { regulation: String(data.regulationId ?? "") });
    case "markCorrected":
      return correctionText(t, lang, card, event, details);
    case "parentInvited":
    case "parentAttended":
      return parentMeetingText(t, event.type, data);
  }
}

/** «📨 мать Иванова Анна Петровна приглашена на встречу 10.12.2026 по телефону», «❌ … не пришла на встречу …». */
function parentMeetingText(t: TFunction, type: "parentInvited" | "parentAttended", data: StoredCaseEvent["data"]): string {
  const name = String(data.parent ?? "");
  const relation = String(data.relation ?? "");
  const params = {
    name,
    relation: t(`family.relationOf.${relation}`, { defaultValue: "" }),
    date: typeof data.meetingOn === "string" ? fullDate(data.meetingOn) : "",
    context: parentGender(relation, name),
  };
  if (type === "parentInvited")
    return t("card.chronology.parentInvited", { ...params, via: t(`family.meetings.via.${String(data.via ?? "")}`) });
  return t(data.attended === true ? "card.chronology.parentCame" : "card.chronology.parentNoShow", params);
}

/** «; шаги 6, 7 ни разу не отмечены: «…»» for a close over weekly steps never recorded. */
function gapsText(t: TFunction, card: CaseCard, data: StoredCaseEvent["data"]): string {
  if (typeof data.gapSteps !== "string" || typeof data.gapReason !== "string") return "";
  const numbers = data.gapSteps.split(",").map((id) => card.regulation.steps.find((s) => s.id === id)?.number ?? id);
  return t("card.chronology.gaps", { count: numbers.length, steps: numbers.join(", "), reason: truncate(data.gapReason, 300) });
}

/** «шаг 3: отменена отметка о выполнении от 04.12.2026; был ответ «подтверждён»; снято: …». */
function correctionText(t: TFunction, lang: Language, card: CaseCard, event: StoredCaseEvent, forms: readonly string[]): string {
  const step = card.regulation.steps.find((s) => s.id === event.stepId);
  const data = event.data;
  const kind = ["completion", "skip", "occurrence", "awaiting"].includes(String(data.undone)) ? String(data.undone) : "completion";
  const on = typeof data.on === "string" ? fullDate(data.on) : "";
  const parts = [t(`card.chronology.markCorrected.${kind}`, { number: step?.number ?? "", date: on })];
  const answer = step && typeof data.answer === "string" ? answerLabel(step, data.answer, lang) : undefined;
  if (answer) parts.push(t("card.chronology.markCorrected.answer", { answer }));
  if (forms.length > 0) parts.push(forms.join(", "));
  if (typeof data.reason === "string") parts.push(data.reason);
  for (const flag of typeof data.flagsWithdrawn === "string" ? data.flagsWithdrawn.split(",") : []) {
    parts.push(t("card.chronology.markCorrected.flagWithdrawn", { label: flagLabel(card.regulation, flag, lang) }));
  }
  const note = typeof data.note === "string" ? t("card.chronology.note", { note: truncate(data.note, 300) }) : "";
  return parts.join("; ") + note;
}
