import { InlineKeyboard } from "grammy";
import type { TFunction } from "i18next";
import type { CasePlan } from "../../app/plans/get-plan.js";
import { cardData } from "./callback-data.js";
import { measureToggleRows } from "./case-card-keyboard.js";
import { MESSAGE_LIMIT } from "./case-card-view.js";
import { dueText, fullDate, shortDate, truncate } from "./format.js";
import { PLAN_DATE_DATA } from "./plan-date-data.js";

/** «План ИПР» for the absence regulation; a regulation may name its plan otherwise (locales plan.names). */
export function planName(t: TFunction, regulationId: string): string {
  return t(`plan.names.${regulationId}`, { defaultValue: t("plan.names.default") });
}

export function planText(t: TFunction, name: string, subject: string, plan: CasePlan): string {
  const lines = [t("plan.title", { name, subject })];
  if (plan.formal) {
    lines.push(plan.registeredOn ? t("plan.registeredOn", { date: fullDate(plan.registeredOn) }) : t("plan.registeredUnknown"));
    if (plan.readOn) lines.push(t("plan.readOn", { date: fullDate(plan.readOn) }));
  }
  if (plan.measures.length === 0 && plan.files.length === 0) lines.push(t("plan.empty"));
  plan.measures.forEach((m, i) => {
    const parts = [`${i + 1}. ${m.doneOn ? "☑️" : "▫️"} ${m.what}`, m.who];
    if (m.dueOn) parts.push(dueText(t, m.dueOn));
    if (m.doneOn) parts.push(t("plan.doneOn", { date: shortDate(m.doneOn) }));
    lines.push(parts.join(" — "));
  });
  for (const file of plan.files) lines.push(t("plan.fileLine", { name: file.fileName || t("plan.file") }));
  if (plan.open && plan.measures.length > 0) lines.push("", t("plan.tickHint"));
  return truncate(lines.join("\n"), MESSAGE_LIMIT);
}

export function planKeyboard(t: TFunction, caseId: string, plan: CasePlan, canAct: boolean, canRecord = false): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const editable = canAct && plan.open && plan.ready;
  if (editable) {
    measureToggleRows(keyboard, caseId, plan, "plan");
    keyboard.text(t("plan.buttons.add"), cardData("planAdd", caseId)).row();
    keyboard.text(t("plan.buttons.attach"), cardData("planFile", caseId)).row();
  }
  for (const file of plan.files)
    keyboard.text(`📄 ${truncate(file.fileName || t("plan.file"), 40)}`, cardData("planGetFile", caseId, file.id)).row();
  if (plan.formal && canRecord) {
    keyboard.text(t("plan.buttons.registered"), PLAN_DATE_DATA.encode({ which: "r", caseId: Number(caseId) })).row();
    keyboard.text(t("plan.buttons.read"), PLAN_DATE_DATA.encode({ which: "a", caseId: Number(caseId) })).row();
  }
  return keyboard.text(t("card.buttons.card"), cardData("open", caseId));
}
